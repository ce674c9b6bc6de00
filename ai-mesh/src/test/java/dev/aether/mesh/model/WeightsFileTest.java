package dev.aether.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.mesh.Hashing;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.engine.Tensor;
import dev.aether.mesh.engine.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
  @Test
  void writeThenParseGivesTheSameModelAndTheSameBytes() {
    byte[] file = TestModels.transformerFile(1, 3);
    WeightsFile.Contents c = WeightsFile.parse(file);
    assertThat(c.metadata()).containsEntry("architecture", "char-transformer");
    assertThat(WeightsFile.write(c.metadata(), c.weights())).isEqualTo(file);
  }

  @Test
  void refusesTrailingBytesTruncationAndBadMagic() {
    byte[] file = TestModels.transformerFile(1, 3);
    assertThatThrownBy(() -> WeightsFile.parse(Arrays.copyOf(file, file.length + 1)))
        .isInstanceOf(MeshException.BadModel.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> WeightsFile.parse(Arrays.copyOf(file, file.length - 1)))
        .isInstanceOf(MeshException.BadModel.class);
    byte[] magic = file.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> WeightsFile.parse(magic)).isInstanceOf(MeshException.BadModel.class);
  }

  @Test
  void refusesNamesOutOfOrderAndNonFiniteValues() {
    // Hand-built: two tensors "b" then "a" (descending) — not canonical.
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    b.put("AETHWTS1".getBytes()).putInt(0).putInt(2);
    for (String name : new String[] {"b", "a"}) {
      b.putShort((short) 1).put(name.getBytes()).put((byte) 1).putInt(1).putFloat(1f);
    }
    byte[] unordered = Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> WeightsFile.parse(unordered))
        .isInstanceOf(MeshException.BadModel.class)
        .hasMessageContaining("ascending");
    byte[] nan = WeightsFile.write(Map.of(), new Weights(Map.of("a", Tensor.scalar(1f))));
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NaN);
    assertThatThrownBy(() -> WeightsFile.parse(nan))
        .isInstanceOf(MeshException.BadModel.class)
        .hasMessageContaining("non-finite");
  }

  @Test
  void registryRefusesAWeightsFileWhoseHashDiffersFromTheManifest(@TempDir Path dir)
      throws Exception {
    byte[] file = TestModels.transformerFile(2, 3);
    Path folder = TestModels.writeFolder(dir, "tiny", file, "hello");
    assertThat(ModelRegistry.fromDirectory(dir).resolve("tiny").model().modelHashHex())
        .isEqualTo(Hashing.hex(Hashing.sha256(file)));
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
    TestModels.writeFolder(dir, "tiny", file, "hello");
    ModelRegistry reg = ModelRegistry.fromDirectory(dir);
    String hash = Hashing.hex(Hashing.sha256(file));
    assertThat(reg.resolve(hash).model().name()).isEqualTo("tiny");
    assertThat(reg.resolve("0x" + hash).model().name()).isEqualTo("tiny");
    assertThatThrownBy(() -> reg.resolve("nope")).isInstanceOf(MeshException.UnknownModel.class);
  }
}
