package dev.aether.programs.amm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link AmmMath} against an independent reference written here in plain BigInteger arithmetic: the
 * output formula computed literally, and the exact-output inverse found by binary search over the
 * output formula (not by the closed form the implementation uses). Every edge input — 0, 1, around
 * the locked minimum, 2^64, 2^127, 2^128 − 2, 2^128 − 1 — in every combination, and random inputs
 * of every bit length, with every fee class.
 */
class AmmMathTest {
  static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  static final BigInteger TEN_K = BigInteger.valueOf(10_000);
  static final int[] FEES = {0, 1, 30, 9_999};

  static final List<BigInteger> EDGES =
      List.of(
          BigInteger.ZERO,
          BigInteger.ONE,
          BigInteger.TWO,
          BigInteger.valueOf(3),
          BigInteger.valueOf(999),
          BigInteger.valueOf(1_000),
          BigInteger.valueOf(1_001),
          BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(64),
          BigInteger.ONE.shiftLeft(127),
          MAX.subtract(BigInteger.ONE),
          MAX);

  /** What the reference says: a value, or the name of the refusal. */
  record Outcome(BigInteger value, String error) {
    static Outcome ok(BigInteger v) {
      return new Outcome(v, null);
    }

    static Outcome err(String e) {
      return new Outcome(null, e);
    }
  }

  // ---------------------------------------------------------------- the reference

  static Outcome refOut(BigInteger dx, BigInteger x, BigInteger y, int fee) {
    if (x.signum() == 0 || y.signum() == 0) {
      return Outcome.err("amm.insufficient_liquidity");
    }
    if (x.add(dx).compareTo(MAX) > 0) {
      return Outcome.err("amm.overflow");
    }
    BigInteger withFee = dx.multiply(TEN_K.subtract(BigInteger.valueOf(fee))).divide(TEN_K);
    return Outcome.ok(withFee.multiply(y).divide(x.add(withFee)));
  }

  static Outcome refIn(BigInteger dy, BigInteger x, BigInteger y, int fee) {
    if (x.signum() == 0 || y.signum() == 0) {
      return Outcome.err("amm.insufficient_liquidity");
    }
    if (dy.signum() == 0) {
      return Outcome.err("amm.zero_amount");
    }
    if (dy.compareTo(y) >= 0) {
      return Outcome.err("amm.insufficient_liquidity");
    }
    BigInteger hi = MAX.subtract(x); // the largest input whose reserve still fits
    if (hi.signum() == 0 || refOut(hi, x, y, fee).value().compareTo(dy) < 0) {
      return Outcome.err("amm.overflow");
    }
    BigInteger lo = BigInteger.ONE;
    while (lo.compareTo(hi) < 0) {
      BigInteger mid = lo.add(hi).shiftRight(1);
      if (refOut(mid, x, y, fee).value().compareTo(dy) >= 0) {
        hi = mid;
      } else {
        lo = mid.add(BigInteger.ONE);
      }
    }
    return Outcome.ok(lo);
  }

  static Outcome actualOut(BigInteger dx, BigInteger x, BigInteger y, int fee) {
    try {
      return Outcome.ok(AmmMath.amountOut(dx, x, y, fee));
    } catch (LedgerException e) {
      return Outcome.err(e.error().code());
    }
  }

  static Outcome actualIn(BigInteger dy, BigInteger x, BigInteger y, int fee) {
    try {
      return Outcome.ok(AmmMath.amountIn(dy, x, y, fee));
    } catch (LedgerException e) {
      return Outcome.err(e.error().code());
    }
  }

  // ---------------------------------------------------------------- comparisons

  @Test
  void exactInputMatchesTheReferenceOnEveryEdgeCombination() {
    int checked = 0;
    for (BigInteger dx : EDGES) {
      for (BigInteger x : EDGES) {
        for (BigInteger y : EDGES) {
          for (int fee : FEES) {
            assertThat(actualOut(dx, x, y, fee))
                .as("out(%s, %s, %s, %d)", dx, x, y, fee)
                .isEqualTo(refOut(dx, x, y, fee));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(12 * 12 * 12 * 4);
  }

  @Test
  void exactOutputMatchesTheSearchedInverseOnEveryEdgeCombination() {
    for (BigInteger dy : EDGES) {
      for (BigInteger x : EDGES) {
        for (BigInteger y : EDGES) {
          for (int fee : FEES) {
            assertThat(actualIn(dy, x, y, fee))
                .as("in(%s, %s, %s, %d)", dy, x, y, fee)
                .isEqualTo(refIn(dy, x, y, fee));
          }
        }
      }
    }
  }

  @Test
  void randomInputsOfEveryBitLengthMatchTheReference() {
    SplittableRandom rnd = new SplittableRandom(20);
    int outs = 0;
    int ins = 0;
    for (int i = 0; i < 4_000; i++) {
      BigInteger a = random(rnd);
      BigInteger x = random(rnd);
      BigInteger y = random(rnd);
      int fee = rnd.nextInt(4) == 0 ? FEES[rnd.nextInt(FEES.length)] : rnd.nextInt(10_000);
      Outcome out = refOut(a, x, y, fee);
      assertThat(actualOut(a, x, y, fee)).as("out(%s,%s,%s,%d)", a, x, y, fee).isEqualTo(out);
      if (out.value() != null) {
        outs++;
        checkPoolFavoured(a, out.value(), x, y, fee);
      }
      BigInteger dy = y.signum() == 0 ? a : a.mod(y.add(BigInteger.ONE));
      Outcome in = refIn(dy, x, y, fee);
      assertThat(actualIn(dy, x, y, fee)).as("in(%s,%s,%s,%d)", dy, x, y, fee).isEqualTo(in);
      if (in.value() != null) {
        ins++;
        checkMinimal(in.value(), dy, x, y, fee);
      }
    }
    // the random inputs did reach both successes and refusals
    assertThat(outs).isGreaterThan(1_000);
    assertThat(ins).isGreaterThan(500);
  }

  /** Rounds in the pool's favour: never more than the exact rational output, and x·y grows. */
  static void checkPoolFavoured(BigInteger dx, BigInteger dy, BigInteger x, BigInteger y, int fee) {
    BigInteger withFee = dx.multiply(TEN_K.subtract(BigInteger.valueOf(fee))).divide(TEN_K);
    // dy ≤ dx_fee·y / (x + dx_fee) exactly (no rounding up anywhere)
    assertThat(dy.multiply(x.add(withFee))).isLessThanOrEqualTo(withFee.multiply(y));
    // and never more than a fee-free trade would pay
    assertThat(dy.multiply(x.add(dx))).isLessThanOrEqualTo(dx.multiply(y));
    // x·y never decreases
    assertThat(x.add(dx).multiply(y.subtract(dy))).isGreaterThanOrEqualTo(x.multiply(y));
  }

  /** The inverse is the smallest input that yields at least {@code dy}. */
  static void checkMinimal(BigInteger dx, BigInteger dy, BigInteger x, BigInteger y, int fee) {
    assertThat(AmmMath.amountOut(dx, x, y, fee)).isGreaterThanOrEqualTo(dy);
    assertThat(AmmMath.amountOut(dx.subtract(BigInteger.ONE), x, y, fee)).isLessThan(dy);
    assertThat(x.add(dx).multiply(y.subtract(dy))).isGreaterThanOrEqualTo(x.multiply(y));
  }

  static BigInteger random(SplittableRandom rnd) {
    int bits = rnd.nextInt(129);
    BigInteger v = new BigInteger(bits, new java.util.Random(rnd.nextLong()));
    return switch (rnd.nextInt(10)) {
      case 0 -> MAX.subtract(v.shiftRight(rnd.nextInt(129)));
      case 1 -> BigInteger.valueOf(rnd.nextInt(3));
      default -> v;
    };
  }

  // ---------------------------------------------------------------- refusals and shares

  @Test
  void resultsThatDoNotFitAreRefusedNeverWrapped() {
    // A reserve that would pass u128.
    assertThatThrownBy(() -> AmmMath.amountOut(BigInteger.ONE, MAX, BigInteger.TEN, 30))
        .isInstanceOf(LedgerException.class)
        .satisfies(e -> assertCode(e, "amm.overflow"));
    // An exact output that needs more input than fits.
    assertThatThrownBy(
            () -> AmmMath.amountIn(MAX.subtract(BigInteger.ONE), MAX.shiftRight(1), MAX, 30))
        .satisfies(e -> assertCode(e, "amm.overflow"));
    // Inputs outside u128.
    assertThatThrownBy(
            () -> AmmMath.amountOut(MAX.add(BigInteger.ONE), BigInteger.TEN, BigInteger.TEN, 30))
        .satisfies(e -> assertCode(e, "amm.overflow"));
    assertThatThrownBy(
            () -> AmmMath.amountOut(BigInteger.ONE.negate(), BigInteger.TEN, BigInteger.TEN, 30))
        .satisfies(e -> assertCode(e, "amm.overflow"));
    // Fee out of range.
    assertThatThrownBy(
            () -> AmmMath.amountOut(BigInteger.ONE, BigInteger.TEN, BigInteger.TEN, 10_000))
        .satisfies(e -> assertCode(e, "amm.fee_out_of_range"));
    // The largest trade that fits is computed exactly: intermediates reach 2^256.
    BigInteger out = AmmMath.amountOut(BigInteger.ONE, MAX.subtract(BigInteger.ONE), MAX, 0);
    assertThat(out).isEqualTo(BigInteger.ONE); // floor(MAX / MAX) after the input
  }

  @Test
  void initialSharesAreTheFlooredGeometricMeanLessTheLockedMinimum() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      BigInteger a = random(rnd).max(BigInteger.ONE);
      BigInteger b = random(rnd).max(BigInteger.ONE);
      BigInteger root = a.multiply(b).sqrt();
      if (root.compareTo(AmmMath.MINIMUM_LIQUIDITY) <= 0) {
        assertThatThrownBy(() -> AmmMath.initialShares(a, b))
            .satisfies(e -> assertCode(e, "amm.insufficient_liquidity_minted"));
        continue;
      }
      BigInteger s = AmmMath.initialShares(a, b).add(AmmMath.MINIMUM_LIQUIDITY);
      assertThat(s.multiply(s)).isLessThanOrEqualTo(a.multiply(b));
      BigInteger next = s.add(BigInteger.ONE);
      assertThat(next.multiply(next)).isGreaterThan(a.multiply(b));
    }
    // the boundary: sqrt = 1000 mints nothing for the depositor, 1001 mints one share
    assertThatThrownBy(
            () -> AmmMath.initialShares(BigInteger.valueOf(1000), BigInteger.valueOf(1000)))
        .satisfies(e -> assertCode(e, "amm.insufficient_liquidity_minted"));
    assertThat(AmmMath.initialShares(BigInteger.valueOf(1001), BigInteger.valueOf(1001)))
        .isEqualTo(BigInteger.ONE);
    assertThat(AmmMath.initialShares(MAX, MAX)).isEqualTo(MAX.subtract(AmmMath.MINIMUM_LIQUIDITY));
  }

  @Test
  void proportionalDepositsTakeOneSideWholeAndNeverMoreThanOffered() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      BigInteger rA = random(rnd).max(BigInteger.ONE);
      BigInteger rB = random(rnd).max(BigInteger.ONE);
      BigInteger dA = random(rnd);
      BigInteger dB = random(rnd);
      AmmMath.Deposit d = AmmMath.proportional(dA, dB, rA, rB);
      assertThat(d.a()).isLessThanOrEqualTo(dA);
      assertThat(d.b()).isLessThanOrEqualTo(dB);
      assertThat(d.a().equals(dA) || d.b().equals(dB)).isTrue();
      // never more of b per a than the pool's price (the depositor's excess stays with them)
      assertThat(d.b().multiply(rA)).isLessThanOrEqualTo(d.a().multiply(rB).add(rA.max(rB)));
    }
  }

  @Test
  void theInvariantGuardCatchesAnOutputRoundedUp() {
    // A deliberately broken formula (rounding the output up instead of down) would lower x·y on
    // this trade; the guard that settles every hop refuses it.
    BigInteger x = BigInteger.valueOf(1_000_003);
    BigInteger y = BigInteger.valueOf(2_000_011);
    BigInteger dx = BigInteger.valueOf(12_345);
    BigInteger exact = AmmMath.amountOut(dx, x, y, 0);
    BigInteger roundedUp = exact.add(BigInteger.ONE);
    Amm.checkInvariant(x, y, x.add(dx), y.subtract(exact)); // the real output passes
    assertThatThrownBy(() -> Amm.checkInvariant(x, y, x.add(dx), y.subtract(roundedUp)))
        .satisfies(e -> assertCode(e, "amm.invariant_violated"));
    // and emptying a reserve is refused whatever the product says
    assertThatThrownBy(() -> Amm.checkInvariant(x, y, x.multiply(y), BigInteger.ZERO))
        .satisfies(e -> assertCode(e, "amm.invariant_violated"));
  }

  static void assertCode(Throwable e, String code) {
    assertThat(e).isInstanceOf(LedgerException.class);
    LedgerError err = ((LedgerException) e).error();
    assertThat(err.code()).isEqualTo(code);
    assertThat(err.number()).isBetween(AmmError.FIRST, AmmError.LAST);
  }

  @Test
  void errorNumbersAreUniqueAndInTheAmmRange() {
    List<Integer> seen = new ArrayList<>();
    for (AmmError e : AmmError.values()) {
      assertThat(e.number()).isBetween(AmmError.FIRST, AmmError.LAST);
      assertThat(seen).doesNotContain(e.number());
      seen.add(e.number());
      assertThat(AmmError.ofNumber(e.number())).contains(e);
    }
  }
}
