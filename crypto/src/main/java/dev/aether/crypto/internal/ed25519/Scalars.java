package dev.aether.crypto.internal.ed25519;

import java.math.BigInteger;

/**
 * Scalars modulo the group order {@code L = 2^252 + 27742317777372353535851937790883648493}, as
 * 32-byte little-endian strings. Reduction uses BigInteger: it is a small share of any operation's
 * cost here, and simple to check. Inputs to these helpers are public or already masked by hashing
 * (signing nonces); see docs/crypto.md for the timing note.
 */
public final class Scalars {

  /** The prime order of the base point. */
  public static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private Scalars() {}

  /** Little-endian bytes to an unsigned integer. */
  public static BigInteger fromLe(final byte[] le) {
    final byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  /** A non-negative integer below 2^256 as 32 bytes little-endian. */
  public static byte[] toLe32(final BigInteger v) {
    final byte[] be = v.toByteArray();
    final byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** {@code le mod L} for any length (e.g. a 64-byte SHA-512 output). */
  public static byte[] reduce(final byte[] le) {
    return toLe32(fromLe(le).mod(L));
  }

  /** {@code (a * b + c) mod L}. */
  public static byte[] mulAdd(final byte[] a, final byte[] b, final byte[] c) {
    return toLe32(fromLe(a).multiply(fromLe(b)).add(fromLe(c)).mod(L));
  }

  /** {@code (a * b) mod L}. */
  public static byte[] mul(final byte[] a, final byte[] b) {
    return toLe32(fromLe(a).multiply(fromLe(b)).mod(L));
  }

  /** {@code (a + b) mod L}. */
  public static byte[] add(final byte[] a, final byte[] b) {
    return toLe32(fromLe(a).add(fromLe(b)).mod(L));
  }

  /** True when the 32-byte little-endian value is below L (RFC 8032's {@code S < L}). */
  public static boolean isCanonical(final byte[] s) {
    return s.length == 32 && fromLe(s).compareTo(L) < 0;
  }

  /**
   * Signed radix-16 digits {@code e[0..63]} in {@code [-8, 8]} with {@code k = sum e[i] 16^i},
   * computed without branching on {@code k} (k below 2^255).
   */
  static byte[] radix16(final byte[] k) {
    final byte[] e = new byte[64];
    for (int i = 0; i < 32; i++) {
      e[2 * i] = (byte) (k[i] & 15);
      e[2 * i + 1] = (byte) ((k[i] >> 4) & 15);
    }
    int carry = 0;
    for (int i = 0; i < 63; i++) {
      e[i] += (byte) carry;
      carry = (e[i] + 8) >> 4;
      e[i] -= (byte) (carry << 4);
    }
    e[63] += (byte) carry;
    return e;
  }

  /**
   * Sliding-window signed digits (ref10's "slide"): 257 digits, each zero or odd with {@code |d| <
   * 2^(w-1)}, and {@code k = sum d[i] 2^i}. Variable time; public scalars only (k below 2^255).
   */
  static byte[] naf(final byte[] k, final int w) {
    final int max = (1 << (w - 1)) - 1;
    final int[] r = new int[257];
    for (int i = 0; i < 256; i++) {
      r[i] = (k[i >> 3] >> (i & 7)) & 1;
    }
    for (int i = 0; i < 257; i++) {
      if (r[i] == 0) {
        continue;
      }
      for (int b = 1; b < w + 2 && i + b < 257; b++) {
        if (r[i + b] == 0) {
          continue;
        }
        final int shifted = r[i + b] << b;
        if (r[i] + shifted <= max) {
          r[i] += shifted;
          r[i + b] = 0;
        } else if (r[i] - shifted >= -max) {
          r[i] -= shifted;
          for (int j = i + b; j < 257; j++) {
            if (r[j] == 0) {
              r[j] = 1;
              break;
            }
            r[j] = 0;
          }
        } else {
          break;
        }
      }
    }
    final byte[] out = new byte[257];
    for (int i = 0; i < 257; i++) {
      out[i] = (byte) r[i];
    }
    return out;
  }
}
