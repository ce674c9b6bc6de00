package dev.aether.runtime;

/**
 * Counts one transaction's steps and memory bytes and stops it when its fee would pass its cap.
 *
 * <p>The running fee is {@code ceil((a + b·tx_bytes + c·steps + d·mem_bytes) · m / 1000) + rent},
 * {@code m} the congestion multiplier in permille. Every charge is checked against the cap before
 * it is counted, so a transaction that runs out has used at most its cap and pays {@link #fee()}.
 * All arithmetic is integer and saturating: the same charges give the same fee on every machine.
 */
public final class Meter {
  private final FeeSchedule fees;
  private final long txBytes;
  private final long multiplierPermille;
  private final long cap;
  private long steps;
  private long memBytes;
  private long rent;
  private boolean exhausted;

  /**
   * @param cap the transaction's fee cap (saturated to {@code Long.MAX_VALUE})
   * @throws RuntimeError.FeeCapTooLow when the cap does not cover the fixed part of the fee
   */
  public Meter(FeeSchedule fees, long txBytes, long multiplierPermille, long cap) {
    if (multiplierPermille < CongestionRule.UNIT) {
      throw new IllegalArgumentException("multiplier below 1000 permille");
    }
    this.fees = fees;
    this.txBytes = txBytes;
    this.multiplierPermille = multiplierPermille;
    this.cap = cap;
    if (!fits(0, 0, 0)) {
      throw new RuntimeError.FeeCapTooLow(
          "fee cap " + cap + " below the fixed fee " + feeFor(0, 0, 0));
    }
  }

  /** Charges {@code n} steps, or throws {@link RuntimeError.OutOfGas} (the steps still count). */
  public void steps(long n) {
    check(n >= 0, n);
    long next = FeeSchedule.sat(steps, n);
    charge(next, memBytes, rent, "steps");
  }

  /** Charges {@code n} memory bytes (state written, linear memory grown). */
  public void memory(long n) {
    check(n >= 0, n);
    charge(steps, FeeSchedule.sat(memBytes, n), rent, "memory");
  }

  /** Charges rent (already in fee units; the congestion multiplier does not apply to rent). */
  public void rent(long amount) {
    check(amount >= 0, amount);
    charge(steps, memBytes, FeeSchedule.sat(rent, amount), "rent");
  }

  private static void check(boolean ok, long n) {
    if (!ok) {
      throw new IllegalArgumentException("negative charge " + n);
    }
  }

  private void charge(long s, long m, long r, String what) {
    if (!fits(s, m, r)) {
      // Count what was asked up to the cap: the transaction pays its whole cap, never more.
      steps = s;
      memBytes = m;
      rent = r;
      exhausted = true;
      throw new RuntimeError.OutOfGas(what + " past the fee cap " + cap);
    }
    steps = s;
    memBytes = m;
    rent = r;
  }

  /**
   * How many more steps fit under the cap with nothing else charged: the budget an interpreter may
   * run before it must stop.
   */
  public long stepsLeft() {
    long lo = 0;
    long hi = Long.MAX_VALUE - steps;
    // Largest k with feeFor(steps + k) <= cap; the fee is monotone in steps.
    while (lo < hi) {
      long mid = hi - ((hi - lo) >>> 1); // upper middle, no overflow
      if (fits(steps + mid, memBytes, rent)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** A saturated fee never fits: usage that large is out of gas whatever the cap. */
  private boolean fits(long s, long m, long r) {
    long f = feeFor(s, m, r);
    return f != Long.MAX_VALUE && f <= cap;
  }

  private long feeFor(long s, long m, long r) {
    long base = fees.base(txBytes, s, m);
    long scaled = FeeSchedule.satMul(base, multiplierPermille);
    long congested =
        scaled == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : Math.ceilDiv(scaled, CongestionRule.UNIT); // round up: never undercharge
    return FeeSchedule.sat(congested, r);
  }

  /** The fee owed for everything charged so far, never more than the cap. */
  public long fee() {
    return Math.min(cap, feeFor(steps, memBytes, rent));
  }

  public long steps() {
    return steps;
  }

  public long memBytes() {
    return memBytes;
  }

  public long rentCharged() {
    return rent;
  }

  public boolean exhausted() {
    return exhausted;
  }
}
