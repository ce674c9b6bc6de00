package dev.aether.runtime.bench;

import static dev.aether.runtime.TestContracts.*;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
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
 * WebAssembly costs, each a one-transaction block on the serial executor: {@code call} (n = 0:
 * transaction + instantiation + an empty loop), {@code hostcalls} (n host calls of {@code
 * caller}), {@code burn} (n loop iterations, 8 instructions each). Per-host-call and per-1M-step
 * costs are the differences against n = 0 in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WasmBench {
  @Param({"burn", "hostcalls"})
  public String method;

  @Param({"0", "10000", "125000"})
  public long n;

  private Ledger ledger;
  private BlockContext ctx;
  private List<Tx> block;

  @Setup(Level.Trial)
  public void setup() {
    TestLedger chain = new TestLedger(1, 1_000_000_000_000L, new SerialExecutor());
    chain.run(1, List.of(deploy(0, 0, wasm("stress"))));
    ledger = chain.ledger;
    ctx = new BlockContext(ledger.head().height() + 1, 2, true);
    block =
        List.of(call(0, 1, id("stress"), method, u64(n), List.of(), List.of(), 100_000_000_000L));
    Receipt r = run();
    if (r.status() != Receipt.Status.SUCCESS) {
      throw new IllegalStateException("benchmark call failed: " + r);
    }
    System.out.println("\n" + method + "(" + n + "): " + r.steps() + " steps");
  }

  @Benchmark
  public Receipt invoke() {
    return run();
  }

  private Receipt run() {
    return new SerialExecutor()
        .execute(ctx, block, new BlockState(ledger.state()), ledger.processor())
        .getFirst();
  }
}
