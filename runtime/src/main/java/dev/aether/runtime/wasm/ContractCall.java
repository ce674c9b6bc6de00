package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Meter;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.Saturating;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One invocation of a contract: its host functions and its step counter.
 *
 * <p>Metering: the interpreter reports every executed instruction (one step each) to {@link
 * #onExecution}; the count is a pure function of the code and its inputs, so every node gets the
 * same number. Steps are counted locally against a budget taken from the {@link Meter} and handed
 * to the meter at every host call and at the end, so the per-instruction cost is one increment and
 * one compare. {@code memory.grow} is checked against the page limit and charged as memory before
 * it runs.
 */
final class ContractCall implements ExecutionListener {
  private final CallContext ctx;
  private final Bytes args;
  private final ContractLimits limits;
  private final StepPrices prices;
  private Instance instance;
  private long pending;
  private long limit;
  private long budget;

  ContractCall(CallContext ctx, Bytes args, ContractLimits limits) {
    this.ctx = ctx;
    this.args = args;
    this.limits = limits;
    this.prices = new StepPrices(ctx);
    this.limit = ctx.meter().stepLimit();
    this.budget = limit - ctx.meter().steps();
  }

  void bind(Instance instance) {
    this.instance = instance;
  }

  @Override
  public void onExecution(Instruction instruction, MStack stack) {
    if (++pending > budget) {
      flush(); // throws OutOfGas, with the steps counted
    }
    if (instruction.opcode() == OpCode.MEMORY_GROW) {
      long delta = stack.peek() & 0xffff_ffffL;
      long pages = instance.memory().pages() + delta;
      if (pages > limits.maxPages()) {
        throw new RuntimeError.MemoryLimit(
            "memory.grow to " + pages + " pages, limit " + limits.maxPages());
      }
      flush();
      ctx.meter().memory(delta * Memory.PAGE_SIZE);
      limit = ctx.meter().stepLimit(); // more memory leaves fewer steps under the cap
      budget = limit - ctx.meter().steps();
    }
  }

  /**
   * Hands the locally counted steps to the meter. The step limit only moves when memory grows, so
   * the new budget is plain subtraction, not a fee computation.
   */
  void flush() {
    long n = pending;
    pending = 0;
    ctx.meter().steps(n);
    budget = limit - ctx.meter().steps();
  }

  /** Like {@link #flush} but on a failing path: the steps count, a second out-of-gas does not. */
  void flushQuietly() {
    try {
      flush();
    } catch (RuntimeError.OutOfGas e) {
      // already at the cap: the fee is the cap either way
    }
  }

  private void host(long steps) {
    flush();
    ctx.meter().steps(steps);
    budget = limit - ctx.meter().steps();
  }

  private Memory memory() {
    return instance.memory();
  }

  private byte[] read(long ptr, long len) {
    if (len < 0 || len > Integer.MAX_VALUE || ptr < 0 || ptr > Integer.MAX_VALUE) {
      throw new RuntimeError.ContractTrap("bad pointer or length");
    }
    ctx.meter().steps(Saturating.mul(prices.perByte, len));
    return memory().readBytes((int) ptr, (int) len);
  }

  private void write(long ptr, byte[] data) {
    if (ptr < 0 || ptr > Integer.MAX_VALUE) {
      throw new RuntimeError.ContractTrap("bad pointer");
    }
    ctx.meter().steps(Saturating.mul(prices.perByte, data.length));
    memory().write((int) ptr, data);
  }

  private H256 read32(long ptr) {
    return H256.of(read(ptr, 32));
  }

  ImportValues imports() {
    List<HostFunction> fns = new ArrayList<>();
    add(
        fns,
        "args_len",
        (inst, a) -> {
          host(prices.cheap);
          return new long[] {args.length()};
        });
    add(
        fns,
        "args_read",
        (inst, a) -> {
          host(prices.cheap);
          write(a[0], args.toArray());
          return null;
        });
    add(
        fns,
        "storage_get",
        (inst, a) -> {
          host(prices.cheap);
          Optional<Bytes> v = ctx.storageGet(read32(a[0]));
          if (v.isEmpty()) {
            return new long[] {-1};
          }
          byte[] b = v.get().toArray();
          int cap = (int) Math.max(0, Math.min(a[2], b.length));
          write(a[1], java.util.Arrays.copyOf(b, cap));
          return new long[] {b.length};
        });
    add(
        fns,
        "storage_set",
        (inst, a) -> {
          host(prices.cheap);
          H256 slot = read32(a[0]);
          ctx.storageSet(slot, Bytes.of(read(a[1], a[2] & 0xffff_ffffL)));
          return null;
        });
    add(
        fns,
        "storage_delete",
        (inst, a) -> {
          host(prices.cheap);
          ctx.storageDelete(read32(a[0]));
          return null;
        });
    add(
        fns,
        "caller",
        (inst, a) -> {
          host(prices.cheap);
          write(a[0], ctx.caller().hash().toArray());
          return null;
        });
    add(
        fns,
        "self",
        (inst, a) -> {
          host(prices.cheap);
          write(a[0], ctx.self().toArray());
          return null;
        });
    add(
        fns,
        "transfer",
        (inst, a) -> {
          host(prices.cheap);
          Address to = new Address(read32(a[0]));
          if (a[1] < 0) {
            throw new RuntimeError.BadArguments("negative transfer amount");
          }
          ctx.transfer(
              CallContext.programAddress(ctx.self()), to, Value.of(AssetId.SWR, Amount.of(a[1])));
          return null;
        });
    add(
        fns,
        "emit",
        (inst, a) -> {
          host(prices.cheap);
          long topicLen = a[1] & 0xffff_ffffL;
          long dataLen = a[3] & 0xffff_ffffL;
          if (topicLen > dev.aether.types.Event.MAX_TOPIC
              || dataLen > dev.aether.types.Event.MAX_DATA) {
            throw new RuntimeError.EventLimit("event topic/data over limit");
          }
          ctx.emit(Bytes.of(read(a[0], topicLen)), Bytes.of(read(a[2], dataLen)));
          return null;
        });
    add(
        fns,
        "sha256",
        (inst, a) -> {
          long len = a[1] & 0xffff_ffffL;
          host(Saturating.add(prices.hashBase, Saturating.mul(prices.hashPerByte, len)));
          write(a[2], Hashing.sha256(read(a[0], len)).toArray());
          return null;
        });
    add(
        fns,
        "ed25519_verify",
        (inst, a) -> {
          long len = a[2] & 0xffff_ffffL;
          host(Saturating.add(prices.verify, Saturating.mul(prices.hashPerByte, len)));
          boolean ok = Ed25519.verify(read(a[0], 32), read(a[1], len), read(a[3], 64));
          return new long[] {ok ? 1 : 0};
        });
    add(
        fns,
        "abort",
        (inst, a) -> {
          host(prices.cheap);
          throw new RuntimeError.ContractTrap("contract aborted with code " + (int) a[0]);
        });
    return ImportValues.builder().withFunctions(List.copyOf(fns)).build();
  }

  private static void add(
      List<HostFunction> fns, String name, com.dylibso.chicory.runtime.WasmFunctionHandle h) {
    fns.add(new HostFunction(HostAbi.MODULE, name, HostAbi.FUNCTIONS.get(name), h));
  }

  /** Step prices of host calls, read once from the chain's {@link dev.aether.runtime.StepCosts}. */
  private static final class StepPrices {
    final long cheap;
    final long perByte;
    final long hashBase;
    final long hashPerByte;
    final long verify;

    StepPrices(CallContext ctx) {
      this.cheap = ctx.costs().hostCall();
      this.perByte = ctx.costs().perByte();
      this.hashBase = ctx.costs().hashBase();
      this.hashPerByte = ctx.costs().hashPerByte();
      this.verify = ctx.costs().verifySignature();
    }
  }
}
