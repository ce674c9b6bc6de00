package dev.aether.compute.trace;

import java.math.BigInteger;

/**
 * Maps step hashes into the BLS12-381 scalar field.
 *
 * <p>{@code leaf = SHA-256(canonical tensor bytes)} read as a 256-bit big-endian integer, reduced
 * mod {@code r}, written back as 32 bytes big-endian (the KZG library's field-element encoding).
 * Since {@code r ≈ 2^254.86}, reduction folds about 3.5 hash values onto each leaf; collisions
 * between distinct tensors still need about {@code 2^127} work, the bar BLS12-381 sets anyway.
 */
public final class FieldElements {
  /** The BLS12-381 scalar field modulus r. */
  public static final BigInteger MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** Bytes per encoded field element. */
  public static final int BYTES = 32;

  private FieldElements() {}

  /** {@code digest mod r} as 32 big-endian bytes. */
  public static byte[] fromDigest(byte[] digest) {
    return toBytes(new BigInteger(1, digest).mod(MODULUS));
  }

  /** A field element as 32 big-endian bytes. */
  public static byte[] toBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[BYTES];
    int len = Math.min(raw.length, BYTES);
    System.arraycopy(raw, raw.length - len, out, BYTES - len, len);
    return out;
  }
}
