package dev.aether.mempool;

/**
 * Limits of one node's pool.
 *
 * @param maxTxs most transactions held
 * @param maxBytes most encoded bytes held
 * @param maxTxBytes largest transaction admitted (at most {@link dev.aether.types.Tx#MAX_BYTES})
 * @param maxNonceGap how far ahead of its account a transaction's nonce may be
 * @param maxFutureSlots how many slots ahead a validity interval may start
 */
public record MempoolConfig(
    int maxTxs, long maxBytes, int maxTxBytes, long maxNonceGap, long maxFutureSlots) {
  public static MempoolConfig defaults() {
    return new MempoolConfig(50_000, 256L * 1024 * 1024, dev.aether.types.Tx.MAX_BYTES, 64, 7_200);
  }
}
