package dev.aether.compute.model;

import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
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

  /** An MLP classifier with random weights: 8 inputs, one hidden layer of 6, 3 classes. */
  public static byte[] mlpFile(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Tensor> w = new TreeMap<>();
    w.put("fc1.weight", rnd(r, 8, 6));
    w.put("fc1.bias", rnd(r, 6));
    w.put("fc2.weight", rnd(r, 6, 3));
    w.put("fc2.bias", rnd(r, 3));
    Map<String, String> meta =
        Map.of("architecture", "mlp-classifier", "layers", "2", "input_scale", "0.5");
    return WeightsFile.write(meta, new Weights(w));
  }

  /** The {@code model_hash} of a weights file: header and weights root, see ModelCommitment. */
  public static String modelHashHex(byte[] weightsFile) {
    WeightsFile.Contents c = WeightsFile.parse(weightsFile);
    return ModelCommitment.modelHash(ModelHeader.of(c.metadata(), c.weights()), c.weights())
        .toHex()
        .substring(2);
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
