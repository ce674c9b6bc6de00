package dev.aether.programs.jobs;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.Optional;

/**
 * One job as the chain keeps it: the poster's terms, the escrow, the provider and its bond, the
 * accepted receipt, and — once final — where the AIC went.
 *
 * @param id the job id
 * @param terms what the poster asked for
 * @param postedSlot when it was posted
 * @param status where it stands
 * @param provider the provider that accepted it
 * @param bond the provider's bond (AIC base units)
 * @param acceptedSlot when it was accepted (0 before)
 * @param receipt what the chain recorded of the accepted receipt
 * @param lostChallenges challenges of this receipt that re-executed to the committed step
 * @param outcome where the escrow and bond went, once final
 */
public record JobRecord(
    H256 id,
    Terms terms,
    long postedSlot,
    JobStatus status,
    Optional<Address> provider,
    BigInteger bond,
    long acceptedSlot,
    Optional<Receipt> receipt,
    long lostChallenges,
    Outcome outcome) {

  /**
   * The poster's terms: {@code postJob}'s arguments.
   *
   * @param poster who posted and pays
   * @param modelHash the model to run
   * @param codeHash the provider runtime artifact to run it with
   * @param jUnits the most J-units the job pays for
   * @param maxPrice the escrowed AIC (base units)
   * @param slaMs the latency (accept → receipt) the poster expects
   * @param deadlineSlot the last slot a receipt is accepted in
   * @param inputHash the input, if the job fixes it
   * @param seed the seed, if the job fixes it
   */
  public record Terms(
      Address poster,
      H256 modelHash,
      H256 codeHash,
      long jUnits,
      BigInteger maxPrice,
      long slaMs,
      long deadlineSlot,
      Optional<H256> inputHash,
      Optional<Long> seed) {}

  /**
   * The accepted receipt.
   *
   * @param vcrHash SHA-256 of the receipt's canonical bytes
   * @param outputHash the output it claims
   * @param commitment its trace commitment (48 bytes)
   * @param traceLength steps of the trace
   * @param seed the seed it ran with
   * @param jUnits the model's metered J-units
   * @param submittedSlot when it was accepted
   * @param windowEndSlot the first slot after the challenge window
   */
  public record Receipt(
      H256 vcrHash,
      H256 outputHash,
      Bytes commitment,
      int traceLength,
      long seed,
      long jUnits,
      long submittedSlot,
      long windowEndSlot) {}

  /**
   * Where a final job's AIC went (all zero until then).
   *
   * @param paid to the provider for the work
   * @param refunded to the poster
   * @param burned destroyed (J-unit burn, the burned part of a slashed bond)
   * @param rewarded to the challenger or the sender of the expiry (part of a slashed bond)
   * @param bondReturned the provider's bond returned
   */
  public record Outcome(
      BigInteger paid,
      BigInteger refunded,
      BigInteger burned,
      BigInteger rewarded,
      BigInteger bondReturned) {
    /** Nothing yet. */
    public static final Outcome NONE =
        new Outcome(
            BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
  }

  /** The canonical codec. */
  public static final Codec<JobRecord> CODEC =
      new Codec<>() {
        @Override
        public void write(JobRecord j, Writer out) {
          out.u8(1);
          H256.CODEC.write(j.id, out);
          Terms t = j.terms;
          Address.CODEC.write(t.poster(), out);
          H256.CODEC.write(t.modelHash(), out);
          H256.CODEC.write(t.codeHash(), out);
          out.u64(t.jUnits());
          amount(t.maxPrice(), out);
          out.u64(t.slaMs()).u64(t.deadlineSlot());
          out.optional(t.inputHash(), H256.CODEC);
          out.bool(t.seed().isPresent()).u64(t.seed().orElse(0L));
          out.u64(j.postedSlot).u8(j.status.tag());
          out.optional(j.provider, Address.CODEC);
          amount(j.bond, out);
          out.u64(j.acceptedSlot);
          out.bool(j.receipt.isPresent());
          if (j.receipt.isPresent()) {
            Receipt r = j.receipt.get();
            H256.CODEC.write(r.vcrHash(), out);
            H256.CODEC.write(r.outputHash(), out);
            out.fixed(r.commitment().toArray());
            out.u32(r.traceLength()).u64(r.seed()).u64(r.jUnits());
            out.u64(r.submittedSlot()).u64(r.windowEndSlot());
          }
          out.u64(j.lostChallenges);
          Outcome o = j.outcome;
          amount(o.paid(), out);
          amount(o.refunded(), out);
          amount(o.burned(), out);
          amount(o.rewarded(), out);
          amount(o.bondReturned(), out);
        }

        @Override
        public JobRecord read(Reader in) {
          if (in.u8("JobRecord version") != 1) {
            throw new CodecException.NonCanonical("JobRecord version");
          }
          H256 id = H256.CODEC.read(in);
          Address poster = Address.CODEC.read(in);
          H256 model = H256.CODEC.read(in);
          H256 code = H256.CODEC.read(in);
          long ju = in.u64("jUnits");
          BigInteger price = Amount.CODEC.read(in).value();
          long sla = in.u64("sla");
          long deadline = in.u64("deadline");
          Optional<H256> input = in.optional("input", H256.CODEC);
          boolean hasSeed = in.bool("has seed");
          long seed = in.u64("seed");
          Terms terms =
              new Terms(
                  poster,
                  model,
                  code,
                  ju,
                  price,
                  sla,
                  deadline,
                  input,
                  hasSeed ? Optional.of(seed) : Optional.empty());
          long posted = in.u64("posted");
          JobStatus status = JobStatus.ofTag(in.u8("status"));
          Optional<Address> provider = in.optional("provider", Address.CODEC);
          BigInteger bond = Amount.CODEC.read(in).value();
          long accepted = in.u64("accepted");
          Optional<Receipt> receipt = Optional.empty();
          if (in.bool("has receipt")) {
            receipt =
                Optional.of(
                    new Receipt(
                        H256.CODEC.read(in),
                        H256.CODEC.read(in),
                        Bytes.of(in.fixed("commitment", 48)),
                        (int) in.u32("trace length"),
                        in.u64("seed"),
                        in.u64("metered"),
                        in.u64("submitted"),
                        in.u64("window end")));
          }
          long lost = in.u64("lost challenges");
          Outcome outcome =
              new Outcome(
                  Amount.CODEC.read(in).value(),
                  Amount.CODEC.read(in).value(),
                  Amount.CODEC.read(in).value(),
                  Amount.CODEC.read(in).value(),
                  Amount.CODEC.read(in).value());
          return new JobRecord(
              id, terms, posted, status, provider, bond, accepted, receipt, lost, outcome);
        }
      };

  private static void amount(BigInteger v, Writer out) {
    Amount.CODEC.write(new Amount(v), out);
  }

  /** A copy in {@code next} status. */
  JobRecord withStatus(JobStatus next) {
    return new JobRecord(
        id,
        terms,
        postedSlot,
        next,
        provider,
        bond,
        acceptedSlot,
        receipt,
        lostChallenges,
        outcome);
  }

  /** A copy accepted by {@code p} with {@code b}. */
  JobRecord accepted(Address p, BigInteger b, long slot) {
    return new JobRecord(
        id,
        terms,
        postedSlot,
        JobStatus.ACCEPTED,
        Optional.of(p),
        b,
        slot,
        receipt,
        lostChallenges,
        outcome);
  }

  /** A copy with the accepted receipt. */
  JobRecord submitted(Receipt r) {
    return new JobRecord(
        id,
        terms,
        postedSlot,
        JobStatus.SUBMITTED,
        provider,
        bond,
        acceptedSlot,
        Optional.of(r),
        lostChallenges,
        outcome);
  }

  /** A copy with one more lost challenge. */
  JobRecord challengeLost() {
    return new JobRecord(
        id,
        terms,
        postedSlot,
        status,
        provider,
        bond,
        acceptedSlot,
        receipt,
        lostChallenges + 1,
        outcome);
  }

  /** A copy in a final status with its outcome. */
  JobRecord finished(JobStatus finalStatus, Outcome o) {
    return new JobRecord(
        id,
        terms,
        postedSlot,
        finalStatus,
        provider,
        bond,
        acceptedSlot,
        receipt,
        lostChallenges,
        o);
  }
}
