package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadershipTest {
  private final ConsensusParams p = ConsensusParams.defaults();

  private static Bytes output(BigInteger x) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[64];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return Bytes.of(out);
  }

  @Test
  void thresholdIsExactAtTheBoundary() {
    // U < 4/5 * 1/4 = 1/5: threshold x* = 2^256 / 5 (not an integer), so floor(x*) wins and
    // floor(x*) + 1 loses.
    BigInteger floor = BigInteger.ONE.shiftLeft(256).divide(BigInteger.valueOf(5));
    assertThat(Leadership.wins(floor, 25, 100, p)).isTrue();
    assertThat(Leadership.wins(floor.add(BigInteger.ONE), 25, 100, p)).isFalse();
    assertThat(Leadership.lotteryValue(output(floor))).isEqualTo(floor);
  }

  @Test
  void lotteryValueReadsFirst32BytesBigEndian() {
    byte[] b = new byte[64];
    Arrays.fill(b, 32, 64, (byte) 0xff);
    b[31] = 1;
    assertThat(Leadership.lotteryValue(Bytes.of(b))).isEqualTo(BigInteger.ONE);
  }

  @Test
  void winningIsMonotoneInStake() {
    qt().forAll(longs().between(1, 1_000_000), longs().between(1, 1_000_000), longs().all())
        .checkAssert(
            (s1, s2, seed) -> {
              BigInteger x = new BigInteger(1, H256Gen.of(seed).toArray());
              long lo = Math.min(s1, s2);
              long hi = Math.max(s1, s2);
              if (Leadership.wins(x, lo, 2_000_000, p)) {
                assertThat(Leadership.wins(x, hi, 2_000_000, p)).isTrue();
              }
            });
  }

  @Test
  void fallbackIsStakeWeightedAndDeterministic() {
    List<Validator> vs = new ArrayList<>();
    vs.add(new Validator(0, 900, Bytes.EMPTY, Bytes.EMPTY, Bytes.of(new byte[] {0})));
    vs.add(new Validator(1, 100, Bytes.EMPTY, Bytes.EMPTY, Bytes.of(new byte[] {1})));
    ValidatorSet set = new ValidatorSet(vs);
    H256 eta = dev.aether.types.Hashing.tagged("test/eta", new byte[] {1});
    int zero = 0;
    for (long slot = 0; slot < 2_000; slot++) {
      int f = Leadership.fallback(set, eta, slot);
      assertThat(f).isEqualTo(Leadership.fallback(set, eta, slot));
      if (f == 0) {
        zero++;
      }
    }
    assertThat(zero).isBetween(1_700, 1_900); // 90 % of stake, 2000 draws
  }

  @Test
  void expectedLotteryWinnersPerSlotIsTau() {
    // 10 equal validators: each wins with probability tau/10; over 5000 slots ~ 0.8 per slot.
    long wins = 0;
    for (long i = 0; i < 50_000; i++) {
      BigInteger x = new BigInteger(1, H256Gen.of(i).toArray());
      if (Leadership.wins(x, 10, 100, p)) {
        wins++;
      }
    }
    assertThat(wins).isBetween(3_700L, 4_300L); // expectation 4000
  }

  /** Deterministic pseudo-random 32-byte values. */
  static final class H256Gen {
    static H256 of(long seed) {
      return dev.aether.types.Hashing.tagged(
          "test", java.nio.ByteBuffer.allocate(8).putLong(seed).array());
    }
  }
}
