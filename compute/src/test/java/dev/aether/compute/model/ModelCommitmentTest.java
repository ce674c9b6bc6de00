package dev.aether.compute.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Tensor;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCommitmentTest {
  private static final WeightsFile.Contents TINY =
      WeightsFile.parse(TestModels.transformerFile(5, 2));
  private static final ModelHeader HEADER = ModelHeader.of(TINY.metadata(), TINY.weights());
  private static final H256 ROOT = ModelCommitment.weightsRoot(HEADER, TINY.weights());

  @Test
  void headerRoundTripsAndRefusesNonCanonicalBytes() {
    byte[] bytes = HEADER.encode();
    assertThat(ModelHeader.decode(bytes)).isEqualTo(HEADER);
    assertThat(ModelHeader.decode(bytes).encode()).isEqualTo(bytes);
    byte[] trailing = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> ModelHeader.decode(trailing))
        .isInstanceOf(ComputeException.BadModel.class);
    byte[] version = bytes.clone();
    version[0] = 2;
    assertThatThrownBy(() -> ModelHeader.decode(version))
        .isInstanceOf(ComputeException.BadModel.class);
    // Every single-byte change decodes to another header or is refused: never the same model.
    for (int i = 0; i < bytes.length; i += 7) {
      byte[] b = bytes.clone();
      b[i] ^= 0x01;
      try {
        assertThat(ModelHeader.decode(b).hash()).isNotEqualTo(HEADER.hash());
      } catch (ComputeException.BadModel expected) {
        // refused
      }
    }
  }

  @Test
  void everyTensorSliceVerifiesAndNothingElseDoes() {
    for (String name : HEADER.tensorNames()) {
      WeightSlice s = ModelCommitment.slice(HEADER, TINY.weights(), name);
      assertThat(ModelCommitment.verify(HEADER, ROOT, s)).as(name).isTrue();
      float[] a = s.tensor().toArray();
      a[0] = Math.nextUp(a[0]);
      WeightSlice changed = new WeightSlice(name, Tensor.of(a, s.tensor().shape()), s.path());
      assertThat(ModelCommitment.verify(HEADER, ROOT, changed)).as(name).isFalse();
      if (!s.path().isEmpty()) {
        List<H256> path = new ArrayList<>(s.path());
        path.set(0, H256.ZERO);
        assertThat(ModelCommitment.verify(HEADER, ROOT, new WeightSlice(name, s.tensor(), path)))
            .isFalse();
        assertThat(
                ModelCommitment.verify(
                    HEADER,
                    ROOT,
                    new WeightSlice(name, s.tensor(), s.path().subList(1, s.path().size()))))
            .isFalse();
      }
    }
    // A real tensor under another name (same shape) is not that tensor.
    WeightSlice gamma = ModelCommitment.slice(HEADER, TINY.weights(), "layer0.ln1.gamma");
    assertThat(
            ModelCommitment.verify(
                HEADER, ROOT, new WeightSlice("layer0.ln2.gamma", gamma.tensor(), gamma.path())))
        .isFalse();
  }

  @Test
  void modelHashChangesWithAnyWeightOrMetadata() {
    H256 base = ModelCommitment.modelHash(HEADER, ROOT);
    WeightsFile.Contents other = WeightsFile.parse(TestModels.transformerFile(6, 2));
    assertThat(
            ModelCommitment.modelHash(
                ModelHeader.of(other.metadata(), other.weights()), other.weights()))
        .isNotEqualTo(base);
    WeightsFile.Contents longer = WeightsFile.parse(TestModels.transformerFile(5, 3));
    assertThat(
            ModelCommitment.modelHash(
                ModelHeader.of(longer.metadata(), longer.weights()), longer.weights()))
        .as("same weights, another 'generate'")
        .isNotEqualTo(base);
  }
}
