package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.mesh.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-JVM entry point for {@link DeterminismAcrossJvmsTest}: runs a model on an input and prints
 * the hash of the output and of all trace leaves. Args: weights file, input file, seed, threads,
 * max steps.
 */
public final class DeterminismProbe {
  private DeterminismProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println(
        run(
            Path.of(args[0]),
            Path.of(args[1]),
            Long.parseLong(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4])));
  }

  /**
   * Runs the model in {@code weightsFile} on {@code inputFile}: {@code "<steps> <output sha256>
   * <sha256 of all trace leaves>"}.
   */
  static String run(Path weightsFile, Path inputFile, long seed, int threads, int maxSteps)
      throws Exception {
    byte[] weights = Files.readAllBytes(weightsFile);
    Model m =
        Model.load(
            "probe", weights, Hashing.unhex(TestModels.modelHashHex(weights), 32, "hash"), "");
    Tensor input = m.architecture().encodeInput(Files.readAllBytes(inputFile));
    Program p = m.architecture().program();
    try (Parallelism par = Parallelism.of(threads)) {
      Engine e = new Engine(par);
      List<Tensor> outs = new ArrayList<>(List.of(input));
      TraceRecorder rec = new TraceRecorder();
      rec.onStep(0, input);
      int n = Math.min(maxSteps, p.length());
      for (int i = 1; i < n; i++) {
        List<Tensor> in = new ArrayList<>();
        for (int r : p.step(i).inputs()) {
          in.add(outs.get(r));
        }
        Tensor out = e.runStep(p, i, m.weights(), seed, in);
        outs.add(out);
        rec.onStep(i, out);
      }
      byte[][] leaves = rec.leaves().toArray(new byte[0][]);
      return n
          + " "
          + Hashing.hex(outs.getLast().sha256())
          + " "
          + Hashing.hex(Hashing.sha256(leaves));
    }
  }
}
