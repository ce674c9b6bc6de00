package dev.aether.compute.proof;

import dev.aether.compute.ComputeException;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides a one-round fraud proof against what the chain stored when it accepted the receipt: the
 * job's model hash, trace commitment, trace length and seed.
 *
 * <p>In order: the proof is for this job; its header and weights root hash to the model (the chain
 * derives the program from the header); the step is a computed step; the step's opening and its
 * inputs' openings are at the right positions and verify against the commitment (one batch); the
 * evidence is the committed inputs and the model's weights ({@link Referee}); then the operator is
 * re-executed and its leaf compared with the opened one.
 */
public final class FraudJudge {
  private final VectorCommitment commitment;
  private final VerifyCosts costs;

  /**
   * @param commitment the trace commitment scheme (KZG on chain)
   * @param costs the metered costs
   */
  public FraudJudge(VectorCommitment commitment, VerifyCosts costs) {
    this.commitment = commitment;
    this.costs = costs;
  }

  /**
   * What the chain recorded about the receipt being challenged.
   *
   * @param jobId the job
   * @param modelHash the job's model
   * @param traceCommitment the receipt's commitment
   * @param traceLength the number of steps the accepted receipt published
   * @param seed the receipt's seed
   */
  public record Accepted(
      H256 jobId, H256 modelHash, byte[] traceCommitment, int traceLength, long seed) {
    /** Copies the commitment. */
    public Accepted {
      traceCommitment = traceCommitment.clone();
    }

    @Override
    public byte[] traceCommitment() {
      return traceCommitment.clone();
    }
  }

  /** Judges {@code proof}, charging {@code meter} for every check before doing it. */
  public Judgement judge(FraudProof proof, Accepted accepted, Meter meter) {
    if (!proof.jobId().equals(accepted.jobId())) {
      return invalid(ProofRejection.WRONG_JOB, "proof is for job " + proof.jobId());
    }
    ModelProgram model;
    try {
      model = ModelProgram.derive(proof.header(), proof.weightsRoot(), costs, meter);
    } catch (ComputeException e) {
      return invalid(ProofRejection.MODEL_MISMATCH, e.getMessage());
    }
    if (!model.modelHash().equals(accepted.modelHash())) {
      return invalid(ProofRejection.MODEL_MISMATCH, "header and weights root are another model");
    }
    if (model.length() != accepted.traceLength()) {
      return invalid(ProofRejection.MODEL_MISMATCH, "program length differs from the receipt's");
    }
    int i = proof.step();
    if (i < 1 || i >= model.length()) {
      return invalid(
          ProofRejection.BAD_STEP, "step " + i + " is not in 1.." + (model.length() - 1));
    }
    int[] refs = model.program().step(i).inputs();
    if (proof.stepOpening().index() != i || proof.inputOpenings().size() != refs.length) {
      return invalid(ProofRejection.BAD_OPENING, "openings do not match step " + i + "'s inputs");
    }
    List<Opening> all = new ArrayList<>(refs.length + 1);
    all.add(proof.stepOpening());
    List<byte[]> inputLeaves = new ArrayList<>(refs.length);
    for (int j = 0; j < refs.length; j++) {
      Opening o = proof.inputOpenings().get(j);
      if (o.index() != refs[j]) {
        return invalid(
            ProofRejection.BAD_OPENING, "input opening " + j + " is not step " + refs[j]);
      }
      all.add(o);
      inputLeaves.add(o.value().toArray());
    }
    meter.charge(costs.forOpenings(all.size()));
    if (!commitment.verifyAll(accepted.traceCommitment(), all)) {
      return invalid(ProofRejection.BAD_OPENING, "openings do not verify against the commitment");
    }
    Referee.Outcome out =
        Referee.reexecute(model, i, accepted.seed(), inputLeaves, proof.evidence(), costs, meter);
    return switch (out) {
      case Referee.Outcome.BadEvidence b -> invalid(b.reason(), b.detail());
      case Referee.Outcome.Unrunnable u -> new Judgement.FraudProven(i, u.detail());
      case Referee.Outcome.Computed c ->
          Arrays.equals(c.leaf(), proof.stepOpening().value().toArray())
              ? new Judgement.StepHonest(i)
              : new Judgement.FraudProven(
                  i,
                  "re-executing "
                      + model.program().step(i).op()
                      + " does not give the committed leaf of step "
                      + i);
    };
  }

  private static Judgement invalid(ProofRejection r, String detail) {
    return new Judgement.Invalid(r, detail);
  }
}
