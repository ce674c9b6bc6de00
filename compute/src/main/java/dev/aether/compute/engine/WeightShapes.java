package dev.aether.compute.engine;

/** The shapes of a model's weight tensors by name — all that shape inference and work need. */
@FunctionalInterface
public interface WeightShapes {
  /**
   * The shape of weight tensor {@code name}.
   *
   * @throws IllegalArgumentException if the model has no such tensor
   */
  int[] shape(String name);
}
