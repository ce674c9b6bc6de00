package dev.aether.crypto.internal.ed25519;

import java.util.Arrays;

/**
 * Arithmetic in GF(2^255 - 19), hand-written because no maintained Java library exposes it (see
 * docs/crypto.md). An element is a {@code long[10]} in radix 2^25.5 (limbs of 26, 25, 26, ... bits,
 * as in the ref10 reference code), little-endian. Every operation leaves its result carried, so
 * limbs stay below about 2^26 in magnitude and no product can overflow a long.
 *
 * <p>Operations write into a caller-supplied output array (which may alias an input); the class
 * holds no state. Arithmetic does not branch on element values; the encoding helpers ({@link
 * #toBytes} and the predicates built on it) do, and are used only on values about to be published
 * or compared in public verification.
 */
public final class Field {

  private Field() {}

  /** A new zero element. */
  public static long[] zero() {
    return new long[10];
  }

  /** A new element equal to {@code v} (small, non-negative). */
  public static long[] of(final int v) {
    final long[] r = new long[10];
    r[0] = v;
    return r;
  }

  public static void set(final long[] h, final long[] f) {
    System.arraycopy(f, 0, h, 0, 10);
  }

  public static void add(final long[] h, final long[] f, final long[] g) {
    for (int i = 0; i < 10; i++) {
      h[i] = f[i] + g[i];
    }
    carry(h);
  }

  public static void sub(final long[] h, final long[] f, final long[] g) {
    for (int i = 0; i < 10; i++) {
      h[i] = f[i] - g[i];
    }
    carry(h);
  }

  public static void neg(final long[] h, final long[] f) {
    for (int i = 0; i < 10; i++) {
      h[i] = -f[i];
    }
    carry(h);
  }

  /** Carries limbs into range (floor division, so negative limbs are handled). */
  static void carry(final long[] h) {
    long c;
    c = h[0] >> 26;
    h[1] += c;
    h[0] -= c << 26;
    c = h[4] >> 26;
    h[5] += c;
    h[4] -= c << 26;
    c = h[1] >> 25;
    h[2] += c;
    h[1] -= c << 25;
    c = h[5] >> 25;
    h[6] += c;
    h[5] -= c << 25;
    c = h[2] >> 26;
    h[3] += c;
    h[2] -= c << 26;
    c = h[6] >> 26;
    h[7] += c;
    h[6] -= c << 26;
    c = h[3] >> 25;
    h[4] += c;
    h[3] -= c << 25;
    c = h[7] >> 25;
    h[8] += c;
    h[7] -= c << 25;
    c = h[4] >> 26;
    h[5] += c;
    h[4] -= c << 26;
    c = h[8] >> 26;
    h[9] += c;
    h[8] -= c << 26;
    c = h[9] >> 25;
    h[9] -= c << 25;
    h[0] += 19 * c;
    c = h[0] >> 26;
    h[1] += c;
    h[0] -= c << 26;
  }

  public static void mul(final long[] h, final long[] f, final long[] g) {
    final long f0 = f[0];
    final long f1 = f[1];
    final long f2 = f[2];
    final long f3 = f[3];
    final long f4 = f[4];
    final long f5 = f[5];
    final long f6 = f[6];
    final long f7 = f[7];
    final long f8 = f[8];
    final long f9 = f[9];
    final long g0 = g[0];
    final long g1 = g[1];
    final long g2 = g[2];
    final long g3 = g[3];
    final long g4 = g[4];
    final long g5 = g[5];
    final long g6 = g[6];
    final long g7 = g[7];
    final long g8 = g[8];
    final long g9 = g[9];
    long h0 =
        f0 * g0
            + 38L * f1 * g9
            + 19L * f2 * g8
            + 38L * f3 * g7
            + 19L * f4 * g6
            + 38L * f5 * g5
            + 19L * f6 * g4
            + 38L * f7 * g3
            + 19L * f8 * g2
            + 38L * f9 * g1;
    long h1 =
        f0 * g1
            + f1 * g0
            + 19L * f2 * g9
            + 19L * f3 * g8
            + 19L * f4 * g7
            + 19L * f5 * g6
            + 19L * f6 * g5
            + 19L * f7 * g4
            + 19L * f8 * g3
            + 19L * f9 * g2;
    long h2 =
        f0 * g2
            + 2L * f1 * g1
            + f2 * g0
            + 38L * f3 * g9
            + 19L * f4 * g8
            + 38L * f5 * g7
            + 19L * f6 * g6
            + 38L * f7 * g5
            + 19L * f8 * g4
            + 38L * f9 * g3;
    long h3 =
        f0 * g3
            + f1 * g2
            + f2 * g1
            + f3 * g0
            + 19L * f4 * g9
            + 19L * f5 * g8
            + 19L * f6 * g7
            + 19L * f7 * g6
            + 19L * f8 * g5
            + 19L * f9 * g4;
    long h4 =
        f0 * g4
            + 2L * f1 * g3
            + f2 * g2
            + 2L * f3 * g1
            + f4 * g0
            + 38L * f5 * g9
            + 19L * f6 * g8
            + 38L * f7 * g7
            + 19L * f8 * g6
            + 38L * f9 * g5;
    long h5 =
        f0 * g5
            + f1 * g4
            + f2 * g3
            + f3 * g2
            + f4 * g1
            + f5 * g0
            + 19L * f6 * g9
            + 19L * f7 * g8
            + 19L * f8 * g7
            + 19L * f9 * g6;
    long h6 =
        f0 * g6
            + 2L * f1 * g5
            + f2 * g4
            + 2L * f3 * g3
            + f4 * g2
            + 2L * f5 * g1
            + f6 * g0
            + 38L * f7 * g9
            + 19L * f8 * g8
            + 38L * f9 * g7;
    long h7 =
        f0 * g7
            + f1 * g6
            + f2 * g5
            + f3 * g4
            + f4 * g3
            + f5 * g2
            + f6 * g1
            + f7 * g0
            + 19L * f8 * g9
            + 19L * f9 * g8;
    long h8 =
        f0 * g8
            + 2L * f1 * g7
            + f2 * g6
            + 2L * f3 * g5
            + f4 * g4
            + 2L * f5 * g3
            + f6 * g2
            + 2L * f7 * g1
            + f8 * g0
            + 38L * f9 * g9;
    long h9 =
        f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1
            + f9 * g0;
    long c;
    c = h0 >> 26;
    h1 += c;
    h0 -= c << 26;
    c = h4 >> 26;
    h5 += c;
    h4 -= c << 26;
    c = h1 >> 25;
    h2 += c;
    h1 -= c << 25;
    c = h5 >> 25;
    h6 += c;
    h5 -= c << 25;
    c = h2 >> 26;
    h3 += c;
    h2 -= c << 26;
    c = h6 >> 26;
    h7 += c;
    h6 -= c << 26;
    c = h3 >> 25;
    h4 += c;
    h3 -= c << 25;
    c = h7 >> 25;
    h8 += c;
    h7 -= c << 25;
    c = h4 >> 26;
    h5 += c;
    h4 -= c << 26;
    c = h8 >> 26;
    h9 += c;
    h8 -= c << 26;
    c = h9 >> 25;
    h9 -= c << 25;
    h0 += 19 * c;
    c = h0 >> 26;
    h1 += c;
    h0 -= c << 26;
    h[0] = h0;
    h[1] = h1;
    h[2] = h2;
    h[3] = h3;
    h[4] = h4;
    h[5] = h5;
    h[6] = h6;
    h[7] = h7;
    h[8] = h8;
    h[9] = h9;
  }

  public static void sq(final long[] h, final long[] f) {
    final long f0 = f[0];
    final long f1 = f[1];
    final long f2 = f[2];
    final long f3 = f[3];
    final long f4 = f[4];
    final long f5 = f[5];
    final long f6 = f[6];
    final long f7 = f[7];
    final long f8 = f[8];
    final long f9 = f[9];
    long h0 =
        f0 * f0 + 76L * f1 * f9 + 38L * f2 * f8 + 76L * f3 * f7 + 38L * f4 * f6 + 38L * f5 * f5;
    long h1 = 2L * f0 * f1 + 38L * f2 * f9 + 38L * f3 * f8 + 38L * f4 * f7 + 38L * f5 * f6;
    long h2 =
        2L * f0 * f2 + 2L * f1 * f1 + 76L * f3 * f9 + 38L * f4 * f8 + 76L * f5 * f7 + 19L * f6 * f6;
    long h3 = 2L * f0 * f3 + 2L * f1 * f2 + 38L * f4 * f9 + 38L * f5 * f8 + 38L * f6 * f7;
    long h4 = 2L * f0 * f4 + 4L * f1 * f3 + f2 * f2 + 76L * f5 * f9 + 38L * f6 * f8 + 38L * f7 * f7;
    long h5 = 2L * f0 * f5 + 2L * f1 * f4 + 2L * f2 * f3 + 38L * f6 * f9 + 38L * f7 * f8;
    long h6 =
        2L * f0 * f6 + 4L * f1 * f5 + 2L * f2 * f4 + 2L * f3 * f3 + 76L * f7 * f9 + 19L * f8 * f8;
    long h7 = 2L * f0 * f7 + 2L * f1 * f6 + 2L * f2 * f5 + 2L * f3 * f4 + 38L * f8 * f9;
    long h8 = 2L * f0 * f8 + 4L * f1 * f7 + 2L * f2 * f6 + 4L * f3 * f5 + f4 * f4 + 38L * f9 * f9;
    long h9 = 2L * f0 * f9 + 2L * f1 * f8 + 2L * f2 * f7 + 2L * f3 * f6 + 2L * f4 * f5;
    long c;
    c = h0 >> 26;
    h1 += c;
    h0 -= c << 26;
    c = h4 >> 26;
    h5 += c;
    h4 -= c << 26;
    c = h1 >> 25;
    h2 += c;
    h1 -= c << 25;
    c = h5 >> 25;
    h6 += c;
    h5 -= c << 25;
    c = h2 >> 26;
    h3 += c;
    h2 -= c << 26;
    c = h6 >> 26;
    h7 += c;
    h6 -= c << 26;
    c = h3 >> 25;
    h4 += c;
    h3 -= c << 25;
    c = h7 >> 25;
    h8 += c;
    h7 -= c << 25;
    c = h4 >> 26;
    h5 += c;
    h4 -= c << 26;
    c = h8 >> 26;
    h9 += c;
    h8 -= c << 26;
    c = h9 >> 25;
    h9 -= c << 25;
    h0 += 19 * c;
    c = h0 >> 26;
    h1 += c;
    h0 -= c << 26;
    h[0] = h0;
    h[1] = h1;
    h[2] = h2;
    h[3] = h3;
    h[4] = h4;
    h[5] = h5;
    h[6] = h6;
    h[7] = h7;
    h[8] = h8;
    h[9] = h9;
  }

  /**
   * Carries until every limb is in {@code [0, 2^bits)}, so the value is in {@code [0, 2^255)}.
   * Branches on the value: used only for encoding, which the callers publish anyway.
   */
  private static void normalize(final long[] h) {
    carry(h);
    while (!inRange(h)) {
      long c;
      for (int i = 0; i < 9; i++) {
        final int bits = (i & 1) == 0 ? 26 : 25;
        c = h[i] >> bits;
        h[i + 1] += c;
        h[i] -= c << bits;
      }
      c = h[9] >> 25;
      h[9] -= c << 25;
      h[0] += 19 * c;
    }
  }

  private static boolean inRange(final long[] h) {
    for (int i = 0; i < 10; i++) {
      final int bits = (i & 1) == 0 ? 26 : 25;
      if (h[i] < 0 || h[i] >= (1L << bits)) {
        return false;
      }
    }
    return true;
  }

  /** {@code h = f^(2^k)}. */
  static void sqn(final long[] h, final long[] f, final int k) {
    sq(h, f);
    for (int i = 1; i < k; i++) {
      sq(h, h);
    }
  }

  /** {@code z^(2^250 - 1)} into {@code t1}, and {@code z^11} into {@code z11} (ref10 chain). */
  private static void pow2250m1(final long[] t1, final long[] z11, final long[] z) {
    final long[] t0 = zero();
    final long[] t2 = zero();
    final long[] t3 = zero();
    sq(t0, z); // 2
    sqn(t1, t0, 2); // 8
    mul(t1, z, t1); // 9
    mul(t0, t0, t1); // 11
    set(z11, t0);
    sq(t2, t0); // 22
    mul(t1, t1, t2); // 31 = 2^5 - 1
    sqn(t2, t1, 5);
    mul(t1, t2, t1); // 2^10 - 1
    sqn(t2, t1, 10);
    mul(t2, t2, t1); // 2^20 - 1
    sqn(t3, t2, 20);
    mul(t2, t3, t2); // 2^40 - 1
    sqn(t2, t2, 10);
    mul(t1, t2, t1); // 2^50 - 1
    sqn(t2, t1, 50);
    mul(t2, t2, t1); // 2^100 - 1
    sqn(t3, t2, 100);
    mul(t2, t3, t2); // 2^200 - 1
    sqn(t2, t2, 50);
    mul(t1, t2, t1); // 2^250 - 1
  }

  /** {@code h = 1/z} (0 for 0), as {@code z^(p-2)}. */
  public static void invert(final long[] h, final long[] z) {
    final long[] t1 = zero();
    final long[] z11 = zero();
    pow2250m1(t1, z11, z);
    sqn(t1, t1, 5); // 2^255 - 32
    mul(h, t1, z11); // 2^255 - 21 = p - 2
  }

  /** {@code h = z^((p-5)/8) = z^(2^252 - 3)}. */
  public static void pow22523(final long[] h, final long[] z) {
    final long[] t1 = zero();
    final long[] z11 = zero();
    pow2250m1(t1, z11, z);
    sqn(t1, t1, 2); // 2^252 - 4
    mul(h, t1, z); // 2^252 - 3
  }

  /** Loads 255 bits (the top bit of byte 31 is ignored); the value may be >= p. */
  public static long[] fromBytes(final byte[] s) {
    final long[] h = new long[10];
    int off = 0;
    for (int i = 0; i < 10; i++) {
      final int bits = (i & 1) == 0 ? 26 : 25;
      // 26 bits starting at bit `off` lie within 5 bytes from byte off/8.
      final int base = off >> 3;
      long w = 0;
      for (int b = 0; b < 5 && base + b < 32; b++) {
        w |= (s[base + b] & 0xffL) << (8 * b);
      }
      h[i] = (w >>> (off & 7)) & ((1L << bits) - 1);
      off += bits;
    }
    h[9] &= (1L << 25) - 1; // bit 255 is the sign, not part of y
    return h;
  }

  /** The canonical (fully reduced) 32-byte little-endian encoding; top bit clear. */
  public static byte[] toBytes(final long[] f) {
    final long[] h = f.clone();
    normalize(h);
    // v >= p iff v + 19 >= 2^255: compute v + 19 - 2^255 and keep it when that bit was set.
    final long[] t = h.clone();
    t[0] += 19;
    long c;
    for (int i = 0; i < 9; i++) {
      final int bits = (i & 1) == 0 ? 26 : 25;
      c = t[i] >> bits;
      t[i + 1] += c;
      t[i] -= c << bits;
    }
    final long over = t[9] >> 25;
    t[9] -= over << 25;
    final long mask = -over;
    for (int i = 0; i < 10; i++) {
      h[i] ^= (h[i] ^ t[i]) & mask;
    }
    final byte[] out = new byte[32];
    int off = 0;
    for (int i = 0; i < 10; i++) {
      final int bits = (i & 1) == 0 ? 26 : 25;
      final long w = h[i] << (off & 7);
      final int base = off >> 3;
      for (int b = 0; b < 5 && base + b < 32; b++) {
        out[base + b] |= (byte) (w >>> (8 * b));
      }
      off += bits;
    }
    return out;
  }

  public static boolean isZero(final long[] f) {
    final byte[] b = toBytes(f);
    int acc = 0;
    for (final byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  /** The "sign" of RFC 8032: the low bit of the canonical encoding. */
  public static int isNegative(final long[] f) {
    return toBytes(f)[0] & 1;
  }

  /** Value equality (canonical encodings compared). */
  public static boolean equal(final long[] f, final long[] g) {
    return Arrays.equals(toBytes(f), toBytes(g));
  }

  /** {@code f = g} if {@code flag == 1}, unchanged if 0, without branching. */
  public static void cmov(final long[] f, final long[] g, final int flag) {
    final long mask = -(long) flag;
    for (int i = 0; i < 10; i++) {
      f[i] ^= (f[i] ^ g[i]) & mask;
    }
  }
}
