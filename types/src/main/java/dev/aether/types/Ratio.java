package dev.aether.types;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact non-negative fraction {@code numerator/denominator} in lowest terms. Consensus and fee
 * parameters such as {@code tau = 0.8} or {@code quorum = "2/3"} are ratios, never floats, so every
 * node computes with them identically.
 */
public record Ratio(long numerator, long denominator) implements Comparable<Ratio> {
  public Ratio {
    if (numerator < 0 || denominator <= 0) {
      throw new IllegalArgumentException(
          "ratio needs numerator >= 0 and denominator > 0, got " + numerator + "/" + denominator);
    }
    long g = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValue();
    if (g > 1) {
      numerator /= g;
      denominator /= g;
    }
  }

  /**
   * Parses {@code "2/3"}, a decimal such as {@code "0.05"} or {@code "0.00001"}, or an integer.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Ratio parse(String text) {
    String s = text.strip();
    try {
      int slash = s.indexOf('/');
      if (slash >= 0) {
        return new Ratio(
            Long.parseLong(s.substring(0, slash).strip()),
            Long.parseLong(s.substring(slash + 1).strip()));
      }
      return of(new BigDecimal(s));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a fraction or decimal: '" + text + "'");
    }
  }

  /** The exact value of a decimal, e.g. 0.8 = 4/5. */
  public static Ratio of(BigDecimal d) {
    if (d.signum() < 0) {
      throw new IllegalArgumentException("negative ratio " + d.toPlainString());
    }
    BigDecimal stripped = d.stripTrailingZeros();
    int scale = Math.max(0, stripped.scale());
    BigInteger num = stripped.movePointRight(scale).toBigIntegerExact();
    BigInteger den = BigInteger.TEN.pow(scale);
    return new Ratio(num.longValueExact(), den.longValueExact());
  }

  /** {@code floor(value * this)}, exact for any u128 value. */
  public BigInteger applyFloor(BigInteger value) {
    return value.multiply(BigInteger.valueOf(numerator)).divide(BigInteger.valueOf(denominator));
  }

  public boolean isAtMostOne() {
    return numerator <= denominator;
  }

  @Override
  public int compareTo(Ratio o) {
    return BigInteger.valueOf(numerator)
        .multiply(BigInteger.valueOf(o.denominator))
        .compareTo(BigInteger.valueOf(o.numerator).multiply(BigInteger.valueOf(denominator)));
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
