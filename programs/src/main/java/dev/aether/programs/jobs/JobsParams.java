package dev.aether.programs.jobs;

import dev.aether.genesis.GenesisConfig;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The job-escrow program's parameters, written into the state at genesis (from {@code [jobs]},
 * {@code [chain].slot_ms} and {@code [devnet].allow_dev_attestations}) and read from there by every
 * call, so a governance parameter change (the {@code jobs.*} names of {@code ParamRegistry}) is in
 * force from the block after the one that executed it.
 *
 * @param challengeWindowSlots see {@link GenesisConfig.Jobs#challengeWindowSlots()}
 * @param burnPerJUnit see {@link GenesisConfig.Jobs#burnPerJUnit()}
 * @param challengeBond see {@link GenesisConfig.Jobs#challengeBond()}
 * @param minBondRatio see {@link GenesisConfig.Jobs#minBondRatio()}
 * @param challengerShare see {@link GenesisConfig.Jobs#challengerShare()}
 * @param timeOriginMs see {@link GenesisConfig.Jobs#timeOriginMs()}
 * @param maxProviders see {@link GenesisConfig.Jobs#maxProviders()}
 * @param slotMs the nominal slot length, to compare latencies with a job's {@code sla_ms}
 * @param allowDevTee whether development TEE quotes are accepted (devnets only)
 * @param twapWindowSlots the least span, in slots, of the AIC/USDT time-weighted average price a
 *     stablecoin payout is valued at ({@code settleStable}; docs/programs/jobs.md)
 * @param stableHaircutBps the part of a stablecoin payout's TWAP value withheld to pay the pool's
 *     swap fee and ordinary drift of the spot price from the average (basis points)
 */
public record JobsParams(
    long challengeWindowSlots,
    Amount burnPerJUnit,
    Amount challengeBond,
    Ratio minBondRatio,
    Ratio challengerShare,
    long timeOriginMs,
    int maxProviders,
    long slotMs,
    boolean allowDevTee,
    long twapWindowSlots,
    int stableHaircutBps) {

  /** Default least TWAP span of a stablecoin payout: 30 slots. */
  public static final long DEFAULT_TWAP_WINDOW_SLOTS = 30;

  /** Default haircut of a stablecoin payout: 1% (the devnet pools charge 0.3%). */
  public static final int DEFAULT_STABLE_HAIRCUT_BPS = 100;

  /** Upper bound of {@code twap_window_slots}: the oracle ring must be able to span it. */
  public static final long MAX_TWAP_WINDOW_SLOTS = 1_000_000;

  /** Upper bound of {@code stable_haircut_bps}: 20%. */
  public static final int MAX_STABLE_HAIRCUT_BPS = 2_000;

  /** Upper bound of {@code challenge_window_slots} a proposal may set. */
  public static final long MAX_CHALLENGE_WINDOW_SLOTS = 10_000_000;

  /** The canonical codec. */
  public static final Codec<JobsParams> CODEC =
      new Codec<>() {
        @Override
        public void write(JobsParams p, Writer out) {
          out.u8(2).u64(p.challengeWindowSlots);
          Amount.CODEC.write(p.burnPerJUnit, out);
          Amount.CODEC.write(p.challengeBond, out);
          out.u64(p.minBondRatio.numerator()).u64(p.minBondRatio.denominator());
          out.u64(p.challengerShare.numerator()).u64(p.challengerShare.denominator());
          out.u64(p.timeOriginMs).u32(p.maxProviders).u64(p.slotMs).bool(p.allowDevTee);
          out.u64(p.twapWindowSlots).u16(p.stableHaircutBps);
        }

        @Override
        public JobsParams read(Reader in) {
          // Version 1 (before the stablecoin payout) lacks the last two fields: defaults.
          int version = in.u8("JobsParams version");
          if (version != 1 && version != 2) {
            throw new CodecException.NonCanonical("JobsParams version " + version);
          }
          try {
            return new JobsParams(
                in.u64("window"),
                Amount.CODEC.read(in),
                Amount.CODEC.read(in),
                new Ratio(in.u64("bond num"), in.u64("bond den")),
                new Ratio(in.u64("share num"), in.u64("share den")),
                in.u64("origin"),
                (int) in.u32("max providers"),
                in.u64("slot ms"),
                in.bool("allow dev"),
                version == 1 ? DEFAULT_TWAP_WINDOW_SLOTS : in.u64("twap window"),
                version == 1 ? DEFAULT_STABLE_HAIRCUT_BPS : in.u16("haircut bps"));
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("JobsParams: " + e.getMessage());
          }
        }
      };

  /** Checks ranges. */
  public JobsParams {
    if (challengeWindowSlots <= 0 || slotMs <= 0 || maxProviders < 1) {
      throw new IllegalArgumentException("window, slot length and provider cap must be positive");
    }
    if (!challengerShare.isAtMostOne()) {
      throw new IllegalArgumentException("challenger share is at most 1");
    }
    if (maxProviders > GenesisConfig.Jobs.MAX_PROVIDERS) {
      throw new IllegalArgumentException(
          "max_providers is at most " + GenesisConfig.Jobs.MAX_PROVIDERS);
    }
    if (challengeBond.isZero()) {
      throw new IllegalArgumentException("challenge_bond must be positive");
    }
    if (twapWindowSlots < 1 || twapWindowSlots > MAX_TWAP_WINDOW_SLOTS) {
      throw new IllegalArgumentException("twap_window_slots must be 1.." + MAX_TWAP_WINDOW_SLOTS);
    }
    if (stableHaircutBps < 0 || stableHaircutBps > MAX_STABLE_HAIRCUT_BPS) {
      throw new IllegalArgumentException("stable_haircut_bps must be 0.." + MAX_STABLE_HAIRCUT_BPS);
    }
  }

  /** The parameters of a genesis configuration. */
  public static JobsParams of(GenesisConfig config) {
    GenesisConfig.Jobs j = config.jobs();
    return new JobsParams(
        j.challengeWindowSlots(),
        j.burnPerJUnit(),
        j.challengeBond(),
        j.minBondRatio(),
        j.challengerShare(),
        j.timeOriginMs(),
        j.maxProviders(),
        config.chain().slotMs(),
        config.devnet().allowDevAttestations(),
        DEFAULT_TWAP_WINDOW_SLOTS,
        DEFAULT_STABLE_HAIRCUT_BPS);
  }

  /**
   * These parameters with the governable ones replaced (the slot length, time origin and the
   * development-TEE switch are genesis constants).
   */
  public JobsParams withGoverned(
      long challengeWindowSlots,
      Amount burnPerJUnit,
      Amount challengeBond,
      Ratio minBondRatio,
      Ratio challengerShare,
      int maxProviders,
      long twapWindowSlots,
      int stableHaircutBps) {
    return new JobsParams(
        challengeWindowSlots,
        burnPerJUnit,
        challengeBond,
        minBondRatio,
        challengerShare,
        timeOriginMs,
        maxProviders,
        slotMs,
        allowDevTee,
        twapWindowSlots,
        stableHaircutBps);
  }

  /** The instant TEE certificates are judged at in the block of {@code slot}. */
  public Instant chainTime(long slot) {
    return Instant.ofEpochMilli(
        BigInteger.valueOf(timeOriginMs)
            .add(BigInteger.valueOf(slot).multiply(BigInteger.valueOf(slotMs)))
            .min(BigInteger.valueOf(Long.MAX_VALUE))
            .longValueExact());
  }

  /** The least bond for a job of {@code maxPrice}: {@code ceil(maxPrice × minBondRatio)}. */
  public BigInteger minBond(BigInteger maxPrice) {
    BigInteger[] qr =
        maxPrice
            .multiply(BigInteger.valueOf(minBondRatio.numerator()))
            .divideAndRemainder(BigInteger.valueOf(minBondRatio.denominator()));
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  /** The challenger's part of a slashed {@code bond}: {@code floor(bond × challengerShare)}. */
  public BigInteger challengerPart(BigInteger bond) {
    return bond.multiply(BigInteger.valueOf(challengerShare.numerator()))
        .divide(BigInteger.valueOf(challengerShare.denominator()));
  }
}
