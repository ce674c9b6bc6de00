package dev.aether.runtime;

import dev.aether.ledger.FeeMultipliers;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.Fees;
import dev.aether.types.Amount;
import dev.aether.types.Tx;
import java.math.BigInteger;

/**
 * Counts one transaction's steps and memory bytes and stops it when its fee would pass its cap.
 *
 * <p>The fee is whatever the chain's {@link FeeSchedule} says for the usage so far — with genesis
 * parameters {@code (a + b·tx_bytes + c·steps + d·mem_bytes)} times the congestion multiplier of
 * the hottest object the transaction writes ({@link CongestionMarket}, read from the parent state).
 * Every charge is checked against the cap before it is accepted; a charge that does not fit is
 * still recorded (so the transaction pays its whole cap) and throws {@link RuntimeError.OutOfGas}.
 * All arithmetic is integer: the same charges give the same fee on every machine.
 */
public final class Meter {
  /** The fee of a given usage; must be non-decreasing in both arguments. */
  @FunctionalInterface
  public interface Pricing {
    /** The fee, saturated to {@link Long#MAX_VALUE}. */
    long fee(long steps, long memBytes);
  }

  private final Pricing pricing;
  private final long cap;
  private long steps;
  private long memBytes;
  private boolean exhausted;

  public Meter(Pricing pricing, long cap) {
    this.pricing = pricing;
    this.cap = cap;
  }

  /**
   * A meter for {@code tx} priced by {@code fees} times the block's {@code multipliers}, capped at
   * the transaction's fee cap — the same formula the ledger charges with ({@link Fees}).
   */
  public static Meter forTx(FeeSchedule fees, FeeMultipliers multipliers, Tx tx, int txBytes) {
    return new Meter(
        (s, m) -> saturate(Fees.of(fees, multipliers, tx, txBytes, s, m)),
        saturate(tx.body().feeCap()));
  }

  static long saturate(Amount a) {
    BigInteger v = a.value();
    return v.bitLength() >= 63 ? Long.MAX_VALUE : v.longValue();
  }

  /** Charges {@code n} steps, or throws {@link RuntimeError.OutOfGas} (the steps still count). */
  public void steps(long n) {
    requireNonNegative(n);
    charge(Saturating.add(steps, n), memBytes, "steps");
  }

  /** Charges {@code n} memory bytes (linear memory, stored bytes). */
  public void memory(long n) {
    requireNonNegative(n);
    charge(steps, Saturating.add(memBytes, n), "memory");
  }

  private static void requireNonNegative(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative charge " + n);
    }
  }

  private void charge(long s, long m, String what) {
    boolean ok = fits(s, m);
    steps = s;
    memBytes = m;
    if (!ok) {
      exhausted = true;
      throw new RuntimeError.OutOfGas(what + " past the fee cap " + cap);
    }
  }

  /** A saturated fee never fits: usage that large is out of gas whatever the cap. */
  private boolean fits(long s, long m) {
    long f = pricing.fee(s, m);
    return f != Long.MAX_VALUE && f <= cap;
  }

  /**
   * The most steps in total that fit under the cap at the current memory: the line an interpreter
   * may run to before it must hand its count over. Binary search over the monotone fee.
   */
  public long stepLimit() {
    if (!fits(steps, memBytes)) {
      return steps;
    }
    long lo = steps;
    long hi = Long.MAX_VALUE;
    while (lo < hi) {
      long mid = hi - ((hi - lo) >>> 1); // upper middle, no overflow
      if (fits(mid, memBytes)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The fee owed for everything charged so far, never more than the cap. */
  public long fee() {
    return Math.min(cap, pricing.fee(steps, memBytes));
  }

  public long steps() {
    return steps;
  }

  public long memBytes() {
    return memBytes;
  }

  public boolean exhausted() {
    return exhausted;
  }
}
