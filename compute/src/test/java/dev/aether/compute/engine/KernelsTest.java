package dev.aether.compute.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {
  private static Tensor random(SplittableRandom r, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Tensor.of(a, shape);
  }

  @Test
  void linearEqualsTheNaiveAscendingSumBitForBitOnAnyThreadCount() {
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 20; trial++) {
      int rows = 1 + r.nextInt(40);
      int k = 1 + r.nextInt(70);
      int n = 1 + r.nextInt(90);
      Tensor x = random(r, rows, k);
      Tensor w = random(r, k, n);
      Tensor b = random(r, n);
      float[] expected = new float[rows * n];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < n; j++) {
          float acc = 0f;
          for (int kk = 0; kk < k; kk++) {
            acc += x.get(i * k + kk) * w.get(kk * n + j);
          }
          expected[i * n + j] = acc + b.get(j);
        }
      }
      for (int threads = 1; threads <= 4; threads++) {
        try (Parallelism p = Parallelism.of(threads)) {
          assertThat(Kernels.linear(x, w, b, p)).isEqualTo(Tensor.of(expected, rows, n));
        }
      }
    }
  }

  @Test
  void largeKernelsSplitAcrossThreadsGiveIdenticalBits() {
    SplittableRandom r = new SplittableRandom(2);
    Tensor x = random(r, 64, 128);
    Tensor w = random(r, 128, 256);
    Tensor b = random(r, 256);
    Tensor qkv = random(r, 48, 3 * 64);
    Tensor oneRow = random(r, 1, 128);
    try (Parallelism serial = Parallelism.serial();
        Parallelism four = Parallelism.of(4)) {
      assertThat(Kernels.linear(x, w, b, four)).isEqualTo(Kernels.linear(x, w, b, serial));
      assertThat(Kernels.linear(oneRow, w, b, four))
          .isEqualTo(Kernels.linear(oneRow, w, b, serial));
      assertThat(Kernels.causalAttention(qkv, 4, four))
          .isEqualTo(Kernels.causalAttention(qkv, 4, serial));
    }
  }

  @Test
  void softmaxIsAProbabilityVectorCloseToTheExactOne() {
    SplittableRandom r = new SplittableRandom(3);
    Tensor x = random(r, 5, 17);
    Tensor y = Kernels.softmax(x);
    for (int row = 0; row < 5; row++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 17; i++) {
        max = Math.max(max, x.get(row * 17 + i));
      }
      double z = 0;
      for (int i = 0; i < 17; i++) {
        z += StrictMath.exp(x.get(row * 17 + i) - max);
      }
      float sum = 0f;
      for (int i = 0; i < 17; i++) {
        double exact = StrictMath.exp(x.get(row * 17 + i) - max) / z;
        assertThat((double) y.get(row * 17 + i))
            .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-6));
        sum += y.get(row * 17 + i);
      }
      assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void layerNormCentresAndScalesEachRow() {
    SplittableRandom r = new SplittableRandom(4);
    Tensor x = random(r, 3, 64);
    float[] ones = new float[64];
    java.util.Arrays.fill(ones, 1f);
    Tensor y = Kernels.layerNorm(x, Tensor.of(ones, 64), Tensor.of(new float[64], 64));
    for (int row = 0; row < 3; row++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < 64; i++) {
        mean += y.get(row * 64 + i);
      }
      mean /= 64;
      for (int i = 0; i < 64; i++) {
        sq += (y.get(row * 64 + i) - mean) * (y.get(row * 64 + i) - mean);
      }
      assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(sq / 64).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void geluFollowsTheTanhFormulaWithStrictMath() {
    float[] xs = {-3f, -1f, -0.5f, 0f, 0.25f, 1f, 2.5f};
    Tensor y = Kernels.gelu(Tensor.of(xs, xs.length));
    for (int i = 0; i < xs.length; i++) {
      float v = xs[i];
      float t = (float) StrictMath.tanh((double) (0.7978846f * (v + 0.044715f * v * v * v)));
      assertThat(y.get(i)).isEqualTo(0.5f * v * (1f + t));
    }
    assertThat(y.get(3)).isZero();
    assertThat(y.get(6)).isCloseTo(2.4847f, org.assertj.core.data.Offset.offset(5e-4f));
  }

  @Test
  void attentionFirstPositionSeesOnlyItself() {
    SplittableRandom r = new SplittableRandom(5);
    Tensor qkv = random(r, 6, 3 * 8);
    Tensor out = Kernels.causalAttention(qkv, 2, Parallelism.serial());
    for (int c = 0; c < 8; c++) {
      // softmax over one score is exactly 1, so the output is v_0 exactly.
      assertThat(out.get(c)).isEqualTo(qkv.get(16 + c));
    }
  }

  @Test
  void samplingIsSeededAndFollowsTheDistribution() {
    Tensor logits = Tensor.of(new float[] {0f, (float) Math.log(3), -50f}, 1, 3);
    int[] counts = new int[3];
    for (int s = 0; s < 4000; s++) {
      int id = (int) Kernels.sample(logits, 1f, SeededUniform.draw(s, 7)).get(0);
      counts[id]++;
      assertThat(Kernels.sample(logits, 1f, SeededUniform.draw(s, 7)).get(0)).isEqualTo(id);
    }
    // Expected 1000 : 3000 : ~0; 4 standard deviations is about ±110.
    assertThat(counts[0]).isBetween(890, 1110);
    assertThat(counts[1]).isBetween(2890, 3110);
    assertThat(counts[2]).isZero();
  }

  @Test
  void uniformDrawsStayInTheUnitInterval() {
    for (int s = -50; s < 50; s++) {
      for (int step = 0; step < 50; step++) {
        assertThat(SeededUniform.draw(s * 0x1234567L, step))
            .isGreaterThanOrEqualTo(0f)
            .isLessThan(1f);
      }
    }
  }

  @Test
  void embeddingRejectsIdsThatAreNotTokens() {
    Tensor table = Tensor.of(new float[6], 3, 2);
    Tensor pos = Tensor.of(new float[4], 2, 2);
    assertThat(Kernels.embed(Tensor.of(new float[] {2f, 0f}, 2), table, pos).shape())
        .containsExactly(2, 2);
    assertThatThrownBy(() -> Kernels.embed(Tensor.of(new float[] {3f, 0f}, 2), table, pos))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Kernels.embed(Tensor.of(new float[] {0.5f, 0f}, 2), table, pos))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shiftAndConcatMoveTokens() {
    Tensor w = Tensor.of(new float[] {1, 2, 3}, 3);
    assertThat(Kernels.shift(w, Tensor.scalar(9))).isEqualTo(Tensor.of(new float[] {2, 3, 9}, 3));
    assertThat(Kernels.concat(List.of(Tensor.scalar(4), Tensor.scalar(5))))
        .isEqualTo(Tensor.of(new float[] {4, 5}, 2));
  }
}
