package dev.aether.da;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RS(12,10) properties over random data (QuickTheories drives the seeds). */
class ReedSolomonPropertyTest {
  private static final ReedSolomon RS = ReedSolomon.shredCode();

  private static byte[][] randomSet(final long seed, final int size) throws DaException {
    final SplittableRandom r = new SplittableRandom(seed);
    final byte[][] shards = new byte[12][size];
    for (int i = 0; i < 10; i++) {
      r.nextBytes(shards[i]);
    }
    RS.encodeParity(shards);
    return shards;
  }

  @Test
  void everyTenOfTwelveSubsetRebuildsTheSet() {
    qt().withExamples(40)
        .forAll(longs().all(), integers().between(1, 300))
        .checkAssert(
            (seed, size) -> {
              try {
                final byte[][] original = randomSet(seed, size);
                // All C(12,2)=66 ways to lose two shreds, plus the 12 ways to lose one.
                for (int a = 0; a < 12; a++) {
                  for (int b = a; b < 12; b++) {
                    final byte[][] work = new byte[12][];
                    final boolean[] present = new boolean[12];
                    for (int i = 0; i < 12; i++) {
                      if (i != a && i != b) {
                        work[i] = original[i].clone();
                        present[i] = true;
                      }
                    }
                    RS.reconstruct(work, present);
                    for (int i = 0; i < 12; i++) {
                      assertThat(work[i]).as("lost %d,%d shard %d", a, b, i).isEqualTo(original[i]);
                    }
                  }
                }
              } catch (DaException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void anyCorruptionOfOneOrTwoShardsIsDetected() {
    // Minimum distance of RS(12,10) is 3: any nonzero change confined to <= 2 shards must break
    // the parity equations.
    qt().withExamples(500)
        .forAll(longs().all(), integers().between(1, 2))
        .checkAssert(
            (seed, corruptions) -> {
              try {
                final byte[][] shards = randomSet(seed, 64);
                final SplittableRandom r = new SplittableRandom(~seed);
                // Distinct (shard, byte) cells, each XORed with a nonzero delta; at most two
                // shards are touched.
                final int first = r.nextInt(12 * 64);
                int second = r.nextInt(12 * 64 - 1);
                if (second >= first) {
                  second++;
                }
                shards[first / 64][first % 64] ^= (byte) (1 + r.nextInt(255));
                if (corruptions == 2) {
                  shards[second / 64][second % 64] ^= (byte) (1 + r.nextInt(255));
                }
                assertThat(RS.isParityCorrect(shards)).isFalse();
              } catch (DaException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void elevenLostShardsOfTwelveAreTooFew() throws DaException {
    final byte[][] shards = randomSet(7, 16);
    final boolean[] present = new boolean[12];
    for (int i = 0; i < 9; i++) {
      present[i] = true;
    }
    assertThatThrownBy(() -> RS.reconstruct(shards, present))
        .isInstanceOfSatisfying(
            DaException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo("DA_TOO_FEW_SHARDS");
              assertThat(e.getMessage()).contains("9 shards present, 10 needed");
            });
  }

  @Test
  void rejectsBadShapes() throws DaException {
    assertThatThrownBy(() -> RS.encodeParity(new byte[11][4]))
        .isInstanceOf(DaException.class)
        .hasMessageContaining("DA_SHARD_SHAPE");
    final byte[][] uneven = randomSet(1, 8);
    uneven[3] = new byte[9];
    assertThatThrownBy(() -> RS.isParityCorrect(uneven)).hasMessageContaining("DA_SHARD_SHAPE");
    assertThatThrownBy(() -> ReedSolomon.create(200, 57)).hasMessageContaining("DA_BAD_PARAMETER");
  }
}
