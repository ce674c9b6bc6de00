package dev.aether.mesh.model;

import dev.aether.mesh.MeshException;
import dev.aether.mesh.engine.Program;
import dev.aether.mesh.engine.Tensor;
import dev.aether.mesh.engine.Weights;
import java.util.SortedMap;

/**
 * How a model turns weights into a program and files into input tensors. Chosen by the weights
 * file's {@code architecture} metadata, so {@code model_hash} fixes it.
 */
public sealed interface Architecture permits MlpClassifier, CharTransformer {

  /** The model's program (data-independent). */
  Program program();

  /**
   * Reads a job input file into the input tensor.
   *
   * @throws MeshException.BadInput if the model cannot read it
   */
  Tensor encodeInput(byte[] file);

  /** A human-readable rendering of the job output. */
  String describeOutput(Tensor output);

  /** The architecture named by {@code metadata}, checked against the weights. */
  static Architecture from(SortedMap<String, String> metadata, Weights weights) {
    String arch = metadata.getOrDefault("architecture", "");
    try {
      return switch (arch) {
        case "mlp-classifier" -> MlpClassifier.from(metadata, weights);
        case "char-transformer" -> CharTransformer.from(metadata, weights);
        default -> throw new MeshException.BadModel("unknown architecture '" + arch + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new MeshException.BadModel("model does not fit its architecture: " + e.getMessage());
    }
  }

  /** Reads an integer metadata value. */
  static int intMeta(SortedMap<String, String> metadata, String key) {
    try {
      return Integer.parseInt(metadata.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      throw new MeshException.BadModel("metadata '" + key + "' is not an integer");
    }
  }

  /** Reads a float metadata value. */
  static float floatMeta(SortedMap<String, String> metadata, String key) {
    try {
      return Float.parseFloat(metadata.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      throw new MeshException.BadModel("metadata '" + key + "' is not a number");
    }
  }
}
