package dev.aether.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.model.TestModels;
import dev.aether.mesh.MeshException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @Test
  void registryRefusesAWeightsFileWhoseHashDiffersFromTheManifest(@TempDir Path dir)
      throws Exception {
    byte[] file = TestModels.transformerFile(2, 3);
    Path folder = ModelFolders.write(dir, "tiny", file, "hello");
    assertThat(ModelRegistry.fromDirectory(dir).resolve("tiny").model().modelHashHex())
        .isEqualTo(TestModels.modelHashHex(file));
    byte[] changed = file.clone();
    changed[changed.length - 1] ^= 1; // one bit of the last float
    Files.write(folder.resolve("weights.bin"), changed);
    assertThatThrownBy(() -> ModelRegistry.fromDirectory(dir))
        .isInstanceOf(MeshException.ModelHashMismatch.class)
        .hasMessageContaining("tiny");
  }

  @Test
  void registryResolvesByNameOrHashAndRefusesUnknownModels(@TempDir Path dir) throws Exception {
    byte[] file = TestModels.transformerFile(3, 3);
    ModelFolders.write(dir, "tiny", file, "hello");
    ModelRegistry reg = ModelRegistry.fromDirectory(dir);
    String hash = TestModels.modelHashHex(file);
    assertThat(reg.resolve(hash).model().name()).isEqualTo("tiny");
    assertThat(reg.resolve("0x" + hash).model().name()).isEqualTo("tiny");
    assertThatThrownBy(() -> reg.resolve("nope")).isInstanceOf(MeshException.UnknownModel.class);
  }

  @Test
  void shippedManifestHashesAreTheModelCommitment() {
    for (ModelRegistry.Entry e : ModelRegistry.bundled().list()) {
      assertThat(e.model().header().hash()).isNotNull();
      assertThat(e.model().modelHashHex()).hasSize(64);
    }
  }
}
