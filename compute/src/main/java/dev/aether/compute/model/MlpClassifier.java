package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * A ReLU multilayer perceptron classifier: {@code scale → (fcI → relu)* → fcL → softmax → argmax}.
 * Weights {@code fc1.weight [in, h1]}, {@code fc1.bias}, …; the input file holds {@code in}
 * whitespace-separated numbers (for the digits model: 64 pixel intensities 0..16).
 */
public record MlpClassifier(int inputs, int layers, float inputScale, Program program)
    implements Architecture {

  static MlpClassifier from(SortedMap<String, String> meta, ModelHeader w) {
    int layers = Architecture.intMeta(meta, "layers");
    float scale = Architecture.floatMeta(meta, "input_scale");
    if (layers < 1 || layers > 16) {
      throw new ComputeException.BadModel("layers must be 1..16");
    }
    Program.Builder p = new Program.Builder();
    int x = p.add(new Op.Scale(scale), p.input());
    int width = w.shape("fc1.weight")[0];
    int prevOut = width;
    for (int l = 1; l <= layers; l++) {
      int[] weight = w.shape("fc" + l + ".weight");
      if (weight.length != 2 || weight[0] != prevOut) {
        throw new ComputeException.BadModel("fc" + l + " does not chain to the layer before");
      }
      prevOut = weight[1];
      x = p.add(new Op.Linear("fc" + l + ".weight", "fc" + l + ".bias"), x);
      if (l < layers) {
        x = p.add(new Op.Relu(), x);
      }
    }
    x = p.add(new Op.Softmax(), x);
    p.add(new Op.Argmax(), x);
    return new MlpClassifier(width, layers, scale, p.build());
  }

  @Override
  public int[] inputShape() {
    return new int[] {inputs};
  }

  @Override
  public Tensor encodeInput(byte[] file) {
    String[] parts = new String(file, StandardCharsets.UTF_8).trim().split("\\s+");
    if (parts.length != inputs) {
      throw new ComputeException.BadInput(
          "expected " + inputs + " numbers, found " + (parts[0].isEmpty() ? 0 : parts.length));
    }
    float[] v = new float[inputs];
    for (int i = 0; i < inputs; i++) {
      try {
        v[i] = Float.parseFloat(parts[i]);
      } catch (NumberFormatException e) {
        throw new ComputeException.BadInput("not a number: '" + parts[i] + "'");
      }
      if (!Float.isFinite(v[i])) {
        throw new ComputeException.BadInput("not a finite number: '" + parts[i] + "'");
      }
    }
    return Tensor.of(v, inputs);
  }

  @Override
  public String describeOutput(Tensor output) {
    return "class " + (int) output.get(0);
  }
}
