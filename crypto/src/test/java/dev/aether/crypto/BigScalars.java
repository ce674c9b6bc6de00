package dev.aether.crypto;

import java.math.BigInteger;

/** BigInteger reference for scalars mod L, for tests only (production code uses Scalars). */
final class BigScalars {

  /** The prime order of the edwards25519 base point. */
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private BigScalars() {}

  /** Little-endian bytes to an unsigned integer. */
  static BigInteger fromLe(final byte[] le) {
    final byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  /** A non-negative integer below 2^256 as 32 bytes little-endian. */
  static byte[] toLe32(final BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not in [0, 2^256): " + v);
    }
    final byte[] be = v.toByteArray();
    final byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}
