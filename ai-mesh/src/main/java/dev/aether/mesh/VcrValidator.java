package dev.aether.mesh;

import dev.aether.mesh.engine.OperatorSet;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.FieldElements;
import dev.aether.mesh.trace.VectorCommitment;
import dev.aether.types.Address;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeBinding;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a receipt without re-running the job. In order, each failure with its own {@link
 * VcrRejection}: the TEE evidence verifies under the policy (QUOTE); the provider key it attests
 * (REPORT_DATA[32..64], see {@link TeeBinding}) is the receipt's {@code provider} address
 * (BINDING); the Ed25519 signature verifies under that key (SIGNATURE); REPORT_DATA is this
 * receipt's binding (BINDING); the model is registered (UNKNOWN_MODEL) and the operator set is this
 * engine's (CODE_HASH); a commitment is present (COMMITMENT); the openings of the first and last
 * leaves verify (OPENING) and hold the input and output hashes (INPUT_MISMATCH, OUTPUT_MISMATCH).
 *
 * <p>TEE evidence goes through the verifiers module's {@link TeeVerifier}: SEV-SNP reports, TDX
 * quotes and (only where the policy allows) development quotes. SEV-SNP needs the chip's VCEK
 * certificate as collateral, which receipts do not carry; {@code collateral} supplies it.
 */
public final class VcrValidator {
  private final ModelRegistry registry;
  private final VectorCommitment commitment;
  private final TeeVerifier tee;
  private final Policy policy;
  private final Collateral collateral;
  private final Clock clock;

  /**
   * @param registry the models receipts may name
   * @param commitment the trace commitment scheme
   * @param tee the TEE evidence verifier
   * @param policy which TEE evidence counts (dev quotes only on devnets)
   * @param collateral certificates beside the evidence (the VCEK for SEV-SNP)
   * @param clock the instant certificate validity is judged at
   */
  public VcrValidator(
      ModelRegistry registry,
      VectorCommitment commitment,
      TeeVerifier tee,
      Policy policy,
      Collateral collateral,
      Clock clock) {
    this.registry = registry;
    this.commitment = commitment;
    this.tee = tee;
    this.policy = policy;
    this.collateral = collateral;
    this.clock = clock;
  }

  /** Validates {@code vcr}. */
  public VcrVerdict validate(Vcr vcr) {
    Verdict quote =
        tee.verify(vcr.teeQuote().toArray(), collateral, policy, Optional.empty(), clock.instant());
    if (!(quote instanceof Verdict.Valid valid)) {
      Verdict.Invalid invalid = (Verdict.Invalid) quote;
      return reject(VcrRejection.QUOTE, invalid.reason().code() + ": " + invalid.detail());
    }
    byte[] reportData = valid.evidence().reportData();
    byte[] key = Arrays.copyOfRange(reportData, 32, 64);
    if (!Address.ofPublicKey(key).equals(vcr.provider())) {
      return reject(VcrRejection.BINDING, "the quote vouches for another provider key");
    }
    if (!Ed25519Key.verify(key, vcr.signingBytes(), vcr.sig().toArray())) {
      return reject(VcrRejection.SIGNATURE, "signature does not verify under the provider key");
    }
    byte[] expected =
        new TeeBinding(
                vcr.jobId().toArray(),
                vcr.inputHash().toArray(),
                vcr.modelHash().toArray(),
                vcr.codeHash().toArray(),
                vcr.seed(),
                key)
            .reportData();
    if (!MessageDigest.isEqual(expected, reportData)) {
      return reject(VcrRejection.BINDING, "quote REPORT_DATA does not bind this job");
    }
    var entry = registry.byHash(vcr.modelHash().toHex());
    if (entry.isEmpty()) {
      return reject(VcrRejection.UNKNOWN_MODEL, "model " + vcr.modelHash().toHex());
    }
    if (!Arrays.equals(vcr.codeHash().toArray(), OperatorSet.codeHash())) {
      return reject(VcrRejection.CODE_HASH, "code_hash is not " + OperatorSet.VERSION);
    }
    return openings(vcr, entry.get().model().architecture().program().length());
  }

  private VcrVerdict openings(Vcr vcr, int traceLength) {
    if (vcr.kzgCommit().isEmpty()) {
      return reject(VcrRejection.COMMITMENT, "receipt carries no trace commitment");
    }
    byte[] c = vcr.kzgCommit().get().toArray();
    List<Opening> os = vcr.openings().orElse(List.of());
    if (os.size() != 2 || os.get(0).index() != 0 || os.get(1).index() != traceLength - 1) {
      return reject(
          VcrRejection.OPENING,
          "expected openings of steps 0 and " + (traceLength - 1) + " (the model's last step)");
    }
    for (Opening o : os) {
      if (!commitment.verify(c, o.index(), o.value().toArray(), o.proof().toArray())) {
        return reject(VcrRejection.OPENING, "opening of step " + o.index() + " does not verify");
      }
    }
    if (!Arrays.equals(
        os.get(0).value().toArray(), FieldElements.fromDigest(vcr.inputHash().toArray()))) {
      return reject(VcrRejection.INPUT_MISMATCH, "committed first step is not input_hash");
    }
    if (!Arrays.equals(
        os.get(1).value().toArray(), FieldElements.fromDigest(vcr.outputHash().toArray()))) {
      return reject(VcrRejection.OUTPUT_MISMATCH, "committed last step is not output_hash");
    }
    return new VcrVerdict.Valid();
  }

  private static VcrVerdict reject(VcrRejection r, String detail) {
    return new VcrVerdict.Rejected(r, detail);
  }
}
