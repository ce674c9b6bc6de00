package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Amount.AmountOverflowException;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fee formula's long fast path gives exactly the BigInteger formula, overflow included. */
class LinearFeeScheduleTest {
  private static final long[] EDGES = {
    0,
    1,
    2,
    1_000,
    Integer.MAX_VALUE,
    Long.MAX_VALUE / 5,
    Long.MAX_VALUE / 2,
    Long.MAX_VALUE - 1,
    Long.MAX_VALUE,
    -1,
    Long.MIN_VALUE
  };

  private static BigInteger reference(LinearFeeSchedule f, int bytes, long steps, long mem) {
    return BigInteger.valueOf(f.a())
        .add(BigInteger.valueOf(f.b()).multiply(BigInteger.valueOf(bytes)))
        .add(BigInteger.valueOf(f.c()).multiply(new BigInteger(Long.toUnsignedString(steps))))
        .add(BigInteger.valueOf(f.d()).multiply(new BigInteger(Long.toUnsignedString(mem))));
  }

  private static void check(LinearFeeSchedule f, int bytes, long steps, long mem) {
    BigInteger want = reference(f, bytes, steps, mem);
    if (want.signum() < 0 || want.bitLength() > 128) {
      assertThatThrownBy(() -> f.fee(null, bytes, steps, mem))
          .isInstanceOf(AmountOverflowException.class);
    } else {
      assertThat(f.fee(null, bytes, steps, mem).value())
          .as("%s bytes=%d steps=%d mem=%d", f, bytes, steps, mem)
          .isEqualTo(want);
    }
  }

  @Test
  void fastPathEqualsTheExactFormulaAtTheEdges() {
    for (LinearFeeSchedule f :
        new LinearFeeSchedule[] {
          LinearFeeSchedule.GENESIS,
          new LinearFeeSchedule(0, 0, 0, 0),
          new LinearFeeSchedule(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
          new LinearFeeSchedule(Long.MAX_VALUE - 3, 0, 1, 1)
        }) {
      for (long steps : EDGES) {
        for (long mem : EDGES) {
          for (int bytes : new int[] {0, 1, 300, Integer.MAX_VALUE, -1}) {
            check(f, bytes, steps, mem);
          }
        }
      }
    }
  }

  @Test
  void fastPathEqualsTheExactFormulaOnRandomInputs() {
    SplittableRandom r = new SplittableRandom(20);
    for (int i = 0; i < 20_000; i++) {
      LinearFeeSchedule f =
          new LinearFeeSchedule(
              r.nextLong(1L << r.nextInt(1, 63)),
              r.nextLong(1L << r.nextInt(1, 63)),
              r.nextLong(1L << r.nextInt(1, 63)),
              r.nextLong(1L << r.nextInt(1, 63)));
      check(
          f,
          r.nextInt(1 << 20),
          r.nextBoolean() ? r.nextLong() : r.nextLong(1L << r.nextInt(1, 63)),
          r.nextLong());
    }
  }
}
