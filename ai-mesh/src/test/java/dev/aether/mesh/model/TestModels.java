package dev.aether.mesh.model;

import dev.aether.mesh.Hashing;
import dev.aether.mesh.engine.Tensor;
import dev.aether.mesh.engine.Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Builds small random-weight models (real architectures, untrained) for tests. */
public final class TestModels {
  public static final String VOCAB = " abcdefghijklmnopqrstuvwxyz.,";

  private TestModels() {}

  /** A char transformer with random weights: d=16, 2 heads, 1 layer, context 8, 6 tokens. */
  public static byte[] transformerFile(long seed, int generate) {
    SplittableRandom r = new SplittableRandom(seed);
    int v = VOCAB.length();
    int d = 16;
    int t = 8;
    Map<String, Tensor> w = new TreeMap<>();
    w.put("tok_emb", rnd(r, v, d));
    w.put("pos_emb", rnd(r, t, d));
    w.put("lnf.gamma", ones(d));
    w.put("lnf.beta", rnd(r, d));
    w.put("head.weight", rnd(r, d, v));
    w.put("head.bias", rnd(r, v));
    String p = "layer0.";
    w.put(p + "ln1.gamma", ones(d));
    w.put(p + "ln1.beta", rnd(r, d));
    w.put(p + "qkv.weight", rnd(r, d, 3 * d));
    w.put(p + "qkv.bias", rnd(r, 3 * d));
    w.put(p + "proj.weight", rnd(r, d, d));
    w.put(p + "proj.bias", rnd(r, d));
    w.put(p + "ln2.gamma", ones(d));
    w.put(p + "ln2.beta", rnd(r, d));
    w.put(p + "fc1.weight", rnd(r, d, 4 * d));
    w.put(p + "fc1.bias", rnd(r, 4 * d));
    w.put(p + "fc2.weight", rnd(r, 4 * d, d));
    w.put(p + "fc2.bias", rnd(r, d));
    Map<String, String> meta =
        Map.of(
            "architecture", "char-transformer",
            "context", "8",
            "generate", Integer.toString(generate),
            "heads", "2",
            "layers", "1",
            "temperature", "0.8",
            "vocab", VOCAB);
    return WeightsFile.write(meta, new Weights(w));
  }

  /** Writes a model folder (manifest, weights, sample) under {@code root}. */
  public static Path writeFolder(Path root, String name, byte[] weights, String sample)
      throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    Files.write(dir.resolve("weights.bin"), weights);
    Files.writeString(dir.resolve("sample-input.txt"), sample);
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"name\":\""
            + name
            + "\",\"weights\":\"weights.bin\",\"sample_input\":\"sample-input.txt\","
            + "\"model_hash\":\""
            + Hashing.hex(Hashing.sha256(weights))
            + "\"}",
        StandardCharsets.UTF_8);
    return dir;
  }

  private static Tensor rnd(SplittableRandom r, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * 0.5);
    }
    return Tensor.of(a, shape);
  }

  private static Tensor ones(int d) {
    float[] a = new float[d];
    java.util.Arrays.fill(a, 1f);
    return Tensor.of(a, d);
  }
}
