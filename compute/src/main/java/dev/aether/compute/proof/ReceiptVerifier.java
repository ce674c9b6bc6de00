package dev.aether.compute.proof;

import dev.aether.compute.ComputeException;
import dev.aether.compute.trace.FieldElements;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Reason;
import dev.aether.verifiers.tee.TeeBinding;
import dev.aether.verifiers.tee.TeeException;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a published receipt ({@link VcrSubmission}) against the job it answers and the provider's
 * registration, without re-running the job — one implementation for the job-escrow program's {@code
 * submitVCR}, {@code aetherctl mesh verify-vcr} and the AI mesh's validator, so what one accepts
 * the others accept.
 *
 * <p>In order, the first failure reported ({@link ReceiptRejection}):
 *
 * <ol>
 *   <li>the terms: job id (a receipt made for another job is refused), provider, model, runtime
 *       artifact ({@code code_hash} is the job's and one the provider registered), input and seed
 *       where the job fixes them;
 *   <li>the Ed25519 signature under the provider's registered key;
 *   <li>the model: header and weights root hash to {@code model_hash}; the program derived from the
 *       header fits the job's J-units;
 *   <li>the published trace: a commitment, one leaf per step, the leaves are the committed vector
 *       (blob proof), leaf 0 is {@code input_hash}, the last leaf is {@code output_hash};
 *   <li>the TEE evidence under the provider's policy (its registered kind, launch measurements and
 *       minimum TCB; development quotes only where allowed and only from the registered key), bound
 *       to job, input, model, code, seed, output, trace commitment and key;
 *   <li>the last step, re-executed from its committed inputs, gives the last leaf;
 *   <li>spot-check openings carried in the receipt verify and agree with the published leaves.
 * </ol>
 */
public final class ReceiptVerifier {
  private final VectorCommitment commitment;
  private final TeeVerifier tee;
  private final VerifyCosts costs;

  /**
   * @param commitment the trace commitment scheme (KZG on chain)
   * @param tee the TEE evidence verifier
   * @param costs the metered costs
   */
  public ReceiptVerifier(VectorCommitment commitment, TeeVerifier tee, VerifyCosts costs) {
    this.commitment = commitment;
    this.tee = tee;
    this.costs = costs;
  }

  /**
   * Checks {@code sub}.
   *
   * @param at the instant certificates in the TEE evidence are judged at (on chain: the chain time
   *     of the block's slot)
   * @param meter charged for every check before it runs
   */
  public ReceiptVerdict verify(
      VcrSubmission sub, JobTerms job, ProviderTerms provider, Instant at, Meter meter) {
    Vcr vcr = sub.vcr();
    if (!vcr.jobId().equals(job.jobId())) {
      return reject(ReceiptRejection.WRONG_JOB, "receipt is for job " + vcr.jobId());
    }
    byte[] key = provider.key();
    if (!vcr.provider().equals(job.provider())
        || !Address.ofPublicKey(key).equals(job.provider())) {
      return reject(ReceiptRejection.WRONG_PROVIDER, "receipt is from " + vcr.provider());
    }
    if (!vcr.modelHash().equals(job.modelHash())) {
      return reject(ReceiptRejection.MODEL_MISMATCH, "receipt ran model " + vcr.modelHash());
    }
    if (!vcr.codeHash().equals(job.codeHash()) || !provider.codeHashes().contains(vcr.codeHash())) {
      return reject(
          ReceiptRejection.CODE_MISMATCH,
          "code_hash " + vcr.codeHash() + " is not the job's or not registered by the provider");
    }
    if (job.inputHash().isPresent() && !job.inputHash().get().equals(vcr.inputHash())) {
      return reject(ReceiptRejection.INPUT_MISMATCH, "receipt ran another input");
    }
    if (job.seed().isPresent() && job.seed().get() != vcr.seed()) {
      return reject(ReceiptRejection.SEED_MISMATCH, "receipt ran another seed");
    }
    meter.charge(costs.ed25519());
    if (!signatureValid(key, vcr)) {
      return reject(ReceiptRejection.SIGNATURE, "signature does not verify under the provider key");
    }
    ModelProgram model;
    try {
      model = ModelProgram.derive(sub.header(), sub.weightsRoot(), costs, meter);
    } catch (ComputeException e) {
      return reject(ReceiptRejection.MODEL_MISMATCH, e.getMessage());
    }
    if (!model.modelHash().equals(vcr.modelHash())) {
      return reject(
          ReceiptRejection.MODEL_MISMATCH, "header and weights root do not hash to model_hash");
    }
    if (model.jUnits() > job.maxJUnits()) {
      return reject(
          ReceiptRejection.OVER_BUDGET,
          "the model needs " + model.jUnits() + " J-units, the job pays for " + job.maxJUnits());
    }
    ReceiptVerdict trace = trace(sub, model, meter);
    if (trace != null) {
      return trace;
    }
    ReceiptVerdict quote = quote(sub, key, provider, at, meter);
    if (quote != null) {
      return quote;
    }
    List<byte[]> leaves = leafBytes(sub.leaves());
    int last = model.length() - 1;
    Referee.Outcome out =
        Referee.reexecute(
            model,
            last,
            vcr.seed(),
            Referee.inputLeaves(model, last, leaves),
            sub.lastStep(),
            costs,
            meter);
    switch (out) {
      case Referee.Outcome.BadEvidence b -> {
        return reject(ReceiptRejection.LAST_STEP_EVIDENCE, b.reason().code() + ": " + b.detail());
      }
      case Referee.Outcome.Unrunnable u -> {
        return reject(ReceiptRejection.LAST_STEP, u.detail());
      }
      case Referee.Outcome.Computed c -> {
        if (!Arrays.equals(c.leaf(), leaves.get(last))) {
          return reject(
              ReceiptRejection.LAST_STEP,
              "re-executing the last step from its committed inputs does not give the output");
        }
      }
    }
    ReceiptVerdict openings = openings(vcr, leaves, meter);
    if (openings != null) {
      return openings;
    }
    return new ReceiptVerdict.Accepted(model.jUnits(), model.length());
  }

  private ReceiptVerdict trace(VcrSubmission sub, ModelProgram model, Meter meter) {
    Vcr vcr = sub.vcr();
    if (vcr.kzgCommit().isEmpty()) {
      return reject(ReceiptRejection.COMMITMENT, "receipt carries no trace commitment");
    }
    List<H256> leaves = sub.leaves();
    if (leaves.size() != model.length()) {
      return reject(
          ReceiptRejection.COMMITMENT,
          leaves.size() + " leaves published for a program of " + model.length() + " steps");
    }
    for (H256 l : leaves) {
      if (new BigInteger(1, l.toArray()).compareTo(FieldElements.MODULUS) >= 0) {
        return reject(ReceiptRejection.COMMITMENT, "a leaf is not a field element");
      }
    }
    if (!Arrays.equals(
        leaves.get(0).toArray(), FieldElements.fromDigest(vcr.inputHash().toArray()))) {
      return reject(ReceiptRejection.INPUT_MISMATCH, "leaf 0 is not input_hash");
    }
    if (!Arrays.equals(
        leaves.get(leaves.size() - 1).toArray(),
        FieldElements.fromDigest(vcr.outputHash().toArray()))) {
      return reject(ReceiptRejection.OUTPUT_MISMATCH, "the last leaf is not output_hash");
    }
    meter.charge(costs.kzgData());
    if (!commitment.verifyData(
        vcr.kzgCommit().get().toArray(), leafBytes(leaves), sub.dataProof().toArray())) {
      return reject(ReceiptRejection.COMMITMENT, "published leaves are not the committed vector");
    }
    return null;
  }

  private ReceiptVerdict quote(
      VcrSubmission sub, byte[] key, ProviderTerms provider, Instant at, Meter meter) {
    Vcr vcr = sub.vcr();
    Evidence parsed;
    try {
      parsed = TeeVerifier.parse(vcr.teeQuote().toArray());
    } catch (TeeException e) {
      return reject(ReceiptRejection.QUOTE, e.reason().code() + ": " + e.getMessage());
    }
    if (parsed.kind() != provider.kind()) {
      return reject(
          ReceiptRejection.QUOTE,
          "evidence is " + parsed.kind() + ", the provider registered " + provider.kind());
    }
    meter.charge(parsed.kind() == Evidence.Kind.DEV ? costs.teeDev() : costs.teeHardware());
    Collateral collateral;
    try {
      List<byte[]> files = new ArrayList<>();
      for (Bytes b : sub.collateral()) {
        files.add(b.toArray());
      }
      collateral = ProviderTerms.collateral(files);
    } catch (TeeException e) {
      return reject(ReceiptRejection.QUOTE, "collateral: " + e.getMessage());
    }
    TeeBinding binding =
        new TeeBinding(
            vcr.jobId().toArray(),
            vcr.inputHash().toArray(),
            vcr.modelHash().toArray(),
            vcr.codeHash().toArray(),
            vcr.seed(),
            vcr.outputHash().toArray(),
            vcr.kzgCommit().orElseThrow().toArray(),
            key);
    Verdict v = tee.verify(vcr.teeQuote().toArray(), collateral, provider.policy(), binding, at);
    if (v instanceof Verdict.Invalid bad) {
      return reject(
          bad.reason() == Reason.REPORT_DATA_MISMATCH
              ? ReceiptRejection.BINDING
              : ReceiptRejection.QUOTE,
          bad.reason().code() + ": " + bad.detail());
    }
    return null;
  }

  private ReceiptVerdict openings(Vcr vcr, List<byte[]> leaves, Meter meter) {
    List<Opening> os = vcr.openings().orElse(List.of());
    if (os.isEmpty()) {
      return null;
    }
    for (Opening o : os) {
      if (o.index() >= leaves.size()
          || !Arrays.equals(o.value().toArray(), leaves.get(o.index()))) {
        return reject(
            ReceiptRejection.OPENING, "opening of step " + o.index() + " is not its leaf");
      }
    }
    meter.charge(costs.forOpenings(os.size()));
    if (!commitment.verifyAll(vcr.kzgCommit().orElseThrow().toArray(), os)) {
      return reject(ReceiptRejection.OPENING, "an opening does not verify");
    }
    return null;
  }

  private static boolean signatureValid(byte[] key, Vcr vcr) {
    try {
      return Ed25519.VERIFIER.verify(
          new Ed25519PublicKey(key), vcr.signingBytes(), new Ed25519Signature(vcr.sig().toArray()));
    } catch (RuntimeException e) {
      return false; // an undecodable key or signature is not a valid signature
    }
  }

  /** The leaves as byte arrays. */
  public static List<byte[]> leafBytes(List<H256> leaves) {
    List<byte[]> out = new ArrayList<>(leaves.size());
    for (H256 l : leaves) {
      out.add(l.toArray());
    }
    return out;
  }

  private static ReceiptVerdict reject(ReceiptRejection r, String detail) {
    return new ReceiptVerdict.Rejected(r, detail);
  }
}
