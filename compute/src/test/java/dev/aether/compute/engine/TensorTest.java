package dev.aether.compute.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void canonicalBytesRoundTripEveryFloatBitPattern() {
    qt().forAll(lists().of(floats().any()).ofSizeBetween(1, 40), integers().between(1, 3))
        .checkAssert(
            (values, split) -> {
              float[] a = new float[values.size()];
              for (int i = 0; i < a.length; i++) {
                a[i] = values.get(i);
              }
              Tensor t =
                  a.length % split == 0
                      ? Tensor.of(a, split, a.length / split)
                      : Tensor.of(a, a.length);
              assertThat(Tensor.fromCanonicalBytes(t.canonicalBytes())).isEqualTo(t);
            });
  }

  @Test
  void canonicalLayoutIsRankDimsThenLittleEndianFloats() {
    Tensor t = Tensor.of(new float[] {1f, -2f}, 1, 2);
    assertThat(HexFormat.of().formatHex(t.canonicalBytes()))
        .isEqualTo("02" + "01000000" + "02000000" + "0000803f" + "000000c0");
  }

  @Test
  void rejectsEncodingsThatAreNotOneTensor() {
    byte[] good = Tensor.of(new float[] {1f, 2f}, 2).canonicalBytes();
    assertThatThrownBy(() -> Tensor.fromCanonicalBytes(java.util.Arrays.copyOf(good, 8)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> Tensor.fromCanonicalBytes(longer))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tensor.fromCanonicalBytes(new byte[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIsBitwiseSoNegativeZeroDiffers() {
    assertThat(Tensor.scalar(0f)).isNotEqualTo(Tensor.scalar(-0f));
    assertThat(Tensor.scalar(Float.NaN)).isEqualTo(Tensor.scalar(Float.NaN));
  }

  /** Hashing streams the encoding in chunks: the digest is the one of the whole encoding. */
  @Test
  void theChunkedHashIsTheHashOfTheCanonicalBytes() throws Exception {
    java.util.Random rnd = new java.util.Random(7);
    for (int n : new int[] {1, 5, 4_095, 4_096, 4_097, 8_192, 10_000}) {
      float[] d = new float[n];
      for (int i = 0; i < n; i++) {
        d[i] = Float.intBitsToFloat(rnd.nextInt()); // any bits, NaN payloads included
      }
      Tensor t = n % 2 == 0 ? Tensor.of(d, 2, n / 2) : Tensor.of(d, n);
      assertThat(t.sha256())
          .as("%d floats", n)
          .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(t.canonicalBytes()));
    }
  }
}
