package dev.aether.node;

import java.util.ArrayDeque;

/**
 * How many transactions our next proposal may carry. Validators vote, once a round's vote window
 * closes, for the best-ranked candidate they have <em>executed</em>; a block still executing
 * somewhere then loses votes to a rival, the votes split and the round times out. Left unbounded,
 * one timeout lets the mempool back up, the next block is bigger still and slower to execute, and
 * the chain stalls (docs/BENCHMARKS.md, devnet). So a proposal is sized to execute within one vote
 * window at the cost per transaction this node measured on recent blocks (the median of the last
 * {@link #SAMPLES}, so that one block slowed by a GC pause does not shrink the next ones).
 *
 * <p>This is the proposer's own choice of what to include: validity and execution of blocks stay
 * deterministic; only the size of our proposals depends on measured time.
 */
final class PayloadBudget {
  /** Never fewer: a machine having a bad second must not starve the chain. */
  static final int MIN_TXS = 256;

  /** The mempool's historical per-block cap. */
  static final int MAX_TXS = 10_000;

  /** Blocks smaller than this say more about fixed per-block costs than per transaction. */
  static final int MIN_SAMPLE_TXS = 16;

  /** Recent blocks whose median cost per transaction sizes the next proposal. */
  static final int SAMPLES = 16;

  private final long budgetNanos;
  private final ArrayDeque<Double> nanosPerTx = new ArrayDeque<>(SAMPLES);

  /** A budget of one vote window ({@code voteWindowMs}) of execution per proposal. */
  PayloadBudget(long voteWindowMs) {
    if (voteWindowMs <= 0) {
      throw new IllegalArgumentException("vote window must be positive");
    }
    this.budgetNanos = voteWindowMs * 1_000_000;
  }

  /** Records that executing {@code txs} transactions took {@code nanos}. */
  synchronized void executed(int txs, long nanos) {
    if (txs < MIN_SAMPLE_TXS || nanos <= 0) {
      return;
    }
    if (nanosPerTx.size() == SAMPLES) {
      nanosPerTx.removeFirst();
    }
    nanosPerTx.addLast((double) nanos / txs);
  }

  /** The most transactions the next proposal should carry. */
  synchronized int maxTxs() {
    if (nanosPerTx.isEmpty()) {
      return MAX_TXS;
    }
    double[] sorted = nanosPerTx.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted[sorted.length / 2];
    return (int) Math.max(MIN_TXS, Math.min(MAX_TXS, budgetNanos / median));
  }
}
