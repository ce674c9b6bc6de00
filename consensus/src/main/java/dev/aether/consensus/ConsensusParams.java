package dev.aether.consensus;

/**
 * Protocol constants, read from genesis. All times are milliseconds of the consensus clock (the
 * node maps its wall clock onto it; the simulator drives it directly).
 *
 * @param slotMs length of a slot; slot {@code s} spans {@code [s*slotMs, (s+1)*slotMs)}
 * @param epochSlots slots per epoch (epoch nonce and validator set change at epoch boundaries;
 *     docs/adr/0025 for how a consensus epoch ends)
 * @param tauNum numerator of the leader-lottery activity {@code tau} (genesis {@code 0.8} = 4/5)
 * @param tauDen denominator of {@code tau}
 * @param voteWindowMs how long after the start of a proposal's slot a validator waits before it
 *     votes, so that it has every proposal of the slot and votes for the best ranked one; must
 *     exceed the usual one-way delay
 * @param baseRoundTimeoutMs round timeout before any backoff
 * @param maxRoundTimeoutMs cap of the exponential backoff
 * @param kesSlotsPerPeriod slots per KES period; a proposal for slot {@code s} is signed in period
 *     {@code s / kesSlotsPerPeriod}
 */
public record ConsensusParams(
    long slotMs,
    long epochSlots,
    long tauNum,
    long tauDen,
    long voteWindowMs,
    long baseRoundTimeoutMs,
    long maxRoundTimeoutMs,
    long kesSlotsPerPeriod) {

  /**
   * Periods one hot KES key covers (Sum6KES: 64). An operational certificate starting at period
   * {@code p} signs periods {@code p .. p + KES_EVOLUTIONS - 1}.
   */
  public static final int KES_EVOLUTIONS = 64;

  public ConsensusParams {
    if (slotMs <= 0 || epochSlots < 3 || kesSlotsPerPeriod <= 0) {
      throw new IllegalArgumentException("slotMs, epochSlots (>= 3) and KES period must be > 0");
    }
    if (tauNum <= 0 || tauDen <= 0 || tauNum > tauDen) {
      throw new IllegalArgumentException("tau must be a fraction in (0, 1]");
    }
    if (voteWindowMs < 0 || baseRoundTimeoutMs <= 0 || maxRoundTimeoutMs < baseRoundTimeoutMs) {
      throw new IllegalArgumentException("bad timeouts");
    }
  }

  /**
   * The genesis defaults: 500 ms slots, 43 200-slot epochs, {@code tau = 4/5}, votes 150 ms into
   * the slot, round timeout 3 slots doubling up to 8 slots, KES periods of 129 600 slots (18 h).
   */
  public static ConsensusParams defaults() {
    return new ConsensusParams(500, 43_200, 4, 5, 150, 1_500, 4_000, 129_600);
  }

  public ConsensusParams withEpochSlots(long slots) {
    return new ConsensusParams(
        slotMs,
        slots,
        tauNum,
        tauDen,
        voteWindowMs,
        baseRoundTimeoutMs,
        maxRoundTimeoutMs,
        kesSlotsPerPeriod);
  }

  public long slotAt(long nowMs) {
    return Math.floorDiv(nowMs, slotMs);
  }

  public long slotStart(long slot) {
    return slot * slotMs;
  }

  public long epochOf(long slot) {
    return slot / epochSlots;
  }

  /** Slots of an epoch whose blocks feed the next epoch's nonce: the first two thirds. */
  public long nonceCutoff() {
    return epochSlots * 2 / 3;
  }

  public ConsensusParams withKesSlotsPerPeriod(long slots) {
    return new ConsensusParams(
        slotMs,
        epochSlots,
        tauNum,
        tauDen,
        voteWindowMs,
        baseRoundTimeoutMs,
        maxRoundTimeoutMs,
        slots);
  }

  public int kesPeriodOf(long slot) {
    return Math.toIntExact(slot / kesSlotsPerPeriod);
  }

  /** Round timeout after {@code consecutiveTimeouts} rounds in a row ended by a timeout. */
  public long roundTimeout(int consecutiveTimeouts) {
    long t = baseRoundTimeoutMs;
    for (int i = 0; i < consecutiveTimeouts && t < maxRoundTimeoutMs; i++) {
      t *= 2;
    }
    return Math.min(t, maxRoundTimeoutMs);
  }
}
