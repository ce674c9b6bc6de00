package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.trace.FieldElements;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spot-checks a receipt: picks random steps, and for each verifies the provider's openings, checks
 * the revealed inputs against their committed leaves, re-executes the step alone and compares with
 * its committed leaf.
 *
 * <p>With {@code k} distinct steps drawn uniformly from the {@code n} of the trace, a provider that
 * falsified {@code m} steps escapes with probability {@code C(n-m, k) / C(n, k)}; for one falsified
 * step it is caught with probability {@code k / n} (docs/ai-mesh.md).
 */
public final class Challenger {
  private final ModelRegistry registry;
  private final Engine engine;
  private final VectorCommitment commitment;

  /**
   * @param registry the models receipts name
   * @param engine the engine to re-execute steps with
   * @param commitment the trace commitment scheme
   */
  public Challenger(ModelRegistry registry, Engine engine, VectorCommitment commitment) {
    this.registry = registry;
    this.engine = engine;
    this.commitment = commitment;
  }

  /** {@code k} distinct step indices drawn uniformly from {@code [0, n)} (all of them if k ≥ n). */
  public static int[] pick(int n, int k, RandomGenerator random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    int take = Math.min(k, n);
    // Partial Fisher-Yates: the first `take` entries are a uniform k-subset.
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = Arrays.copyOf(all, take);
    Arrays.sort(out);
    return out;
  }

  /**
   * Probability that {@code k} uniform distinct openings of {@code n} steps hit one of {@code m}.
   */
  public static double detectionProbability(int n, int k, int m) {
    if (k >= n) {
      return m > 0 ? 1.0 : 0.0;
    }
    // 1 - C(n-m, k)/C(n, k) = 1 - prod_{i<k} (n-m-i)/(n-i)
    double escape = 1.0;
    for (int i = 0; i < k; i++) {
      escape *= Math.max(0, n - m - i) / (double) (n - i);
    }
    return 1.0 - escape;
  }

  /**
   * Checks the provider's answers for the challenged steps.
   *
   * @param vcr the receipt (already validated)
   * @param steps the challenged step indices
   * @param answers the provider's answer for each, same order
   */
  public ChallengeOutcome check(Vcr vcr, int[] steps, List<StepReveal> answers) {
    Model model = registry.resolve(vcr.modelHash().toHex()).model();
    Program program = model.architecture().program();
    if (answers.size() != steps.length) {
      return new ChallengeOutcome.Fraud(
          -1, ChallengeOutcome.Reason.WRONG_ANSWER, "answers do not match the challenge");
    }
    // All openings of the answer in one batch (one pairing equation for KZG); only if that fails
    // is each verified alone, to name the step that failed.
    List<Opening> all = new ArrayList<>();
    for (StepReveal a : answers) {
      all.add(a.step());
      all.addAll(a.inputOpenings());
    }
    boolean batchOk =
        vcr.kzgCommit().isPresent() && commitment.verifyAll(vcr.kzgCommit().get().toArray(), all);
    for (int s = 0; s < steps.length; s++) {
      ChallengeOutcome.Fraud f = checkStep(vcr, model, program, steps[s], answers.get(s), batchOk);
      if (f != null) {
        return f;
      }
    }
    return new ChallengeOutcome.Honest(steps.length);
  }

  private ChallengeOutcome.Fraud checkStep(
      Vcr vcr, Model model, Program program, int i, StepReveal a, boolean openingsVerified) {
    if (i < 0 || i >= program.length() || a.step().index() != i) {
      return fraud(i, ChallengeOutcome.Reason.WRONG_ANSWER, "answer is for another step");
    }
    if (!openingsVerified && !verify(vcr, a.step())) {
      return fraud(i, ChallengeOutcome.Reason.BAD_OPENING, "opening of the step fails");
    }
    int[] refs = i == 0 ? new int[] {0} : program.step(i).inputs();
    if (a.inputs().size() != refs.length || a.inputOpenings().size() != refs.length) {
      return fraud(i, ChallengeOutcome.Reason.WRONG_ANSWER, "wrong number of inputs revealed");
    }
    List<Tensor> inputs = new ArrayList<>(refs.length);
    for (int j = 0; j < refs.length; j++) {
      Opening o = a.inputOpenings().get(j);
      Tensor t = a.inputs().get(j);
      if (o.index() != refs[j] || (!openingsVerified && !verify(vcr, o))) {
        return fraud(i, ChallengeOutcome.Reason.BAD_OPENING, "opening of input step " + refs[j]);
      }
      if (!Arrays.equals(TraceRecorder.leaf(t), o.value().toArray())) {
        return fraud(
            i,
            ChallengeOutcome.Reason.INPUT_NOT_COMMITTED,
            "revealed output of step " + refs[j] + " is not the committed one");
      }
      inputs.add(t);
    }
    byte[] recomputed;
    if (i == 0) {
      if (!Arrays.equals(inputs.get(0).sha256(), vcr.inputHash().toArray())) {
        return fraud(0, ChallengeOutcome.Reason.INPUT_HASH, "revealed input is not input_hash");
      }
      recomputed = FieldElements.fromDigest(vcr.inputHash().toArray());
    } else {
      try {
        recomputed =
            TraceRecorder.leaf(engine.runStep(program, i, model.weights(), vcr.seed(), inputs));
      } catch (IllegalArgumentException e) {
        return fraud(i, ChallengeOutcome.Reason.UNRUNNABLE, e.getMessage());
      }
    }
    if (!Arrays.equals(recomputed, a.step().value().toArray())) {
      return fraud(
          i,
          ChallengeOutcome.Reason.OUTPUT_DIFFERS,
          "re-executing " + program.step(i).op() + " does not give the committed output");
    }
    return null;
  }

  private boolean verify(Vcr vcr, Opening o) {
    return vcr.kzgCommit().isPresent()
        && commitment.verify(
            vcr.kzgCommit().get().toArray(), o.index(), o.value().toArray(), o.proof().toArray());
  }

  private static ChallengeOutcome.Fraud fraud(int step, ChallengeOutcome.Reason r, String d) {
    return new ChallengeOutcome.Fraud(step, r, d);
  }
}
