package dev.aether.node;

/**
 * How many transactions our next proposal may carry. Validators vote, once a round's vote window
 * closes, for the best-ranked candidate they have <em>executed</em>; a block still executing
 * somewhere then loses votes to a smaller rival, the votes split and the round times out. Left
 * unbounded, one timeout lets the mempool back up, the next block is bigger still and slower to
 * execute, and the chain stalls (docs/BENCHMARKS.md, devnet). So a proposal is sized to execute in
 * a third of the vote window (the proposer's execution, then each validator's, with transfer in
 * between, must fit in it), using the time this node measured per transaction on recent blocks.
 *
 * <p>This is the proposer's own choice of what to include: validity and execution of blocks stay
 * deterministic; only the size of our proposals depends on measured time.
 */
final class PayloadBudget {
  /** Never fewer: a slow measurement (a GC pause) must not starve the chain. */
  static final int MIN_TXS = 64;

  /** The mempool's historical per-block cap. */
  static final int MAX_TXS = 10_000;

  /** Blocks smaller than this say more about fixed per-block costs than per transaction. */
  static final int MIN_SAMPLE_TXS = 16;

  private final long budgetNanos;
  private double nanosPerTx; // exponentially weighted; 0 until the first sample

  /** A budget of a third of {@code voteWindowMs} of execution per proposal. */
  PayloadBudget(long voteWindowMs) {
    if (voteWindowMs <= 0) {
      throw new IllegalArgumentException("vote window must be positive");
    }
    this.budgetNanos = voteWindowMs * 1_000_000 / 3;
  }

  /** Records that executing {@code txs} transactions took {@code nanos}. */
  synchronized void executed(int txs, long nanos) {
    if (txs < MIN_SAMPLE_TXS || nanos <= 0) {
      return;
    }
    double sample = (double) nanos / txs;
    nanosPerTx = nanosPerTx == 0 ? sample : 0.7 * nanosPerTx + 0.3 * sample;
  }

  /** The most transactions the next proposal should carry. */
  synchronized int maxTxs() {
    if (nanosPerTx == 0) {
      return MAX_TXS;
    }
    return (int) Math.max(MIN_TXS, Math.min(MAX_TXS, budgetNanos / nanosPerTx));
  }
}
