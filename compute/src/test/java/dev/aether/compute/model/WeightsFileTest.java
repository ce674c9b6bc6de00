package dev.aether.compute.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        .isInstanceOf(ComputeException.BadModel.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> WeightsFile.parse(Arrays.copyOf(file, file.length - 1)))
        .isInstanceOf(ComputeException.BadModel.class);
    byte[] magic = file.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> WeightsFile.parse(magic))
        .isInstanceOf(ComputeException.BadModel.class);
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
        .isInstanceOf(ComputeException.BadModel.class)
        .hasMessageContaining("ascending");
    byte[] nan = WeightsFile.write(Map.of(), new Weights(Map.of("a", Tensor.scalar(1f))));
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NaN);
    assertThatThrownBy(() -> WeightsFile.parse(nan))
        .isInstanceOf(ComputeException.BadModel.class)
        .hasMessageContaining("non-finite");
  }
}
