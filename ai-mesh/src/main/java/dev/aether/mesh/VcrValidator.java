package dev.aether.mesh;

import dev.aether.mesh.engine.OperatorSet;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.FieldElements;
import dev.aether.mesh.trace.VectorCommitment;
import dev.aether.types.Address;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a receipt without re-running the job. In order, each failure with its own {@link
 * VcrRejection}: the TEE quote verifies under the policy (QUOTE); the key it vouches for is the
 * receipt's provider (BINDING); the signature verifies under that key (SIGNATURE); the quote's
 * REPORT_DATA binds this job's fields (BINDING); the model is registered (UNKNOWN_MODEL) and the
 * operator set is this engine's (CODE_HASH); a commitment is present (COMMITMENT); the openings of
 * the first and last leaves verify (OPENING) and hold the input and output hashes
 * (INPUT_MISMATCH, OUTPUT_MISMATCH).
 *
 * <p>The provider's Ed25519 public key is not in the receipt (only its {@link Address}); it is the
 * second half of the quote's REPORT_DATA, which is how the quote ties the enclave to the signer.
 */
public final class VcrValidator {
  private final ModelRegistry registry;
  private final VectorCommitment commitment;
  private final QuotePolicy policy;

  /**
   * @param registry the models receipts may name
   * @param commitment the trace commitment scheme
   * @param policy which quotes count
   */
  public VcrValidator(ModelRegistry registry, VectorCommitment commitment, QuotePolicy policy) {
    this.registry = registry;
    this.commitment = commitment;
    this.policy = policy;
  }

  /** Validates {@code vcr}. */
  public VcrVerdict validate(Vcr vcr) {
    byte[] quote = vcr.teeQuote().toArray();
    Optional<byte[]> reportData;
    if (DevTee.isDevQuote(quote)) {
      if (!policy.allowDevQuotes()) {
        return reject(VcrRejection.QUOTE, "dev quotes are not accepted by this policy");
      }
      reportData = DevTee.verify(quote);
    } else {
      return reject(VcrRejection.QUOTE, "no verifier accepts this quote format");
    }
    if (reportData.isEmpty()) {
      return reject(VcrRejection.QUOTE, "quote does not verify");
    }
    byte[] providerKey = Arrays.copyOfRange(reportData.get(), 32, 64);
    if (!Address.ofPublicKey(providerKey).equals(vcr.provider())) {
      return reject(VcrRejection.BINDING, "the quote vouches for another provider key");
    }
    if (!Ed25519Key.verify(providerKey, vcr.signingBytes(), vcr.sig().toArray())) {
      return reject(VcrRejection.SIGNATURE, "signature does not verify under the provider key");
    }
    byte[] expected =
        AttestationBinding.reportData(
            vcr.jobId().toArray(),
            vcr.inputHash().toArray(),
            vcr.modelHash().toArray(),
            vcr.codeHash().toArray(),
            vcr.seed(),
            providerKey);
    if (!Arrays.equals(expected, reportData.get())) {
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
