package dev.aether.runtime;

/**
 * The fee formula's coefficients: {@code fee = a + b·tx_bytes + c·steps + d·mem_bytes}, in the
 * smallest unit of SWR, before the congestion multiplier.
 */
public record FeeSchedule(long a, long b, long c, long d) {
  /** The genesis parameters of {@code config/genesis.toml}. */
  public static final FeeSchedule GENESIS = new FeeSchedule(10_000, 5, 2, 1);

  public FeeSchedule {
    if (a < 0 || b < 0 || c <= 0 || d < 0) {
      throw new IllegalArgumentException("fee coefficients must be >= 0 (c > 0)");
    }
  }

  /**
   * The fee before congestion for the given usage, saturating at {@link Long#MAX_VALUE} (far above
   * any fee cap) instead of overflowing.
   */
  public long base(long txBytes, long steps, long memBytes) {
    return sat(sat(a, satMul(b, txBytes)), sat(satMul(c, steps), satMul(d, memBytes)));
  }

  static long sat(long x, long y) {
    long r = x + y;
    return ((x ^ r) & (y ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  static long satMul(long x, long y) {
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }
}
