package dev.aether.ledger;

import dev.aether.types.Amount;
import dev.aether.types.Tx;
import java.math.BigInteger;

/** The genesis fee formula {@code a + b·tx_bytes + c·steps + d·mem_bytes}, in exact integers. */
public record LinearFeeSchedule(long a, long b, long c, long d) implements FeeSchedule {
  /** The parameters of {@code config/genesis.toml}: a=10000, b=5, c=2, d=1. */
  public static final LinearFeeSchedule GENESIS = new LinearFeeSchedule(10_000, 5, 2, 1);

  public LinearFeeSchedule {
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new IllegalArgumentException("fee parameters must be non-negative");
    }
  }

  @Override
  public Amount fee(Tx tx, int txBytes, long steps, long memBytes) {
    // The meter evaluates this many times per transaction (a binary search over steps), so the
    // usual case runs in long arithmetic; anything that could overflow takes the exact path.
    if (txBytes >= 0 && steps >= 0 && memBytes >= 0) {
      long f = a;
      f = addProduct(f, b, txBytes);
      f = addProduct(f, c, steps);
      f = addProduct(f, d, memBytes);
      if (f >= 0) {
        return new Amount(BigInteger.valueOf(f));
      }
    }
    return exact(txBytes, steps, memBytes);
  }

  /**
   * {@code sum + k·v} for non-negative operands, or -1 once it would pass {@code Long.MAX_VALUE}.
   */
  private static long addProduct(long sum, long k, long v) {
    if (sum < 0 || (k != 0 && v > (Long.MAX_VALUE - sum) / k)) {
      return -1;
    }
    return sum + k * v;
  }

  /** The formula in BigInteger: the reference, and the path for sums past a long. */
  Amount exact(int txBytes, long steps, long memBytes) {
    BigInteger f =
        BigInteger.valueOf(a)
            .add(BigInteger.valueOf(b).multiply(BigInteger.valueOf(txBytes)))
            .add(BigInteger.valueOf(c).multiply(unsigned(steps)))
            .add(BigInteger.valueOf(d).multiply(unsigned(memBytes)));
    return new Amount(f);
  }

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  /** {@code v} read as an unsigned 64-bit number (no decimal round trip: this runs per tx). */
  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v >= 0 ? b : b.add(TWO_64);
  }
}
