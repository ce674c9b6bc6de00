package dev.aether.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountTest {
  @Test
  void additionPastTwoTo128IsAnErrorNotAWrap() {
    assertThatThrownBy(() -> Amount.MAX.add(Amount.of(1)))
        .isInstanceOf(Amount.AmountOverflowException.class);
  }

  @Test
  void subtractionBelowZeroIsAnError() {
    assertThatThrownBy(() -> Amount.of(1).subtract(Amount.of(2)))
        .isInstanceOf(Amount.AmountOverflowException.class);
  }

  @Test
  void encodesAsSixteenBytesBigEndian() {
    assertThat(Hex.encode(Amount.CODEC.encode(Amount.of(258))))
        .isEqualTo("0x00000000000000000000000000000102");
    assertThat(Hex.encode(Amount.CODEC.encode(Amount.MAX))).isEqualTo("0x" + "ff".repeat(16));
  }

  @Test
  void parsesUnderscoreSeparatedDecimal() {
    assertThat(Amount.parse("2_000_000")).isEqualTo(Amount.of(2_000_000));
    assertThatThrownBy(() -> Amount.parse("-5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.parse("1e3")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void additionMatchesBigIntegerWithinRange() {
    qt().forAll(longs().all(), longs().all())
        .checkAssert(
            (a, b) -> {
              Amount x = new Amount(BigInteger.valueOf(a).abs());
              Amount y = new Amount(BigInteger.valueOf(b).abs());
              assertThat(x.add(y).value())
                  .isEqualTo(BigInteger.valueOf(a).abs().add(BigInteger.valueOf(b).abs()));
            });
  }

  @Test
  void valueArithmeticIsPerAssetAndDropsZeros() {
    Value v = Value.of(AssetId.SWR, 5).add(Value.of(AssetId.AIC, 3));
    assertThat(v.subtract(Value.of(AssetId.SWR, 5)).amounts()).containsOnlyKeys(AssetId.AIC);
    assertThatThrownBy(() -> v.subtract(Value.of(AssetId.USDT, 1)))
        .isInstanceOf(Amount.AmountOverflowException.class);
    assertThat(v.covers(Value.of(AssetId.SWR, 5))).isTrue();
    assertThat(v.covers(Value.of(AssetId.SWR, 6))).isFalse();
  }
}
