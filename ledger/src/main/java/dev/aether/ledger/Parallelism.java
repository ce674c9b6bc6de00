package dev.aether.ledger;

import java.util.function.IntConsumer;

/**
 * Runs the independent pieces of a block's bookkeeping at once where a {@link BlockExecutor} has
 * workers to spare: hashing the changed state values, updating disjoint subtrees of the state tree,
 * hashing the receipts. Every piece {@code i} writes only what it owns (slot {@code i} of an array,
 * its own subtree's node buffer), so the result is the same whichever thread runs which piece and
 * in what order — the serial run is the reference ({@link #SERIAL}).
 */
public interface Parallelism {
  /** Runs every piece on the calling thread, in order. */
  Parallelism SERIAL =
      new Parallelism() {
        @Override
        public int workers() {
          return 1;
        }

        @Override
        public void forEach(int n, IntConsumer piece) {
          for (int i = 0; i < n; i++) {
            piece.accept(i);
          }
        }
      };

  /** How many threads may run pieces at once (1: serial). */
  int workers();

  /**
   * Runs {@code piece.accept(i)} for every {@code i} in {@code [0, n)}, possibly several at once,
   * and returns when all have finished (their writes then visible to the caller). If pieces throw,
   * the exception of the lowest such index is rethrown, after every started piece has finished.
   */
  void forEach(int n, IntConsumer piece);

  /**
   * Runs {@code item.accept(i)} for every {@code i} in {@code [0, n)}, {@code perPiece} items to a
   * piece (a hand-off costs about as much as hashing a few items); on the calling thread alone
   * where there is only one piece or one worker.
   */
  default void forEachItem(int n, int perPiece, IntConsumer item) {
    int pieces = (n + perPiece - 1) / perPiece;
    if (pieces < 2 || workers() < 2) {
      for (int i = 0; i < n; i++) {
        item.accept(i);
      }
      return;
    }
    forEach(
        pieces,
        p -> {
          int end = Math.min(n, (p + 1) * perPiece);
          for (int i = p * perPiece; i < end; i++) {
            item.accept(i);
          }
        });
  }
}
