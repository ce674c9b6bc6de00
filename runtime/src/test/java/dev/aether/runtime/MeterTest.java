package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class MeterTest {
  private static final FeeSchedule G = FeeSchedule.GENESIS;

  @Test
  void feeFollowsTheGenesisFormula() {
    Meter m = new Meter(G, 300, 1000, 1_000_000);
    m.steps(1_234);
    m.memory(100);
    // 10000 + 5*300 + 2*1234 + 1*100
    assertThat(m.fee()).isEqualTo(10_000 + 1_500 + 2_468 + 100);
    assertThat(m.steps()).isEqualTo(1_234);
    assertThat(m.memBytes()).isEqualTo(100);
  }

  @Test
  void congestionMultiplierRoundsUpAndRentIsAddedUnscaled() {
    Meter m = new Meter(G, 1, 1_125, 1_000_000);
    m.steps(1);
    m.rent(7);
    // base 10000+5+2 = 10007; *1.125 = 11257.875 -> 11258; + 7 rent
    assertThat(m.fee()).isEqualTo(11_258 + 7);
  }

  @Test
  void capBelowFixedFeeIsRejected() {
    assertThatThrownBy(() -> new Meter(G, 100, 1000, 10_499))
        .isInstanceOf(RuntimeError.FeeCapTooLow.class);
    assertThat(new Meter(G, 100, 1000, 10_500).fee()).isEqualTo(10_500);
  }

  @Test
  void runningOutChargesExactlyTheCap() {
    Meter m = new Meter(G, 0, 1000, 20_000);
    m.steps(4_999);
    assertThat(m.fee()).isEqualTo(19_998);
    assertThatThrownBy(() -> m.steps(2)).isInstanceOf(RuntimeError.OutOfGas.class);
    assertThat(m.exhausted()).isTrue();
    assertThat(m.fee()).isEqualTo(20_000);
  }

  @Test
  void stepsLeftIsExactlyWhatFits() {
    qt().withExamples(200)
        .forAll(
            longs().between(0, 5_000),
            longs().between(1000, 50_000),
            longs().between(20_000, 10_000_000))
        .checkAssert(
            (used, mult, cap) -> {
              long fixed = Math.ceilDiv(10_000L * mult, 1000);
              if (fixed > cap) {
                return;
              }
              Meter m = new Meter(G, 0, mult, cap);
              try {
                m.steps(used);
              } catch (RuntimeError.OutOfGas e) {
                return;
              }
              long left = m.stepsLeft();
              m.steps(left); // fits
              assertThatThrownBy(() -> m.steps(1)).isInstanceOf(RuntimeError.OutOfGas.class);
            });
  }

  @Test
  void hugeUsageSaturatesInsteadOfWrapping() {
    Meter m = new Meter(G, 0, 1_000_000, Long.MAX_VALUE);
    assertThatThrownBy(() -> m.steps(Long.MAX_VALUE / 2)).isInstanceOf(RuntimeError.OutOfGas.class);
    assertThat(m.fee()).isEqualTo(Long.MAX_VALUE);
  }
}
