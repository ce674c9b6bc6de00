package dev.aether.ledger.bench;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.types.Tx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ApplyBench} in thread CPU time (see {@link SmtCpuTime} for why): transfers per CPU-second
 * for executing a 1,000-transfer block, against validation alone as the baseline.
 */
public final class ApplyCpuTime {
  private ApplyCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int accounts = 10_000;
    BenchChain chain = new BenchChain(accounts, 7);
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(store, chain.genesis());
    Ledger ledger = Ledger.open(store, LedgerConfig.defaults(BenchChain.CHAIN));
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      txs.add(chain.transfer(i, 0, (i + 1000) % accounts));
    }
    BlockContext ctx = new BlockContext(1, 1, true);
    for (int w = 0; w < 20; w++) {
      ledger.execute(ctx, txs);
      validate(ledger, txs, ctx);
    }
    final int rounds = 30;
    long c0 = mx.getCurrentThreadCpuTime();
    for (int r = 0; r < rounds; r++) {
      ledger.execute(ctx, txs);
    }
    long c1 = mx.getCurrentThreadCpuTime();
    for (int r = 0; r < rounds; r++) {
      validate(ledger, txs, ctx);
    }
    long c2 = mx.getCurrentThreadCpuTime();
    double exec = 1e9 * rounds * txs.size() / (c1 - c0);
    double val = 1e9 * rounds * txs.size() / (c2 - c1);
    System.out.printf(
        "execute=%.0f transfers/cpu-s validate-only=%.0f/cpu-s ratio=%.2f%n", exec, val, exec / val);
  }

  private static int validate(Ledger ledger, List<Tx> txs, BlockContext ctx) {
    int ok = 0;
    for (Tx tx : txs) {
      if (ledger.rules().validate(tx, ctx, ledger.state()).isEmpty()) {
        ok++;
      }
    }
    return ok;
  }
}
