package dev.aether.mesh.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Weights;
import dev.aether.compute.engine.Work;
import dev.aether.compute.model.Architecture;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.WeightsFile;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.MeshException;
import dev.aether.types.H256;
import java.util.Arrays;
import java.util.SortedMap;

/**
 * A model the registry has loaded and checked.
 *
 * @param name the folder name, e.g. {@code digits-mlp}
 * @param modelHash {@code model_hash}: the header and the weights root ({@link ModelCommitment})
 * @param header the metadata and tensor directory
 * @param weightsRoot the Merkle root of the weight tensors
 * @param weights the tensors
 * @param architecture how to run it
 * @param description one line for listings
 */
public record Model(
    String name,
    byte[] modelHash,
    ModelHeader header,
    H256 weightsRoot,
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

  /** J-units of one run of this model ({@link Work}). */
  public long jUnits() {
    return Work.of(architecture.program(), architecture.inputShape(), header).jUnits();
  }

  /** The metadata (architecture, vocabulary, hyper-parameters). */
  public SortedMap<String, String> metadata() {
    return header.metadata();
  }

  /**
   * Loads a weights file whose {@code model_hash} must be {@code expectedHash}.
   *
   * @throws MeshException.ModelHashMismatch if it is not
   * @throws MeshException.BadModel if it is malformed
   */
  public static Model load(String name, byte[] file, byte[] expectedHash, String description) {
    try {
      WeightsFile.Contents c = WeightsFile.parse(file);
      ModelHeader header = ModelHeader.of(c.metadata(), c.weights());
      H256 root = ModelCommitment.weightsRoot(header, c.weights());
      byte[] actual = ModelCommitment.modelHash(header, root).toArray();
      if (!Arrays.equals(actual, expectedHash)) {
        throw new MeshException.ModelHashMismatch(
            "weights of '"
                + name
                + "' hash to "
                + Hashing.hex(actual)
                + ", expected "
                + Hashing.hex(expectedHash));
      }
      Architecture arch = Architecture.from(header);
      return new Model(name, actual, header, root, c.weights(), arch, description);
    } catch (ComputeException e) {
      throw new MeshException.BadModel(e.getMessage());
    }
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
