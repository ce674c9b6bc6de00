package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Work;
import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.Judgement;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.ReceiptVerifier;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeVerifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The on-chain cost of the job escrow's checks against the work they spare (docs/BENCHMARKS.md):
 * for each shipped model, the untraced job (baseline), {@code submitVCR}'s verification (quote,
 * signature, published trace against the KZG commitment, last step re-executed) and the one-round
 * referee deciding a fraud proof against the model's largest step — each timed many times,
 * interleaved (so load drifts hit all alike; minimum and median reported), with the metered steps
 * the chain charges for it. Args: rounds (default 15).
 */
public final class DisputeCostProbe {
  private DisputeCostProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ModelRegistry reg = ModelRegistry.bundled();
    byte[] artifact = "probe runtime artifact".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] code = RuntimeArtifact.codeHash(artifact);
    DevAttester tee = new DevAttester(new byte[32], RuntimeArtifact.devMeasurement(artifact));
    Ed25519Key key = Ed25519Key.fromSeed(new byte[32]);
    try (Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      Engine engine = new Engine(par);
      ProviderRuntime provider = new ProviderRuntime(reg, engine, kzg, key, tee, code);
      ReceiptVerifier receipts = new ReceiptVerifier(kzg, new TeeVerifier(), VerifyCosts.V1);
      FraudJudge judge = new FraudJudge(kzg, VerifyCosts.V1);
      ProviderTerms terms =
          new ProviderTerms(
              key.publicKey(),
              Evidence.Kind.DEV,
              Policy.strict()
                  .withDevAttestations(true, Set.of(tee.publicKeyHex()))
                  .withAllowedMeasurements(Set.of(Hashing.hex(tee.measurement()))),
              List.of(H256.of(code)));
      for (ModelRegistry.Entry e : reg.list()) {
        Model m = e.model();
        Program program = m.architecture().program();
        Tensor input = m.architecture().encodeInput(e.sampleInput());
        Job job = new Job(new byte[32], m.modelHashHex(), e.sampleInput(), 1);
        Work.ProgramCost cost = Work.of(program, m.architecture().inputShape(), m.header());
        int heaviest = 1;
        for (int i = 1; i < program.length(); i++) {
          if (cost.steps().get(i).work() > cost.steps().get(heaviest).work()) {
            heaviest = i;
          }
        }
        var honest = provider.run(job);
        VcrSubmission sub = honest.publish();
        // A provider that falsified the heaviest step; the challenger's proof of it.
        VcrSubmission lie =
            provider.run(job, Optional.of(Engine.Tamper.flipFirst(heaviest))).publish();
        FraudProof proof =
            ((FraudFinder.Finding.Divergent)
                    new FraudFinder(reg, engine, kzg).check(lie, job.input()))
                .proof();
        JobTerms jt =
            new JobTerms(
                H256.of(job.jobId()),
                Address.ofPublicKey(key.publicKey()),
                H256.of(m.modelHash()),
                H256.of(code),
                Optional.empty(),
                Optional.empty(),
                Long.MAX_VALUE);
        FraudJudge.Accepted accepted =
            new FraudJudge.Accepted(
                lie.vcr().jobId(),
                lie.vcr().modelHash(),
                lie.vcr().kzgCommit().orElseThrow().toArray(),
                lie.leaves().size(),
                lie.vcr().seed());
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        AtomicLong submitSteps = new AtomicLong();
        AtomicLong judgeSteps = new AtomicLong();
        Supplier<Object> run = () -> engine.run(program, m.weights(), input, 1, StepObserver.NONE);
        Supplier<Object> submit =
            () -> {
              submitSteps.set(0);
              ReceiptVerdict v = receipts.verify(sub, jt, terms, at, submitSteps::addAndGet);
              if (!v.isValid()) {
                throw new IllegalStateException(v.toString());
              }
              return v;
            };
        Supplier<Object> decide =
            () -> {
              judgeSteps.set(0);
              Judgement j = judge.judge(proof, accepted, judgeSteps::addAndGet);
              if (!(j instanceof Judgement.FraudProven)) {
                throw new IllegalStateException(j.toString());
              }
              return j;
            };
        List<Supplier<Object>> parts = List.of(run, submit, decide);
        long[][] ns = new long[parts.size()][rounds];
        for (int r = 0; r < rounds; r++) {
          for (int p = 0; p < parts.size(); p++) {
            long t0 = System.nanoTime();
            parts.get(p).get();
            ns[p][r] = System.nanoTime() - t0;
          }
        }
        System.out.printf(
            "%s: %d steps, %d J-units, heaviest step %d (%s, %d work units); %d rounds%n",
            m.name(),
            program.length(),
            cost.jUnits(),
            heaviest,
            program.step(heaviest).op(),
            cost.steps().get(heaviest).work(),
            rounds);
        String[] names = {"re-run the job (baseline)", "submitVCR verification", "referee: judge one step"};
        long[] steps = {0, submitSteps.get(), judgeSteps.get()};
        for (int p = 0; p < parts.size(); p++) {
          long[] s = ns[p].clone();
          Arrays.sort(s);
          System.out.printf(
              "  %-28s min %10.1f µs  median %10.1f µs  metered %,d steps%n",
              names[p], s[0] / 1e3, s[s.length / 2] / 1e3, steps[p]);
        }
        long[] job0 = ns[0].clone();
        long[] sub0 = ns[1].clone();
        long[] dec0 = ns[2].clone();
        Arrays.sort(job0);
        Arrays.sort(sub0);
        Arrays.sort(dec0);
        System.out.printf(
            "  ratio judge/re-run: min %.2f %%, median %.2f %%; submit/re-run: min %.2f %%, median %.2f %%%n",
            100.0 * dec0[0] / job0[0],
            100.0 * dec0[rounds / 2] / job0[rounds / 2],
            100.0 * sub0[0] / job0[0],
            100.0 * sub0[rounds / 2] / job0[rounds / 2]);
        System.out.printf(
            "  ns per metered step: submit %.1f, judge %.1f (min)%n",
            (double) sub0[0] / submitSteps.get(), (double) dec0[0] / judgeSteps.get());
      }
    }
  }
}
