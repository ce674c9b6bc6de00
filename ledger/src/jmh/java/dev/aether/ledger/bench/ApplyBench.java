package dev.aether.ledger.bench;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Block apply throughput on one thread, signatures already verified: a block of 1,000 plain
 * transfers among distinct accounts executed on the head (rules, execution, fee, state root).
 * Baseline in the same run: the same block without the state-root computation is not separable,
 * so the baseline is validation alone ({@code validateOnly}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ApplyBench {
  static final int TXS = 1000;

  @Param({"10000"})
  public int accounts;

  private Ledger ledger;
  private List<Tx> txs;
  private BlockContext ctx;

  @Setup(Level.Trial)
  public void setUp() {
    BenchChain chain = new BenchChain(accounts, 7);
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(store, chain.genesis());
    ledger = Ledger.open(store, LedgerConfig.defaults(BenchChain.CHAIN));
    txs = new ArrayList<>();
    for (int i = 0; i < TXS; i++) {
      txs.add(chain.transfer(i, 0, (i + TXS) % accounts));
    }
    ctx = new BlockContext(1, 1, true);
  }

  /** Executes the 1,000-transfer block and computes its roots; score = transfers/s. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public ExecutedBlock executeBlock() {
    return ledger.execute(ctx, txs);
  }

  /** Baseline: only the validation rules for each transfer; score = transfers/s. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public int validateOnly() {
    int ok = 0;
    for (Tx tx : txs) {
      if (ledger.rules().validate(tx, ctx, ledger.state()).isEmpty()) {
        ok++;
      }
    }
    return ok;
  }
}
