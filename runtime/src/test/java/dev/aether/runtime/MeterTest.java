package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class MeterTest {
  /** Genesis fee for a 300-byte transaction at multiplier m (permille), rounded up. */
  private static Meter.Pricing genesis(long txBytes, long m) {
    return (s, mem) -> {
      long base =
          Saturating.add(
              Saturating.add(10_000, 5 * txBytes), Saturating.add(Saturating.mul(2, s), mem));
      long scaled = Saturating.mul(base, m);
      return scaled == Long.MAX_VALUE ? Long.MAX_VALUE : Math.ceilDiv(scaled, 1000);
    };
  }

  @Test
  void feeFollowsThePricing() {
    Meter m = new Meter(genesis(300, 1000), 1_000_000);
    m.steps(1_234);
    m.memory(100);
    assertThat(m.fee()).isEqualTo(10_000 + 1_500 + 2_468 + 100);
    assertThat(m.steps()).isEqualTo(1_234);
    assertThat(m.memBytes()).isEqualTo(100);
  }

  @Test
  void runningOutRecordsTheChargeAndPaysExactlyTheCap() {
    Meter m = new Meter(genesis(0, 1000), 20_000);
    m.steps(4_999);
    assertThat(m.fee()).isEqualTo(19_998);
    assertThatThrownBy(() -> m.steps(2)).isInstanceOf(RuntimeError.OutOfGas.class);
    assertThat(m.exhausted()).isTrue();
    assertThat(m.steps()).isEqualTo(5_001);
    assertThat(m.fee()).isEqualTo(20_000);
  }

  @Test
  void stepLimitIsExactlyWhatFits() {
    qt().withExamples(200)
        .forAll(
            longs().between(0, 5_000),
            longs().between(1000, 50_000),
            longs().between(20_000, 10_000_000))
        .checkAssert(
            (used, mult, cap) -> {
              Meter m = new Meter(genesis(0, mult), cap);
              try {
                m.steps(used);
              } catch (RuntimeError.OutOfGas e) {
                return;
              }
              long limit = m.stepLimit();
              m.steps(limit - m.steps()); // fits
              assertThatThrownBy(() -> m.steps(1)).isInstanceOf(RuntimeError.OutOfGas.class);
            });
  }

  @Test
  void hugeUsageSaturatesInsteadOfWrapping() {
    Meter m = new Meter(genesis(0, 1_000_000), Long.MAX_VALUE);
    assertThatThrownBy(() -> m.steps(Long.MAX_VALUE / 2)).isInstanceOf(RuntimeError.OutOfGas.class);
    assertThat(m.fee()).isEqualTo(Long.MAX_VALUE);
  }
}
