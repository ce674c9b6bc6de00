package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.mesh.model.Model;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Companion to {@link MeshBenchmark} for a shared, noisy machine: times each component many times,
 * interleaved, and reports the minimum (the run least disturbed by other processes) and the median.
 * Components: the untraced job (baseline), hashing every step's output, the KZG commitment, one
 * opening, one opening verification, re-executing the heaviest step, a full one-step check.
 * Arguments: rounds (15), model name (kjv-char-transformer).
 */
public final class OverheadProbe {
  private OverheadProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String model = args.length > 1 ? args[1] : "kjv-char-transformer";
    ModelRegistry reg = ModelRegistry.bundled();
    ModelRegistry.Entry e = reg.resolve(model);
    Model m = e.model();
    Program program = m.architecture().program();
    Tensor input = m.architecture().encodeInput(e.sampleInput());
    try (Parallelism par = Parallelism.serial();
        KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      Engine engine = new Engine(par);
      ProviderRuntime provider =
          new ProviderRuntime(
              reg, engine, kzg, Ed25519Key.fromSeed(new byte[32]), new DevAttester(new byte[32], new byte[48]),
            new byte[32]);
      var job = provider.run(new Job(new byte[32], m.modelHashHex(), e.sampleInput(), 1));
      Vcr vcr = job.signVcr();
      List<Tensor> outs = job.trace().outputs();
      List<byte[]> leaves = new ArrayList<>();
      for (Tensor t : outs) {
        leaves.add(TraceRecorder.leaf(t));
      }
      int heavy = heaviest(program, m, outs);
      StepReveal reveal = job.reveal(heavy);
      Challenger challenger = new Challenger(reg, engine, kzg);
      VectorCommitment.Committed committed = kzg.commit(leaves);
      Opening o = committed.open(heavy);
      byte[] c = committed.commitment();
      String[] names = {
        "untraced job", "hash all steps", "KZG commit", "one opening", "verify one opening",
        "re-execute heaviest step", "check heaviest step (full)", "traced job, hashing inline",
        "traced job, hashing overlapped"
      };
      List<Supplier<Object>> work =
          List.of(
              () -> engine.run(program, m.weights(), input, 1, StepObserver.NONE),
              () -> {
                TraceRecorder r = new TraceRecorder();
                for (int i = 0; i < outs.size(); i++) {
                  r.onStep(i, outs.get(i));
                }
                return r;
              },
              () -> kzg.commit(leaves),
              () -> committed.open(heavy),
              () -> kzg.verify(c, o.index(), o.value().toArray(), o.proof().toArray()),
              () -> engine.runStep(program, heavy, m.weights(), 1, reveal.inputs()),
              () -> challenger.check(vcr, new int[] {heavy}, List.of(reveal)),
              () -> {
                TraceRecorder r = new TraceRecorder();
                engine.run(program, m.weights(), input, 1, r);
                return r.leaves();
              },
              () -> {
                try (TraceRecorder r = TraceRecorder.overlapped()) {
                  engine.run(program, m.weights(), input, 1, r);
                  return r.leaves();
                }
              });
      int[] reps = {1, 1, 1, 1, 20, 20, 5, 1, 1};
      double[][] t = new double[names.length][rounds];
      for (int r = -2; r < rounds; r++) { // two warm-up rounds
        for (int w = 0; w < names.length; w++) {
          long t0 = System.nanoTime();
          for (int k = 0; k < reps[w]; k++) {
            work.get(w).get();
          }
          double ms = (System.nanoTime() - t0) / 1e6 / reps[w];
          if (r >= 0) {
            t[w][r] = ms;
          }
        }
      }
      System.out.printf("steps %d, heaviest step %d (%s)%n", program.length(), heavy, program.step(heavy).op());
      double[][] q = new double[names.length][2];
      for (int w = 0; w < names.length; w++) {
        double[] s = t[w].clone();
        Arrays.sort(s);
        q[w][0] = s[0];
        q[w][1] = s[s.length / 2];
        System.out.printf("%-32s min %9.3f ms   median %9.3f ms%n", names[w], s[0], s[s.length / 2]);
      }
      for (int k = 0; k < 2; k++) {
        String which = k == 0 ? "min" : "median";
        System.out.printf(
            "%s: CPU overhead (hash + commit) / untraced %.1f %%; wall overhead (overlapped traced"
                + " + commit - untraced) / untraced %.1f %%; re-run / one-step check %.0fx%n",
            which,
            100 * (q[1][k] + q[2][k]) / q[0][k],
            100 * (q[8][k] + q[2][k] - q[0][k]) / q[0][k],
            q[0][k] / q[6][k]);
      }
    }
  }

  private static int heaviest(Program program, Model m, List<Tensor> outs) {
    long best = -1;
    int at = 1;
    for (int i = 1; i < program.length(); i++) {
      if (program.step(i).op() instanceof Op.Linear l) {
        Tensor w = m.weights().get(l.weight());
        long cost = (long) outs.get(program.step(i).inputs()[0]).size() * w.dim(1);
        if (cost > best) {
          best = cost;
          at = i;
        }
      }
    }
    return at;
  }
}
