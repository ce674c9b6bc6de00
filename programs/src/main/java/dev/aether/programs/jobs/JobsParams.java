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
 * {@code [chain].slot_ms} and {@code [devnet].allow_dev_attestations}) and read from there.
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
    boolean allowDevTee) {

  /** The canonical codec. */
  public static final Codec<JobsParams> CODEC =
      new Codec<>() {
        @Override
        public void write(JobsParams p, Writer out) {
          out.u8(1).u64(p.challengeWindowSlots);
          Amount.CODEC.write(p.burnPerJUnit, out);
          Amount.CODEC.write(p.challengeBond, out);
          out.u64(p.minBondRatio.numerator()).u64(p.minBondRatio.denominator());
          out.u64(p.challengerShare.numerator()).u64(p.challengerShare.denominator());
          out.u64(p.timeOriginMs).u32(p.maxProviders).u64(p.slotMs).bool(p.allowDevTee);
        }

        @Override
        public JobsParams read(Reader in) {
          if (in.u8("JobsParams version") != 1) {
            throw new CodecException.NonCanonical("JobsParams version");
          }
          return new JobsParams(
              in.u64("window"),
              Amount.CODEC.read(in),
              Amount.CODEC.read(in),
              new Ratio(in.u64("bond num"), in.u64("bond den")),
              new Ratio(in.u64("share num"), in.u64("share den")),
              in.u64("origin"),
              (int) in.u32("max providers"),
              in.u64("slot ms"),
              in.bool("allow dev"));
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
        config.devnet().allowDevAttestations());
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
