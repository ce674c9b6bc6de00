package dev.aether.programs.staking;

import dev.aether.genesis.GenesisConfig;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;

/**
 * The staking program's parameters, written into the state at genesis (from {@code [chain]}, {@code
 * [consensus]} and {@code [staking]}) and read from there, so a later governance program can change
 * them by a transaction. Every fraction is an exact {@link Ratio}.
 *
 * @param epochSlots slots per epoch
 * @param slotMs nominal slot length (for inflation per epoch)
 * @param unbondingEpochs see {@link GenesisConfig.Staking#unbondingEpochs()}
 * @param minSelfBond see {@link GenesisConfig.Staking#minSelfBond()}
 * @param maxValidators see {@link GenesisConfig.Staking#maxValidators()}
 * @param maxCandidates see {@link GenesisConfig.Staking#maxCandidates()}
 * @param maxCommissionBps see {@link GenesisConfig.Staking#maxCommissionBps()}
 * @param inflation see {@link GenesisConfig.Staking#inflation()}
 * @param downtimeThreshold see {@link GenesisConfig.Staking#downtimeThreshold()}
 * @param jailEpochs see {@link GenesisConfig.Staking#jailEpochs()}
 * @param reporterReward see {@link GenesisConfig.Staking#reporterReward()}
 * @param slashDouble {@code [consensus].slash_double}: fraction slashed for double signing
 * @param leakDowntime {@code [consensus].leak_downtime}: fraction leaked per missed round
 */
public record StakingParams(
    long epochSlots,
    long slotMs,
    long unbondingEpochs,
    Amount minSelfBond,
    int maxValidators,
    int maxCandidates,
    int maxCommissionBps,
    Ratio inflation,
    Ratio downtimeThreshold,
    long jailEpochs,
    Ratio reporterReward,
    Ratio slashDouble,
    Ratio leakDowntime) {

  /** Milliseconds in a Julian year (365.25 days): the unit of {@link #inflation}. */
  public static final long MS_PER_YEAR = 31_557_600_000L;

  public StakingParams {
    if (epochSlots <= 0 || slotMs <= 0 || unbondingEpochs <= 0 || jailEpochs < 0) {
      throw new IllegalArgumentException("epoch, slot and unbonding lengths must be positive");
    }
    if (maxValidators < 1 || maxCandidates < maxValidators) {
      throw new IllegalArgumentException("need 1 <= max_validators <= max_candidates");
    }
    if (maxCommissionBps < 0 || maxCommissionBps > 10_000) {
      throw new IllegalArgumentException("max_commission_bps must be in 0..10000");
    }
    if (!downtimeThreshold.isAtMostOne() || !reporterReward.isAtMostOne()) {
      throw new IllegalArgumentException("downtime threshold and reporter reward at most 1");
    }
    if (slashDouble.compareTo(new Ratio(1, 1)) >= 0) {
      // A slash of everything would leave pools with shares but no tokens.
      throw new IllegalArgumentException("slash_double must be below 1");
    }
  }

  public static final Codec<StakingParams> CODEC =
      new Codec<>() {
        @Override
        public void write(StakingParams p, Writer out) {
          out.u8(1);
          out.u64(p.epochSlots).u64(p.slotMs).u64(p.unbondingEpochs);
          Amount.CODEC.write(p.minSelfBond, out);
          out.u32(p.maxValidators).u32(p.maxCandidates).u32(p.maxCommissionBps);
          ratio(p.inflation, out);
          ratio(p.downtimeThreshold, out);
          out.u64(p.jailEpochs);
          ratio(p.reporterReward, out);
          ratio(p.slashDouble, out);
          ratio(p.leakDowntime, out);
        }

        @Override
        public StakingParams read(Reader in) {
          int version = in.u8("StakingParams version");
          if (version != 1) {
            throw new dev.aether.types.codec.CodecException.UnknownTag("StakingParams", version);
          }
          return new StakingParams(
              in.u64("epochSlots"),
              in.u64("slotMs"),
              in.u64("unbondingEpochs"),
              Amount.CODEC.read(in),
              (int) in.u32("maxValidators"),
              (int) in.u32("maxCandidates"),
              (int) in.u32("maxCommissionBps"),
              ratio(in),
              ratio(in),
              in.u64("jailEpochs"),
              ratio(in),
              ratio(in),
              ratio(in));
        }
      };

  private static void ratio(Ratio r, Writer out) {
    out.u64(r.numerator()).u64(r.denominator());
  }

  private static Ratio ratio(Reader in) {
    return new Ratio(in.u64("ratio numerator"), in.u64("ratio denominator"));
  }

  /** The parameters a genesis file sets. */
  public static StakingParams of(GenesisConfig g) {
    GenesisConfig.Staking s = g.staking();
    return new StakingParams(
        g.chain().epochSlots(),
        g.chain().slotMs(),
        s.unbondingEpochs(),
        s.minSelfBond(),
        s.maxValidators(),
        s.maxCandidates(),
        s.maxCommissionBps(),
        s.inflation(),
        s.downtimeThreshold(),
        s.jailEpochs(),
        s.reporterReward(),
        g.consensus().slashDouble(),
        g.consensus().leakDowntime());
  }

  /** The epoch of {@code slot}. */
  public long epochOf(long slot) {
    return Long.divideUnsigned(slot, epochSlots);
  }

  /**
   * The first epoch in which an unbonding entry created in {@code epoch} may be withdrawn: the
   * stake still validates epoch {@code epoch + 1} (sets are chosen two epochs ahead) and stays
   * slashable for {@code unbondingEpochs} after that.
   */
  public long maturity(long epoch) {
    return epoch + 2 + unbondingEpochs;
  }

  /**
   * SWR minted for one epoch on {@code bonded} stake: {@code floor(bonded · inflation · T/year)}.
   */
  public BigInteger inflationFor(BigInteger bonded) {
    BigInteger num =
        bonded
            .multiply(BigInteger.valueOf(inflation.numerator()))
            .multiply(BigInteger.valueOf(slotMs))
            .multiply(BigInteger.valueOf(epochSlots));
    BigInteger den =
        BigInteger.valueOf(inflation.denominator()).multiply(BigInteger.valueOf(MS_PER_YEAR));
    return num.divide(den);
  }
}
