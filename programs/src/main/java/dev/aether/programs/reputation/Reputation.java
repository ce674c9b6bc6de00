package dev.aether.programs.reputation;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * A provider's record, derived only from on-chain outcomes of the job-escrow program — anyone can
 * recompute it by replaying the chain's job transactions.
 *
 * @param provider the provider
 * @param jobsAccepted jobs it accepted
 * @param jobsSettled jobs settled in its favour (receipt accepted, window passed unchallenged)
 * @param slaMet settled jobs whose receipt came within the job's {@code sla_ms} of acceptance
 *     (slots between accept and receipt × slot length)
 * @param disputesLost receipts proven false by a challenge (bond slashed)
 * @param challengesSurvived challenges of its receipts that re-executed to the committed step
 * @param deadlinesMissed accepted jobs it let expire (bond slashed)
 * @param volume AIC paid to it for settled work
 * @param lastSlot slot of its last outcome
 */
public record Reputation(
    Address provider,
    long jobsAccepted,
    long jobsSettled,
    long slaMet,
    long disputesLost,
    long challengesSurvived,
    long deadlinesMissed,
    BigInteger volume,
    long lastSlot) {

  /** The canonical codec. */
  public static final Codec<Reputation> CODEC =
      new Codec<>() {
        @Override
        public void write(Reputation r, Writer out) {
          out.u8(1);
          Address.CODEC.write(r.provider, out);
          out.u64(r.jobsAccepted).u64(r.jobsSettled).u64(r.slaMet).u64(r.disputesLost);
          out.u64(r.challengesSurvived).u64(r.deadlinesMissed);
          Amount.CODEC.write(new Amount(r.volume), out);
          out.u64(r.lastSlot);
        }

        @Override
        public Reputation read(Reader in) {
          if (in.u8("Reputation version") != 1) {
            throw new CodecException.NonCanonical("Reputation version");
          }
          return new Reputation(
              Address.CODEC.read(in),
              in.u64("accepted"),
              in.u64("settled"),
              in.u64("sla met"),
              in.u64("disputes lost"),
              in.u64("challenges survived"),
              in.u64("deadlines missed"),
              Amount.CODEC.read(in).value(),
              in.u64("last slot"));
        }
      };

  /** A provider without history. */
  public static Reputation empty(Address provider) {
    return new Reputation(provider, 0, 0, 0, 0, 0, 0, BigInteger.ZERO, 0);
  }

  /**
   * The order the CLI ranks providers in, best first: fewest disputes lost, then fewest deadlines
   * missed, then the highest share of SLA-met settlements (compared exactly, as fractions), then
   * most jobs settled, then most volume, then address. Deterministic; no scores, no floats.
   */
  public static final Comparator<Reputation> RANKING =
      Comparator.comparingLong(Reputation::disputesLost)
          .thenComparingLong(Reputation::deadlinesMissed)
          .thenComparing(Reputation::slaShareAtLeast)
          .thenComparing(Comparator.comparingLong(Reputation::jobsSettled).reversed())
          .thenComparing(Comparator.comparing(Reputation::volume).reversed())
          .thenComparing(Reputation::provider);

  /** Higher SLA share first: {@code a.slaMet/a.settled > b.slaMet/b.settled} sorts a first. */
  private static int slaShareAtLeast(Reputation a, Reputation b) {
    BigInteger left =
        BigInteger.valueOf(a.slaMet).multiply(BigInteger.valueOf(Math.max(1, b.jobsSettled)));
    BigInteger right =
        BigInteger.valueOf(b.slaMet).multiply(BigInteger.valueOf(Math.max(1, a.jobsSettled)));
    return right.compareTo(left);
  }

  Reputation accepted(long slot) {
    return new Reputation(
        provider,
        jobsAccepted + 1,
        jobsSettled,
        slaMet,
        disputesLost,
        challengesSurvived,
        deadlinesMissed,
        volume,
        slot);
  }

  Reputation settled(boolean withinSla, BigInteger paid, long slot) {
    return new Reputation(
        provider,
        jobsAccepted,
        jobsSettled + 1,
        slaMet + (withinSla ? 1 : 0),
        disputesLost,
        challengesSurvived,
        deadlinesMissed,
        volume.add(paid),
        slot);
  }

  Reputation disputeLost(long slot) {
    return new Reputation(
        provider,
        jobsAccepted,
        jobsSettled,
        slaMet,
        disputesLost + 1,
        challengesSurvived,
        deadlinesMissed,
        volume,
        slot);
  }

  Reputation challengeSurvived(long slot) {
    return new Reputation(
        provider,
        jobsAccepted,
        jobsSettled,
        slaMet,
        disputesLost,
        challengesSurvived + 1,
        deadlinesMissed,
        volume,
        slot);
  }

  Reputation deadlineMissed(long slot) {
    return new Reputation(
        provider,
        jobsAccepted,
        jobsSettled,
        slaMet,
        disputesLost,
        challengesSurvived,
        deadlinesMissed + 1,
        volume,
        slot);
  }
}
