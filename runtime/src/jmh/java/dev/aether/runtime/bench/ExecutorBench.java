package dev.aether.runtime.bench;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Executor throughput: one block through the ledger's {@link BlockExecutor} seam (validation,
 * metering, fees, state buffering; not the state-root computation, which is the ledger's and
 * serial). Baseline: {@code threads = 0}, the ledger's {@link SerialExecutor}, in the same run.
 *
 * <ul>
 *   <li>{@code transfers}: bank transfers between disjoint pairs (no conflicts);
 *   <li>{@code hot10}/{@code hot50}: 10% / 50% of transfers pay one hot account;
 *   <li>{@code wasm}: token transfers between disjoint pairs plus ~10k-step burns (WAT);
 *   <li>{@code sdk}: transfers of the SDK's AssemblyScript token between disjoint pairs.
 * </ul>
 *
 * <p>{@code engine} runs the contracts on the interpreter or compiled (results are the same).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExecutorBench {
  private static final int TXS = 2_000;
  private static final int WASM_TXS = 400;

  @Param({"transfers", "hot10", "hot50", "wasm"})
  public String workload;

  @Param({"0", "1", "2", "4"})
  public int threads;

  @Param({"INTERPRETER"})
  public String engine = "INTERPRETER";

  private Ledger ledger;
  private List<Tx> block;
  private BlockExecutor executor;
  private BlockContext ctx;

  @Setup(Level.Trial)
  public void setup() {
    executor = threads == 0 ? new SerialExecutor() : new ParallelExecutor(threads);
    int users = 2 * TXS + 2;
    TestLedger chain =
        new TestLedger(
            users,
            1_000_000_000_000L,
            new SerialExecutor(),
            dev.aether.runtime.wasm.WasmContracts.Mode.valueOf(engine));
    SplittableRandom r = new SplittableRandom(42);
    block = new ArrayList<>();
    if (workload.equals("wasm")) {
      List<Tx> setup = new ArrayList<>();
      long n = 0;
      for (String c : List.of("token", "stress")) {
        setup.add(deploy(users - 1, n++, wasm(c)));
      }
      chain.run(1, setup);
      // Transfers of 0 between fresh pairs: each writes two new balance slots, no conflicts.
      List<Tx> mint = new ArrayList<>();
      mint.add(call(0, 0, id("token"), "init", u64(1L << 40), List.of(),
          List.of(H256.ZERO, slotOf(user(0))), 50_000_000));
      chain.run(2, mint);
      for (int i = 1; i < WASM_TXS; i++) {
        int from = 2 * i;
        block.add(
            i % 2 == 0
                ? call(from, 0, id("stress"), "burn", u64(1_250), List.of(), List.of(), 50_000_000)
                : call(from, 0, id("token"), "transfer", transferArgs(user(from + 1), 0),
                    List.of(), List.of(slotOf(user(from)), slotOf(user(from + 1))), 50_000_000));
      }
    } else if (workload.equals("sdk")) {
      byte[] code = TokenBench.sdkToken();
      H256 token = dev.aether.runtime.wasm.WasmContracts.contractId(code);
      chain.run(1, List.of(deploy(users - 1, 0, code)));
      for (int i = 0; i < WASM_TXS; i++) {
        int from = 2 * i;
        block.add(
            chain.autoAccess(
                from,
                0,
                2,
                50_000_000,
                List.of(TokenBench.transferCall(token, user(from + 1), 0))));
      }
    } else {
      int hotPct = workload.equals("hot10") ? 10 : workload.equals("hot50") ? 50 : 0;
      for (int i = 0; i < TXS; i++) {
        int to = r.nextInt(100) < hotPct ? users - 2 : 2 * i + 1;
        block.add(TestLedger.transfer(2 * i, 0, to, 10, 1_000_000));
      }
    }
    ledger = chain.ledger;
    ctx = new BlockContext(ledger.head().height() + 1, ledger.head().height() + 1, true);
    List<Receipt> check = run();
    if (check.stream().anyMatch(x -> x.status() != Receipt.Status.SUCCESS)) {
      throw new IllegalStateException("benchmark block has failing transactions: " + check);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (executor instanceof ParallelExecutor p) {
      p.close();
    }
  }

  /** The block being executed. */
  public List<Tx> txs() {
    return block;
  }

  @Benchmark
  public List<Receipt> executeBlock() {
    return run();
  }

  private List<Receipt> run() {
    return executor.execute(ctx, block, new BlockState(ledger.state()), ledger.processor());
  }
}
