package dev.aether.runtime;

/**
 * Saturating arithmetic on non-negative {@code long}s for metering: a sum or product past {@link
 * Long#MAX_VALUE} sticks there instead of wrapping, and every cap in the cost model is below it, so
 * an absurd charge is simply out of gas.
 */
public final class Saturating {
  private Saturating() {}

  public static long add(long x, long y) {
    long r = x + y;
    return ((x ^ r) & (y ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  public static long mul(long x, long y) {
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }
}
