package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import java.util.SortedMap;

/**
 * How a model turns weights into a program and files into input tensors. Chosen by the weights
 * file's {@code architecture} metadata, so {@code model_hash} fixes it.
 */
public sealed interface Architecture permits MlpClassifier, CharTransformer {

  /** The model's program (data-independent). */
  Program program();

  /** The shape of the input tensor {@link #encodeInput} produces (step 0 of the program). */
  int[] inputShape();

  /**
   * Reads a job input file into the input tensor.
   *
   * @throws ComputeException.BadInput if the model cannot read it
   */
  Tensor encodeInput(byte[] file);

  /** A human-readable rendering of the job output. */
  String describeOutput(Tensor output);

  /**
   * The architecture named by the header's metadata, checked against its tensor shapes. Needs no
   * weight values: the chain derives a model's program from its header alone.
   *
   * @throws ComputeException.BadModel if the header does not describe a runnable model
   */
  static Architecture from(ModelHeader header) {
    SortedMap<String, String> metadata = header.metadata();
    String arch = metadata.getOrDefault("architecture", "");
    try {
      return switch (arch) {
        case "mlp-classifier" -> MlpClassifier.from(metadata, header);
        case "char-transformer" -> CharTransformer.from(metadata, header);
        default -> throw new ComputeException.BadModel("unknown architecture '" + arch + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new ComputeException.BadModel("model does not fit its architecture: " + e.getMessage());
    }
  }

  /** Reads an integer metadata value. */
  static int intMeta(SortedMap<String, String> metadata, String key) {
    try {
      return Integer.parseInt(metadata.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      throw new ComputeException.BadModel("metadata '" + key + "' is not an integer");
    }
  }

  /** Reads a float metadata value. */
  static float floatMeta(SortedMap<String, String> metadata, String key) {
    try {
      return Float.parseFloat(metadata.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      throw new ComputeException.BadModel("metadata '" + key + "' is not a number");
    }
  }
}
