package dev.aether.mesh.model;

import dev.aether.compute.model.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes model folders (manifest, weights, sample) for registry tests. */
public final class ModelFolders {
  private ModelFolders() {}

  /** Writes a model folder under {@code root} with the weights' {@code model_hash}. */
  public static Path write(Path root, String name, byte[] weights, String sample)
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
            + TestModels.modelHashHex(weights)
            + "\"}",
        StandardCharsets.UTF_8);
    return dir;
  }
}
