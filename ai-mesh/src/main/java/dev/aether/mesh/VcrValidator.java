package dev.aether.mesh;

import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.Meter;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.ReceiptVerifier;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.verifiers.tee.TeeVerifier;
import java.time.Clock;

/**
 * Checks a published receipt off chain, exactly as the job-escrow program's {@code submitVCR} does
 * ({@link ReceiptVerifier}): against the job it answers and the provider's registered terms, with
 * certificates judged at an injected clock's instant.
 */
public final class VcrValidator {
  private final ReceiptVerifier verifier;
  private final Clock clock;

  /**
   * @param commitment the trace commitment scheme
   * @param tee the TEE evidence verifier
   * @param clock the instant certificate validity is judged at
   */
  public VcrValidator(VectorCommitment commitment, TeeVerifier tee, Clock clock) {
    this.verifier = new ReceiptVerifier(commitment, tee, VerifyCosts.V1);
    this.clock = clock;
  }

  /** Validates {@code sub} for {@code job} from {@code provider}. */
  public ReceiptVerdict validate(VcrSubmission sub, JobTerms job, ProviderTerms provider) {
    return verifier.verify(sub, job, provider, clock.instant(), Meter.NONE);
  }
}
