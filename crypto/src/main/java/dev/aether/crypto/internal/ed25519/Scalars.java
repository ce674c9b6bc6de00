package dev.aether.crypto.internal.ed25519;

import java.util.Arrays;

/**
 * Scalars modulo the group order {@code L = 2^252 + δ}, {@code δ =
 * 27742317777372353535851937790883648493}, as 32-byte little-endian strings.
 *
 * <p>Signing feeds secrets through here (the nonce {@code r = SHA-512(prefix || M) mod L} and
 * {@code S = k·a + r mod L}), so the arithmetic is fixed-width and branch-free: numbers are held in
 * 21-bit limbs in {@code long}s, every step is the same sequence of multiplies, adds, shifts and
 * masks whatever the values, there are no secret-dependent branches or array indices, and no {@link
 * java.math.BigInteger} (whose running time and allocation depend on the magnitudes). Scratch limbs
 * are zeroed before returning. {@code ScalarsTest} checks every operation against a BigInteger
 * reference on random and edge inputs.
 *
 * <p>Reduction uses {@code 2^252 ≡ -δ (mod L)}: a limb {@code v} at position {@code k ≥ 12} (weight
 * {@code 2^(21k) = 2^(21(k-12))·2^252}) is removed and {@code v·δ} is subtracted at position {@code
 * k-12}, δ being six 21-bit limbs. Folding and carrying in a fixed schedule brings any value below
 * {@code 2^525} into {@code [-δ, 2^252 + δ)}; adding L and one masked conditional subtraction of L
 * gives the canonical result in {@code [0, L)}. The bounds for each step are in the comments; the
 * largest intermediate is below 2^62.
 */
public final class Scalars {

  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;

  /** Limbs for any input: 25 × 21 = 525 bits ≥ 512. */
  private static final int LIMBS = 25;

  /** δ = L − 2^252 in 21-bit limbs (checked against L in ScalarsTest). */
  static final long[] DELTA = {1430509, 1626855, 1442968, 997804, 1960495, 683900};

  private Scalars() {}

  /** {@code le mod L} for a little-endian string of at most 64 bytes (e.g. a SHA-512 output). */
  public static byte[] reduce(final byte[] le) {
    if (le.length > 64) {
      throw new IllegalArgumentException("at most 64 bytes, got " + le.length);
    }
    final long[] t = load(le);
    try {
      return reduceLimbs(t);
    } finally {
      Arrays.fill(t, 0);
    }
  }

  /** {@code (a * b + c) mod L} for 32-byte little-endian inputs (any value below 2^256). */
  public static byte[] mulAdd(final byte[] a, final byte[] b, final byte[] c) {
    final long[] x = load(check32(a));
    final long[] y = load(check32(b));
    final long[] t = load(check32(c));
    try {
      // a, b, c < 2^256 occupy limbs 0..12 (limb 12 holds 4 bits). Each product limb is a sum of
      // at most 13 terms below 2^42, so below 2^46; the result a·b + c < 2^513 fits 25 limbs.
      for (int i = 0; i <= 12; i++) {
        for (int j = 0; j <= 12; j++) {
          t[i + j] += x[i] * y[j];
        }
      }
      return reduceLimbs(t);
    } finally {
      Arrays.fill(x, 0);
      Arrays.fill(y, 0);
      Arrays.fill(t, 0);
    }
  }

  /** {@code (a * b) mod L}. */
  public static byte[] mul(final byte[] a, final byte[] b) {
    return mulAdd(a, b, new byte[32]);
  }

  /** {@code (a + b) mod L}. */
  public static byte[] add(final byte[] a, final byte[] b) {
    final byte[] one = new byte[32];
    one[0] = 1;
    return mulAdd(a, one, b);
  }

  /**
   * True when the 32-byte little-endian value is below L (RFC 8032's {@code S < L}): the sign of
   * {@code s − L}, computed over all limbs without an early exit.
   */
  public static boolean isCanonical(final byte[] s) {
    if (s.length != 32) {
      return false;
    }
    final long[] t = load(s);
    subL(t);
    final long borrow = carry(t, 0, 13); // floor((s − L) / 2^273) ∈ {−1, 0}
    Arrays.fill(t, 0);
    return borrow < 0;
  }

  /** Little-endian bytes (at most 64) as 25 limbs of 21 bits. */
  private static long[] load(final byte[] le) {
    final byte[] padded = Arrays.copyOf(le, 72); // room for the 4-byte window past bit 511
    final long[] t = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      final int bit = BITS * i;
      final int at = bit >> 3;
      final long window =
          (padded[at] & 0xFFL)
              | (padded[at + 1] & 0xFFL) << 8
              | (padded[at + 2] & 0xFFL) << 16
              | (padded[at + 3] & 0xFFL) << 24;
      t[i] = (window >>> (bit & 7)) & MASK;
    }
    Arrays.fill(padded, (byte) 0);
    return t;
  }

  private static byte[] check32(final byte[] b) {
    if (b.length != 32) {
      throw new IllegalArgumentException("scalar must be 32 bytes, got " + b.length);
    }
    return b;
  }

  /**
   * Floor-carries limbs {@code from..to-1} upward: each ends in {@code [0, 2^21)} and limb {@code
   * to} receives the carry. Returns the new value of limb {@code to}.
   */
  private static long carry(final long[] t, final int from, final int to) {
    for (int i = from; i < to; i++) {
      final long c = t[i] >> BITS; // arithmetic shift: floor division, also for negative limbs
      t[i] -= c << BITS;
      t[i + 1] += c;
    }
    return t[to];
  }

  /** Replaces limb {@code k ≥ 12} by subtracting {@code t[k]·δ} at position {@code k − 12}. */
  private static void fold(final long[] t, final int k) {
    final long v = t[k];
    t[k] = 0;
    for (int i = 0; i < DELTA.length; i++) {
      t[k - 12 + i] -= v * DELTA[i];
    }
  }

  /** Subtracts L = 2^252 + δ limb-wise (no carrying). */
  private static void subL(final long[] t) {
    for (int i = 0; i < DELTA.length; i++) {
      t[i] -= DELTA[i];
    }
    t[12] -= 1;
  }

  /** Adds L = 2^252 + δ limb-wise (no carrying). */
  private static void addL(final long[] t) {
    for (int i = 0; i < DELTA.length; i++) {
      t[i] += DELTA[i];
    }
    t[12] += 1;
  }

  /**
   * Reduces 25 non-negative limbs, each below 2^47 (value below 2^513 + 2^256), to 32 bytes in
   * {@code [0, L)}. Overwrites {@code t}.
   */
  private static byte[] reduceLimbs(final long[] t) {
    // 1. Normalise: limbs 0..23 in [0, 2^21), limb 24 below 2^10 (the value is below 2^514).
    carry(t, 0, 24);
    // 2. Fold limbs 24..18 into 6..17 (targets stay below 18). Each product is below 2^21·2^21,
    //    at most 7 land on a limb: limbs 6..17 end below 2^21 + 7·2^42 < 2^45 in magnitude.
    for (int k = 24; k >= 18; k--) {
      fold(t, k);
    }
    // 3. Carry 6..17 into 18 (|t18| < 2^25), fold 18 into 6..11 (products below 2^46).
    carry(t, 6, 18);
    fold(t, 18);
    // 4. Fold 17..12 (each now in [0, 2^21)) into 0..10. Limbs 0..11 end below 2^48 in
    //    magnitude, so the value V ≡ input (mod L) satisfies |V| < 2^48·2^232 = 2^280.
    for (int k = 17; k >= 12; k--) {
      fold(t, k);
    }
    // 5. Carry 0..11 into 12: |t12| < 2^28. Fold it: V' ∈ (−2^153, 2^252 + 2^153).
    carry(t, 0, 12);
    fold(t, 12);
    // 6. Carry again: t12 ∈ {−1, 0, 1}. Fold: V'' = low − t12·δ ∈ [−δ, 2^252 + δ).
    carry(t, 0, 12);
    fold(t, 12);
    // 7. W = V'' + L ∈ [2^252, 2L): limbs 0..11 in [0, 2^21), t12 ∈ {1, 2}.
    addL(t);
    carry(t, 0, 12);
    // 8. D = W − L ∈ [−δ, L). Keep D when D ≥ 0, else W; chosen by a mask, not a branch.
    final long[] d = t.clone();
    subL(d);
    final long top = carry(d, 0, 12); // floor(D / 2^252) ∈ {−1, 0, 1}
    final long keepW = top >> 63; // all ones when D < 0
    for (int i = 0; i <= 12; i++) {
      t[i] = (t[i] & keepW) | (d[i] & ~keepW);
    }
    Arrays.fill(d, 0);
    return store(t);
  }

  /** Limbs 0..11 in [0, 2^21) and limb 12 in {0, 1} (a value below 2^253) as 32 bytes LE. */
  private static byte[] store(final long[] t) {
    final byte[] out = new byte[32];
    long acc = 0;
    int accBits = 0;
    int o = 0;
    for (int i = 0; i <= 12; i++) {
      acc |= t[i] << accBits;
      accBits += BITS;
      while (accBits >= 8 && o < 32) {
        out[o++] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    while (o < 32) {
      out[o++] = (byte) acc;
      acc >>>= 8;
    }
    return out;
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
