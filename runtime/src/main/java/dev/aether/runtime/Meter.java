package dev.aether.runtime;

import dev.aether.ledger.FeeMultipliers;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.Fees;
import dev.aether.types.Amount;
import dev.aether.types.Tx;
import java.math.BigInteger;

/**
 * Counts one transaction's steps and memory bytes and stops it when its fee would pass its cap or
 * its usage would pass the chain's per-transaction limits ({@code [limits] tx_steps_max} and {@code
 * tx_memory_bytes_max}, whatever the fee cap).
 *
 * <p>The fee is whatever the chain's {@link FeeSchedule} says for the usage so far — with genesis
 * parameters {@code (a + b·tx_bytes + c·steps + d·mem_bytes)} times the congestion multiplier of
 * the hottest object the transaction writes ({@link CongestionMarket}, read from the parent state).
 * Every charge is checked against the cap before it is accepted; a charge that does not fit is
 * still recorded (so the transaction pays its whole cap) and throws {@link RuntimeError.OutOfGas};
 * one past a limit throws {@link RuntimeError.StepLimit} or {@link RuntimeError.MemoryLimit}. The
 * steps recorded never exceed the step limit, so no receipt claims more than {@code tx_steps_max}.
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
  private final long stepsMax;
  private final long memoryMax;
  private long steps;
  private long memBytes;
  private boolean exhausted;
  // The most steps whose fee fits the cap at memory `limitMem`: found once per memory size by
  // binary search, so a charge is a compare, not a fee computation (host calls charge often).
  private long limitMem = -1;
  private long limit;

  /** A meter bounded by the fee cap only (no per-transaction limits). */
  public Meter(Pricing pricing, long cap) {
    this(pricing, cap, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  public Meter(Pricing pricing, long cap, long stepsMax, long memoryMax) {
    if (stepsMax < 0 || memoryMax < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    this.pricing = pricing;
    this.cap = cap;
    this.stepsMax = stepsMax;
    this.memoryMax = memoryMax;
  }

  /**
   * A meter for {@code tx} priced by {@code fees} times the block's {@code multipliers}, capped at
   * the transaction's fee cap — the same formula the ledger charges with ({@link Fees}) — and at
   * the chain's per-transaction {@code limits}.
   */
  public static Meter forTx(
      FeeSchedule fees, FeeMultipliers multipliers, Tx tx, int txBytes, TxLimits limits) {
    return new Meter(
        (s, m) -> saturate(Fees.of(fees, multipliers, tx, txBytes, s, m)),
        saturate(tx.body().feeCap()),
        limits.stepsMax(),
        limits.memoryBytesMax());
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
    steps = Math.min(s, stepsMax);
    memBytes = m;
    if (s > stepsMax) {
      exhausted = true;
      throw new RuntimeError.StepLimit(stepsMax);
    }
    if (m > memoryMax) {
      exhausted = true;
      throw new RuntimeError.MemoryLimit("transaction memory " + m + " bytes, limit " + memoryMax);
    }
    if (!ok) {
      exhausted = true;
      throw new RuntimeError.OutOfGas(what + " past the fee cap " + cap);
    }
  }

  /** True when the fee of {@code s} steps and {@code m} memory bytes fits the cap. */
  private boolean fits(long s, long m) {
    return s <= limitAt(m);
  }

  /** A saturated fee never fits: usage that large is out of gas whatever the cap. */
  private boolean feeFits(long s, long m) {
    long f = pricing.fee(s, m);
    return f != Long.MAX_VALUE && f <= cap;
  }

  /** The most steps that fit at memory {@code m} (-1 when not even none does), cached. */
  private long limitAt(long m) {
    if (m != limitMem) {
      limit = search(m);
      limitMem = m;
    }
    return limit;
  }

  /** Binary search over the monotone fee. */
  private long search(long m) {
    if (!feeFits(0, m)) {
      return -1;
    }
    long lo = 0;
    long hi = stepsMax;
    while (lo < hi) {
      long mid = hi - ((hi - lo) >>> 1); // upper middle, no overflow
      if (feeFits(mid, m)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * The most steps in total that fit under the cap at the current memory: the line an interpreter
   * may run to before it must hand its count over.
   */
  public long stepLimit() {
    return Math.max(steps, limitAt(memBytes));
  }

  /** The fee owed for everything charged so far, never more than the cap. */
  public long fee() {
    return Math.min(cap, pricing.fee(steps, memBytes));
  }

  public long steps() {
    return steps;
  }

  /** The per-transaction step limit. */
  public long stepsMax() {
    return stepsMax;
  }

  public long memBytes() {
    return memBytes;
  }

  public boolean exhausted() {
    return exhausted;
  }
}
