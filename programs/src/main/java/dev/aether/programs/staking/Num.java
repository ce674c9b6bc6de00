package dev.aether.programs.staking;

import dev.aether.types.Amount;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;

/** Exact arithmetic and canonical encodings for the program's unbounded integers. */
final class Num {
  /** Shares minted per base unit when a pool (or unbonding bucket) is empty. */
  static final BigInteger SHARES_PER_UNIT = BigInteger.TEN.pow(18);

  /** Fixed-point scale of the reward accumulator ({@code reward per share × ACC_SCALE}). */
  static final BigInteger ACC_SCALE = BigInteger.ONE.shiftLeft(192);

  /** Longest encoded magnitude: far above any reachable value, so a corrupt length fails. */
  private static final int MAX_BYTES = 96;

  private Num() {}

  /** Writes a non-negative integer as its minimal big-endian magnitude (length-prefixed). */
  static void write(BigInteger v, Writer out) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("negative " + v);
    }
    byte[] raw = v.toByteArray();
    int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    if (v.signum() == 0) {
      out.bytes(new byte[0]);
      return;
    }
    byte[] mag = java.util.Arrays.copyOfRange(raw, skip, raw.length);
    out.bytes(mag);
  }

  /** Reads what {@link #write} wrote; rejects leading zero bytes (one encoding per value). */
  static BigInteger read(Reader in, String what) {
    byte[] mag = in.bytes(what, MAX_BYTES);
    if (mag.length > 0 && mag[0] == 0) {
      throw new CodecException.NonCanonical(what + ": leading zero byte");
    }
    return new BigInteger(1, mag);
  }

  static BigInteger big(Amount a) {
    return a.value();
  }

  static Amount amount(BigInteger v) {
    return new Amount(v);
  }

  /** {@code floor(a × b / c)}. */
  static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger c) {
    return a.multiply(b).divide(c);
  }

  /** {@code ceil(a × b / c)}. */
  static BigInteger mulDivCeil(BigInteger a, BigInteger b, BigInteger c) {
    BigInteger[] qr = a.multiply(b).divideAndRemainder(c);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
