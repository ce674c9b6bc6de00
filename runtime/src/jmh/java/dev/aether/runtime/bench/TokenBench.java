package dev.aether.runtime.bench;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calls per second of the SDK's AssemblyScript token ({@code transfer}), interpreted versus
 * compiled: one-transaction blocks on the serial executor (validation, fee, instantiation, the
 * call, its storage). Baseline: the interpreter, same run. The steps per call are the same on
 * both engines (printed at setup), so the ratio is also the ratio of steps per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBench {
  @Param({"INTERPRETER", "COMPILER"})
  public String engine;

  private Ledger ledger;
  private BlockContext ctx;
  private List<Tx> block;

  static byte[] sdkToken() {
    Path p = Path.of(System.getProperty("aether.root", "."), "contracts", "build", "token.wasm");
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("run from the repository root (or -Daether.root)", e);
    }
  }

  static Call transferCall(H256 token, Address to, long amount) {
    byte[] args =
        ByteBuffer.allocate(48)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(to.hash().toArray())
            .putLong(amount)
            .putLong(0)
            .array();
    return new Call(token, "transfer", Bytes.of(args));
  }

  @Setup(Level.Trial)
  public void setup() {
    TestLedger chain =
        new TestLedger(2, 1_000_000_000_000L, new SerialExecutor(), WasmContracts.Mode.valueOf(engine));
    byte[] code = sdkToken();
    H256 token = WasmContracts.contractId(code);
    chain.run(1, List.of(dev.aether.runtime.TestContracts.deploy(0, 0, code)));
    byte[] init =
        ByteBuffer.allocate(4 + 2 + 4 + 2 + 16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(2).put("Tk".getBytes()).putInt(2).put("TK".getBytes())
            .putLong(1_000_000).putLong(0)
            .array();
    chain.run(2, List.of(chain.autoAccess(0, 1, 2, 50_000_000, List.of(new Call(token, "init", Bytes.of(init))))));
    block = List.of(chain.autoAccess(0, 2, 3, 50_000_000, List.of(transferCall(token, TestLedger.user(1), 1))));
    ledger = chain.ledger;
    ctx = new BlockContext(ledger.head().height() + 1, 3, true);
    Receipt r = invoke();
    if (r.status() != Receipt.Status.SUCCESS) {
      throw new IllegalStateException("token transfer failed: " + r);
    }
    System.out.println("\n" + engine + ": token transfer = " + r.steps() + " steps");
  }

  @Benchmark
  public Receipt invoke() {
    return new SerialExecutor()
        .execute(ctx, block, new BlockState(ledger.state()), ledger.processor())
        .getFirst();
  }
}
