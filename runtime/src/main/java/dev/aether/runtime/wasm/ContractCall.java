package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.aether.ledger.LedgerException;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.Saturating;
import dev.aether.runtime.StepCosts;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One invocation of a contract: its instance, its host functions and its metering.
 *
 * <p>Metering is the instrumented code's own ({@link Instrumenter}); this class charges what the
 * host does: instantiation (base, per code byte, per table element, initial memory), and each host
 * call ({@code hostCall} plus the bytes it copies, the state it touches, the hashing it does) —
 * syncing the gas global with the meter first and refilling it after, so the meter is exact at
 * every host call and at the end.
 */
final class ContractCall {
  /** Runs a nested call of another contract; returns its return data. */
  @FunctionalInterface
  interface Nested {
    Bytes call(CallContext ctx, H256 contract, String method, Bytes args, int stackUnits);
  }

  private final CallContext ctx;
  private final ContractCode code;
  private final Bytes args;
  private final ContractLimits limits;
  private final StepCosts costs;
  private final Nested nested;
  private final Gas gas;
  private Instance instance;
  private Bytes lastResult = Bytes.EMPTY;

  ContractCall(
      CallContext ctx,
      ContractCode code,
      Bytes args,
      ContractLimits limits,
      StepCosts costs,
      Nested nested) {
    this.ctx = ctx;
    this.code = code;
    this.args = args;
    this.limits = limits;
    this.costs = costs;
    this.nested = nested;
    this.gas = new Gas(ctx.meter());
  }

  /** The steps instantiating {@code code} costs, charged before the instance exists. */
  static long instantiationSteps(ContractCode code, StepCosts costs) {
    long s = costs.instantiateBase();
    s = Saturating.add(s, Saturating.mul(costs.instantiatePerByte(), code.codeBytes()));
    s = Saturating.add(s, Saturating.mul(costs.wasm().tableElementSteps(), code.tableElements()));
    return Saturating.add(s, Saturating.mul(costs.wasm().pageSteps(), code.initialPages()));
  }

  /**
   * Instantiates the code with fresh memory on {@code machine} and runs {@code method}, with {@code
   * stackUnits} stack units in use at entry (callers above it plus its own first frame).
   */
  void run(String method, Function<Instance, Machine> machine, int stackUnits) {
    if (stackUnits > Instrumenter.STACK_UNITS) {
      throw new RuntimeError.StackExhausted("contract call stack over its limit");
    }
    ctx.meter().steps(instantiationSteps(code, costs));
    ctx.meter().memory(code.initialMemoryBytes());
    try {
      instance =
          Instance.builder(code.module())
              .withImportValues(imports())
              .withStart(false)
              .withMemoryFactory(
                  lim -> new MeteredMemory(lim, limits.maxPages(), gas, costs.wasm()))
              .withTableFactory(
                  (t, init) ->
                      MeteredTable.of(
                          t,
                          init,
                          gas,
                          costs.wasm().tableElementSteps(),
                          limits.maxTableElements()))
              .withMachineFactory(machine)
              .build();
      gas.bind(instance, code, stackUnits);
      if (code.initializer()) {
        instance.export(ContractCode.INITIALIZER).apply();
      }
      instance.export(method).apply();
      gas.sync();
    } catch (RuntimeError | LedgerException e) {
      gas.syncQuietly();
      throw e;
    } catch (RuntimeException | AssertionError e) {
      RuntimeException ours = ours(e);
      if (ours != null) {
        gas.syncQuietly();
        throw ours;
      }
      // A trap. If the gas check trapped, the meter now says so (out of gas or the step limit).
      gas.sync();
      if (gas.stackUnits() > Instrumenter.STACK_UNITS) {
        throw new RuntimeError.StackExhausted("contract call stack over its limit");
      }
      throw trap(e);
    }
  }

  /** Our own or the ledger's error, if one is the cause of what the engine threw. */
  private static RuntimeException ours(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RuntimeError r) {
        return r;
      }
      if (t instanceof LedgerException l) {
        return l;
      }
    }
    return null;
  }

  /**
   * A trap as the runtime's error. The message is for people (RPC, CLI); receipts carry only the
   * code, so engines whose messages differ still agree.
   */
  private static RuntimeError trap(Throwable e) {
    if (e instanceof ChicoryException && "call stack exhausted".equals(e.getMessage())) {
      // The JVM's stack overflowed (the engine turned the error into this): where that happens
      // depends on the thread, so it must not become a receipt. The stack units make it
      // unreachable on the executor's threads; anywhere else it is this node's fault.
      StackOverflowError err =
          new StackOverflowError(
              "JVM stack exhausted inside a contract: run contracts on a thread with a larger"
                  + " stack");
      err.initCause(e);
      throw err;
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new RuntimeError.ContractTrap(msg.length() > 200 ? msg.substring(0, 200) : msg);
  }

  // ---- memory access, metered per byte ------------------------------------------------------

  private Memory memory() {
    Memory m = instance.memory();
    if (m == null) {
      throw new RuntimeError.ContractTrap("host call needs the contract's memory");
    }
    return m;
  }

  private byte[] read(long ptr, long len) {
    if (len < 0 || len > Integer.MAX_VALUE || ptr < 0 || ptr > Integer.MAX_VALUE) {
      throw new RuntimeError.ContractTrap("bad pointer or length");
    }
    ctx.meter().steps(Saturating.mul(costs.perByte(), len));
    try {
      return memory().readBytes((int) ptr, (int) len);
    } catch (RuntimeException e) {
      throw new RuntimeError.ContractTrap("out of bounds memory access");
    }
  }

  private void write(long ptr, byte[] data) {
    if (ptr < 0 || ptr > Integer.MAX_VALUE) {
      throw new RuntimeError.ContractTrap("bad pointer");
    }
    ctx.meter().steps(Saturating.mul(costs.perByte(), data.length));
    try {
      memory().write((int) ptr, data);
    } catch (RuntimeException e) {
      throw new RuntimeError.ContractTrap("out of bounds memory access");
    }
  }

  private H256 read32(long ptr) {
    return H256.of(read(ptr, 32));
  }

  private static long u32(long v) {
    return v & 0xffff_ffffL;
  }

  private String utf8(long ptr, long len, int max, String what) {
    if (u32(len) > max) {
      throw new RuntimeError.BadArguments(what + " longer than " + max + " bytes");
    }
    byte[] b = read(ptr, u32(len));
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RuntimeError.BadArguments(what + " is not UTF-8");
    }
  }

  // ---- host functions -----------------------------------------------------------------------

  /** A host function body: its operands in, its results out (null for none). */
  @FunctionalInterface
  private interface Body {
    long[] apply(long[] a);
  }

  /**
   * Wraps a body with the metering every host call shares: hand the code's steps to the meter,
   * charge the call, run, refill the code's gas with what is left.
   */
  private WasmFunctionHandle host(Body body) {
    return (inst, a) -> {
      gas.sync();
      ctx.meter().steps(costs.hostCall());
      long[] r = body.apply(a);
      gas.refill();
      return r;
    };
  }

  private static long[] one(long v) {
    return new long[] {v};
  }

  ImportValues imports() {
    Map<String, Body> fns = code.abi() == 1 ? v1() : v2();
    String module = code.abi() == 1 ? HostAbi.MODULE : HostAbi.MODULE_V2;
    List<HostFunction> out = new ArrayList<>();
    var types = HostAbi.functions(code.abi());
    for (var e : new java.util.TreeMap<>(fns).entrySet()) {
      out.add(new HostFunction(module, e.getKey(), types.get(e.getKey()), host(e.getValue())));
    }
    return ImportValues.builder().withFunctions(List.copyOf(out)).build();
  }

  /** Functions both versions share, with the same meaning. */
  private Map<String, Body> common() {
    Map<String, Body> f = new java.util.HashMap<>();
    f.put("args_len", a -> one(args.length()));
    f.put(
        "args_read",
        a -> {
          write(a[0], args.toArray());
          return null;
        });
    f.put(
        "storage_get",
        a -> {
          Optional<Bytes> v = ctx.storageGet(read32(a[0]));
          if (v.isEmpty()) {
            return one(-1);
          }
          byte[] b = v.get().toArray();
          int cap = (int) Math.max(0, Math.min(u32(a[2]), b.length));
          write(a[1], Arrays.copyOf(b, cap));
          return one(b.length);
        });
    f.put(
        "storage_set",
        a -> {
          H256 slot = read32(a[0]);
          ctx.storageSet(slot, Bytes.of(read(a[1], u32(a[2]))));
          return null;
        });
    f.put(
        "storage_delete",
        a -> {
          ctx.storageDelete(read32(a[0]));
          return null;
        });
    f.put(
        "caller",
        a -> {
          write(a[0], ctx.caller().hash().toArray());
          return null;
        });
    f.put(
        "self",
        a -> {
          write(a[0], ctx.self().toArray());
          return null;
        });
    f.put(
        "emit",
        a -> {
          long topicLen = u32(a[1]);
          long dataLen = u32(a[3]);
          if (topicLen > dev.aether.types.Event.MAX_TOPIC
              || dataLen > dev.aether.types.Event.MAX_DATA) {
            throw new RuntimeError.EventLimit("event topic/data over limit");
          }
          Bytes topic = Bytes.of(read(a[0], topicLen));
          if (ValueEvent.isValueTopic(topic)) {
            // Value events are the chain's own record of moved value (docs/adr/0062): only the
            // transfer host function writes them for a contract, never the contract itself.
            throw new RuntimeError.BadArguments(
                "event topic '"
                    + new String(topic.toArray(), StandardCharsets.US_ASCII)
                    + "' is reserved for value events");
          }
          ctx.emit(topic, Bytes.of(read(a[2], dataLen)));
          return null;
        });
    f.put(
        "sha256",
        a -> {
          long len = u32(a[1]);
          ctx.meter()
              .steps(Saturating.add(costs.hashBase(), Saturating.mul(costs.hashPerByte(), len)));
          write(a[2], Hashing.sha256(read(a[0], len)).toArray());
          return null;
        });
    f.put(
        "ed25519_verify",
        a -> {
          long len = u32(a[2]);
          ctx.meter()
              .steps(
                  Saturating.add(
                      costs.verifySignature(), Saturating.mul(costs.hashPerByte(), len)));
          boolean ok = Ed25519.verify(read(a[0], 32), read(a[1], len), read(a[3], 64));
          return one(ok ? 1 : 0);
        });
    return f;
  }

  /**
   * Pays {@code amount} of {@code asset} from the contract's own account to {@code to}, with the
   * debit and credit value events that let any follower of the chain keep both balances.
   */
  private void payOut(Address to, AssetId asset, Amount amount) {
    Address self = CallContext.programAddress(ctx.self());
    ctx.transfer(self, to, Value.of(asset, amount));
    if (!amount.isZero()) {
      ctx.emitValue(ValueEvent.debit(self, asset, amount, "transfer", Bytes.EMPTY));
      ctx.emitValue(ValueEvent.credit(to, asset, amount, "transfer", Bytes.EMPTY));
    }
  }

  private Map<String, Body> v1() {
    Map<String, Body> f = common();
    f.put(
        "transfer",
        a -> {
          Address to = new Address(read32(a[0]));
          if (a[1] < 0) {
            throw new RuntimeError.BadArguments("negative transfer amount");
          }
          payOut(to, AssetId.SWR, Amount.of(a[1]));
          return null;
        });
    f.put(
        "abort",
        a -> {
          throw new RuntimeError.ContractTrap("contract aborted with code " + (int) a[0]);
        });
    return f;
  }

  private Map<String, Body> v2() {
    Map<String, Body> f = common();
    f.put(
        "payer",
        a -> {
          write(a[0], ctx.payer().hash().toArray());
          return null;
        });
    f.put("block_height", a -> one(ctx.height()));
    f.put("block_slot", a -> one(ctx.slot()));
    f.put(
        "balance",
        a -> {
          AssetId asset = new AssetId(read32(a[0]));
          Amount have = ctx.balanceOf(CallContext.programAddress(ctx.self()), asset);
          write(a[1], u128(have));
          return null;
        });
    f.put(
        "transfer",
        a -> {
          Address to = new Address(read32(a[0]));
          AssetId asset = new AssetId(read32(a[1]));
          Amount amount = amount(read(a[2], 16));
          payOut(to, asset, amount);
          return null;
        });
    f.put(
        "call",
        a -> {
          H256 contract = read32(a[0]);
          String method = utf8(a[1], a[2], Call.MAX_METHOD, "method name");
          if (u32(a[4]) > Call.MAX_ARGS) {
            throw new RuntimeError.BadArguments("call arguments over " + Call.MAX_ARGS + " bytes");
          }
          Bytes callArgs = Bytes.of(read(a[3], u32(a[4])));
          ctx.meter().steps(costs.contractCall());
          lastResult = nested.call(ctx, contract, method, callArgs, gas.stackUnits());
          return one(lastResult.length());
        });
    f.put(
        "call_result",
        a -> {
          byte[] b = lastResult.toArray();
          int cap = (int) Math.min(u32(a[1]), b.length);
          write(a[0], Arrays.copyOf(b, cap));
          return one(b.length);
        });
    f.put(
        "return_data",
        a -> {
          if (u32(a[1]) > HostAbi.MAX_RETURN) {
            throw new RuntimeError.BadArguments("return data over " + HostAbi.MAX_RETURN);
          }
          ctx.setReturnData(Bytes.of(read(a[0], u32(a[1]))));
          return null;
        });
    f.put(
        "abort",
        a -> {
          long len = Math.min(u32(a[1]), 256);
          String msg =
              new String(read(a[0], len), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]", "?");
          throw new RuntimeError.ContractTrap("contract aborted: " + msg);
        });
    return f;
  }

  /** u128 little-endian, 16 bytes. */
  static byte[] u128(Amount a) {
    byte[] be = a.value().toByteArray();
    byte[] le = new byte[16];
    for (int i = 0; i < be.length && i < 16; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  static Amount amount(byte[] le) {
    byte[] be = new byte[17];
    for (int i = 0; i < 16; i++) {
      be[16 - i] = le[i];
    }
    return new Amount(new BigInteger(be));
  }
}
