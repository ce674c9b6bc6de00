package dev.aether.mesh;

import dev.aether.mesh.engine.OperatorSet;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.FieldElements;
import dev.aether.mesh.trace.Opening;
import dev.aether.mesh.trace.VectorCommitment;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a receipt without re-running the job: signature, TEE quote and its binding, model and
 * operator set, commitment, and the input/output openings. Checks run in that order and the first
 * failure is reported, each with its own {@link VcrRejection}.
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
    return shape(vcr)
        .or(() -> signature(vcr))
        .or(() -> quote(vcr))
        .or(() -> model(vcr))
        .or(() -> openings(vcr))
        .<VcrVerdict>map(r -> r)
        .orElseGet(VcrVerdict.Valid::new);
  }

  private Optional<VcrVerdict.Rejected> shape(Vcr v) {
    boolean ok =
        v.jobId().length == 32
            && v.modelHash().length == 32
            && v.codeHash().length == 32
            && v.inputHash().length == 32
            && v.outputHash().length == 32
            && v.providerKey().length == 32
            && v.signature().length == 64;
    return ok ? Optional.empty() : reject(VcrRejection.MALFORMED, "a field has the wrong length");
  }

  private Optional<VcrVerdict.Rejected> signature(Vcr v) {
    return Ed25519Key.verify(v.providerKey(), v.signingBytes(), v.signature())
        ? Optional.empty()
        : reject(VcrRejection.SIGNATURE, "signature does not verify under the provider key");
  }

  private Optional<VcrVerdict.Rejected> quote(Vcr v) {
    Optional<byte[]> reportData;
    switch (v.quote().kind()) {
      case DevTee.KIND -> {
        if (!policy.allowDevQuotes()) {
          return reject(VcrRejection.QUOTE, "dev quotes are not accepted by this policy");
        }
        reportData = DevTee.verify(v.quote().bytes());
      }
      default -> {
        return reject(VcrRejection.QUOTE, "no verifier for quote kind '" + v.quote().kind() + "'");
      }
    }
    if (reportData.isEmpty()) {
      return reject(VcrRejection.QUOTE, "quote does not verify");
    }
    byte[] expected =
        AttestationBinding.reportData(
            v.jobId(), v.inputHash(), v.modelHash(), v.codeHash(), v.seed(), v.providerKey());
    return Arrays.equals(expected, reportData.get())
        ? Optional.empty()
        : reject(VcrRejection.BINDING, "quote REPORT_DATA does not bind this job and key");
  }

  private Optional<VcrVerdict.Rejected> model(Vcr v) {
    var entry = registry.byHash(Hashing.hex(v.modelHash()));
    if (entry.isEmpty()) {
      return reject(VcrRejection.UNKNOWN_MODEL, "model " + Hashing.hex(v.modelHash()));
    }
    if (!Arrays.equals(v.codeHash(), OperatorSet.codeHash())) {
      return reject(VcrRejection.CODE_HASH, "code_hash is not " + OperatorSet.VERSION);
    }
    int expected = entry.get().model().architecture().program().length();
    if (v.traceLength() != expected) {
      return reject(
          VcrRejection.COMMITMENT,
          "trace length " + v.traceLength() + " but the model's program has " + expected);
    }
    return Optional.empty();
  }

  private Optional<VcrVerdict.Rejected> openings(Vcr v) {
    if (v.commitment().length != commitment.commitmentBytes()) {
      return reject(VcrRejection.COMMITMENT, "commitment has the wrong length");
    }
    if (v.openings().size() != 2
        || v.openings().get(0).index() != 0
        || v.openings().get(1).index() != v.traceLength() - 1) {
      return reject(VcrRejection.OPENING, "expected openings of the first and last steps");
    }
    for (Opening o : v.openings()) {
      if (!commitment.verify(v.commitment(), o.index(), o.value(), o.proof())) {
        return reject(VcrRejection.OPENING, "opening of step " + o.index() + " does not verify");
      }
    }
    if (!Arrays.equals(v.openings().get(0).value(), FieldElements.fromDigest(v.inputHash()))) {
      return reject(VcrRejection.INPUT_MISMATCH, "committed first step is not input_hash");
    }
    if (!Arrays.equals(v.openings().get(1).value(), FieldElements.fromDigest(v.outputHash()))) {
      return reject(VcrRejection.OUTPUT_MISMATCH, "committed last step is not output_hash");
    }
    return Optional.empty();
  }

  private static Optional<VcrVerdict.Rejected> reject(VcrRejection r, String detail) {
    return Optional.of(new VcrVerdict.Rejected(r, detail));
  }
}
