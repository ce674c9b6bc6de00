package dev.aether.compute.engine;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A model's named weight tensors, immutable and iterated in name order. */
public final class Weights {
  private final SortedMap<String, Tensor> tensors;

  /** Copies {@code tensors} into a name-ordered map. */
  public Weights(Map<String, Tensor> tensors) {
    this.tensors = Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
  }

  /**
   * The tensor called {@code name}.
   *
   * @throws IllegalArgumentException if the model has no such tensor
   */
  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("model has no weight tensor '" + name + "'");
    }
    return t;
  }

  /** All tensors by name, in name order. */
  public SortedMap<String, Tensor> asMap() {
    return tensors;
  }

  /** Total number of float parameters. */
  public long parameterCount() {
    return tensors.values().stream().mapToLong(Tensor::size).sum();
  }
}
