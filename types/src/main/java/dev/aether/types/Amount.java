package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;

/**
 * An unsigned 128-bit quantity of an asset. Arithmetic that would leave {@code [0, 2^128)} throws
 * {@link AmountOverflowException}; it never wraps.
 */
public record Amount(BigInteger value) implements Comparable<Amount> {
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  public static final Amount ZERO = new Amount(BigInteger.ZERO);
  public static final Amount MAX = new Amount(MAX_VALUE);
  static final int BYTES = 16;

  public static final Codec<Amount> CODEC =
      new Codec<>() {
        @Override
        public void write(Amount a, Writer out) {
          byte[] raw = a.value.toByteArray(); // big-endian two's complement, maybe a sign byte
          byte[] fixed = new byte[BYTES];
          int n = Math.min(raw.length, BYTES);
          System.arraycopy(raw, raw.length - n, fixed, BYTES - n, n);
          out.fixed(fixed);
        }

        @Override
        public Amount read(Reader in) {
          return new Amount(new BigInteger(1, in.fixed("Amount", BYTES)));
        }
      };

  public Amount {
    java.util.Objects.requireNonNull(value, "value");
    if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
      throw new AmountOverflowException("amount out of u128 range: " + value);
    }
  }

  public static Amount of(long v) {
    if (v < 0) {
      throw new AmountOverflowException("negative amount " + v);
    }
    return new Amount(BigInteger.valueOf(v));
  }

  /** Parses a base-10 integer, accepting {@code _} digit separators. */
  public static Amount parse(String s) {
    String digits = s.replace("_", "");
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not an unsigned integer: '" + s + "'");
    }
    return new Amount(new BigInteger(digits));
  }

  public Amount add(Amount o) {
    return new Amount(value.add(o.value));
  }

  public Amount subtract(Amount o) {
    return new Amount(value.subtract(o.value));
  }

  public Amount multiply(long factor) {
    return new Amount(value.multiply(BigInteger.valueOf(factor)));
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public long longValueExact() {
    return value.longValueExact();
  }

  @Override
  public int compareTo(Amount o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }

  /** An amount left the unsigned 128-bit range. */
  public static final class AmountOverflowException extends ArithmeticException {
    public AmountOverflowException(String message) {
      super(message);
    }
  }
}
