package dev.aether.mesh.model;

import dev.aether.mesh.Hashing;
import dev.aether.mesh.engine.Weights;
import java.util.Arrays;
import java.util.SortedMap;

/**
 * A model the registry has loaded and checked.
 *
 * @param name the folder name, e.g. {@code digits-mlp}
 * @param modelHash SHA-256 of the canonical weights file
 * @param metadata the weights file's metadata
 * @param weights the tensors
 * @param architecture how to run it
 * @param description one line for listings
 */
public record Model(
    String name,
    byte[] modelHash,
    SortedMap<String, String> metadata,
    Weights weights,
    Architecture architecture,
    String description) {

  /** Copies the hash. */
  public Model {
    modelHash = modelHash.clone();
  }

  @Override
  public byte[] modelHash() {
    return modelHash.clone();
  }

  /** The model hash as lower-case hex. */
  public String modelHashHex() {
    return Hashing.hex(modelHash);
  }

  /**
   * Loads a weights file that must hash to {@code expectedHash}.
   *
   * @throws dev.aether.mesh.MeshException.ModelHashMismatch if it does not
   * @throws dev.aether.mesh.MeshException.BadModel if it is malformed
   */
  public static Model load(String name, byte[] file, byte[] expectedHash, String description) {
    byte[] actual = Hashing.sha256(file);
    if (!Arrays.equals(actual, expectedHash)) {
      throw new dev.aether.mesh.MeshException.ModelHashMismatch(
          "weights of '"
              + name
              + "' hash to "
              + Hashing.hex(actual)
              + ", expected "
              + Hashing.hex(expectedHash));
    }
    WeightsFile.Contents c = WeightsFile.parse(file);
    Architecture arch = Architecture.from(c.metadata(), c.weights());
    return new Model(name, actual, c.metadata(), c.weights(), arch, description);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m && Arrays.equals(modelHash, m.modelHash) && name.equals(m.name);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(modelHash);
  }

  @Override
  public String toString() {
    return "Model[" + name + " " + modelHashHex() + "]";
  }
}
