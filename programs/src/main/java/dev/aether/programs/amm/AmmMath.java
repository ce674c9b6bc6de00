package dev.aether.programs.amm;

import dev.aether.types.Amount;
import java.math.BigInteger;

/**
 * The AMM's arithmetic, exactly as the brief writes it, in unsigned integers: inputs are u128,
 * intermediate products are computed in wider integers (never overflowing), and any result that
 * does not fit in u128 — an output, a new reserve, a share supply — is refused with {@link
 * AmmError#OVERFLOW}, never wrapped. Every division rounds in the pool's favour. Pure functions, no
 * state: the program, the RPC quote and {@code aetherctl amm quote} all call these.
 */
public final class AmmMath {
  /** Basis points in one. */
  public static final BigInteger BPS = BigInteger.valueOf(10_000);

  /**
   * LP shares locked forever when a pool is first funded (Uniswap v2's {@code MINIMUM_LIQUIDITY}):
   * the first depositor cannot make one share worth so much that later deposits round to nothing.
   */
  public static final BigInteger MINIMUM_LIQUIDITY = BigInteger.valueOf(1_000);

  /** Fixed-point scale of the price accumulators ({@code price · 2^112}, as Uniswap v2's UQ112). */
  public static final int PRICE_SCALE_BITS = 112;

  private static final BigInteger U128_MAX = Amount.MAX_VALUE;

  private AmmMath() {}

  /**
   * Output of an exact-input swap: {@code dx_fee = floor(dx·(10000 − fee_bps)/10000); dy =
   * floor(dx_fee·y / (x + dx_fee))}.
   *
   * @param dx amount in (u128; 0 gives 0)
   * @param x reserve of the input asset (u128, positive)
   * @param y reserve of the output asset (u128, positive)
   * @param feeBps 0..9999
   * @throws dev.aether.ledger.LedgerException {@link AmmError#INSUFFICIENT_LIQUIDITY} for an empty
   *     reserve, {@link AmmError#OVERFLOW} when the input reserve {@code x + dx} would not fit
   */
  public static BigInteger amountOut(BigInteger dx, BigInteger x, BigInteger y, int feeBps) {
    checkU128(dx, "amount in");
    checkReserves(x, y);
    checkFee(feeBps);
    fitsU128(x.add(dx), "reserve in + amount in");
    BigInteger dxFee = dx.multiply(BPS.subtract(BigInteger.valueOf(feeBps))).divide(BPS);
    return dxFee.multiply(y).divide(x.add(dxFee));
  }

  /**
   * Input of an exact-output swap: the smallest {@code dx} with {@link #amountOut}{@code (dx) ≥
   * dy}. From {@code floor(dx_fee·y/(x+dx_fee)) ≥ dy ⇔ dx_fee ≥ ceil(dy·x/(y − dy))} and {@code
   * floor(dx·(10000−f)/10000) ≥ m ⇔ dx ≥ ceil(m·10000/(10000−f))}.
   *
   * @param dy amount out (u128, positive, below {@code y})
   * @throws dev.aether.ledger.LedgerException {@link AmmError#INSUFFICIENT_LIQUIDITY} when {@code
   *     dy ≥ y} or a reserve is empty, {@link AmmError#OVERFLOW} when {@code dx} or {@code x + dx}
   *     would not fit in u128
   */
  public static BigInteger amountIn(BigInteger dy, BigInteger x, BigInteger y, int feeBps) {
    checkU128(dy, "amount out");
    checkReserves(x, y);
    checkFee(feeBps);
    if (dy.signum() == 0) {
      throw AmmError.ZERO_AMOUNT.refuse("amount out is 0");
    }
    if (dy.compareTo(y) >= 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY.refuse(
          "amount out " + dy + " is not below the reserve " + y);
    }
    BigInteger m = ceilDiv(dy.multiply(x), y.subtract(dy));
    BigInteger dx = ceilDiv(m.multiply(BPS), BPS.subtract(BigInteger.valueOf(feeBps)));
    fitsU128(dx, "amount in");
    fitsU128(x.add(dx), "reserve in + amount in");
    return dx;
  }

  /**
   * LP shares minted for the first deposit into an empty pool: {@code floor(sqrt(a·b))}, of which
   * {@link #MINIMUM_LIQUIDITY} are locked; the depositor gets the rest, which must be positive.
   */
  public static BigInteger initialShares(BigInteger a, BigInteger b) {
    checkU128(a, "amount a");
    checkU128(b, "amount b");
    BigInteger root = a.multiply(b).sqrt();
    if (root.compareTo(MINIMUM_LIQUIDITY) <= 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY_MINTED.refuse(
          "sqrt(a·b) = " + root + " must exceed the locked minimum " + MINIMUM_LIQUIDITY);
    }
    return root.subtract(MINIMUM_LIQUIDITY);
  }

  /** A proportional deposit's amounts: what is used of each desired amount (the rest stays). */
  public record Deposit(BigInteger a, BigInteger b) {}

  /**
   * The amounts of a deposit into a funded pool (Uniswap v2's router): all of {@code desiredA} and
   * {@code floor(desiredA·rB/rA)} of b if that is at most {@code desiredB}, else all of {@code
   * desiredB} and {@code floor(desiredB·rA/rB)} of a. The excess of the other asset is not taken.
   */
  public static Deposit proportional(
      BigInteger desiredA, BigInteger desiredB, BigInteger rA, BigInteger rB) {
    checkU128(desiredA, "amount a");
    checkU128(desiredB, "amount b");
    checkReserves(rA, rB);
    BigInteger bOptimal = desiredA.multiply(rB).divide(rA);
    if (bOptimal.compareTo(desiredB) <= 0) {
      return new Deposit(desiredA, bOptimal);
    }
    BigInteger aOptimal = desiredB.multiply(rA).divide(rB);
    return new Deposit(aOptimal, desiredB);
  }

  /**
   * Shares minted for depositing {@code a} and {@code b} into a pool with reserves {@code rA, rB}
   * and {@code supply} shares: {@code min(floor(a·S/rA), floor(b·S/rB))}.
   */
  public static BigInteger sharesFor(
      BigInteger a, BigInteger b, BigInteger rA, BigInteger rB, BigInteger supply) {
    checkReserves(rA, rB);
    BigInteger s = a.multiply(supply).divide(rA).min(b.multiply(supply).divide(rB));
    fitsU128(supply.add(s), "LP supply");
    return s;
  }

  /**
   * What burning {@code shares} of {@code supply} pays from a reserve: {@code floor(shares·r/S)}.
   */
  public static BigInteger withdrawn(BigInteger shares, BigInteger reserve, BigInteger supply) {
    if (supply.signum() == 0 || shares.compareTo(supply) > 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY.refuse("burning " + shares + " of " + supply);
    }
    return shares.multiply(reserve).divide(supply);
  }

  /**
   * The price of one unit of the reserve {@code x}'s asset in the other's, as a UQ112 fixed-point
   * number: {@code floor(y · 2^112 / x)} (0 for an empty pool).
   */
  public static BigInteger price(BigInteger x, BigInteger y) {
    if (x.signum() == 0 || y.signum() == 0) {
      return BigInteger.ZERO;
    }
    return y.shiftLeft(PRICE_SCALE_BITS).divide(x);
  }

  /** Refuses a value outside u128. */
  public static BigInteger fitsU128(BigInteger v, String what) {
    if (v.signum() < 0 || v.compareTo(U128_MAX) > 0) {
      throw AmmError.OVERFLOW.refuse(what + " = " + v + " does not fit in u128");
    }
    return v;
  }

  private static void checkU128(BigInteger v, String what) {
    if (v.signum() < 0 || v.compareTo(U128_MAX) > 0) {
      throw AmmError.OVERFLOW.refuse(what + " " + v + " is not a u128");
    }
  }

  private static void checkReserves(BigInteger x, BigInteger y) {
    checkU128(x, "reserve");
    checkU128(y, "reserve");
    if (x.signum() == 0 || y.signum() == 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY.refuse("a reserve is empty");
    }
  }

  private static void checkFee(int feeBps) {
    if (feeBps < 0 || feeBps >= 10_000) {
      throw AmmError.FEE_OUT_OF_RANGE.refuse("fee_bps " + feeBps);
    }
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
