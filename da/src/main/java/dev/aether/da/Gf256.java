package dev.aether.da;

/**
 * Arithmetic in GF(2^8) reduced by x^8+x^4+x^3+x^2+1 (0x11D) with generator 2 — the field of
 * Backblaze's JavaReedSolomon and klauspost/reedsolomon, so parity bytes match their vectors.
 *
 * <p>The full 256×256 multiplication table (64 KiB) is precomputed once: encoding then costs one
 * table load and one XOR per byte and coefficient, which is what makes the pure-Java coder fast.
 */
final class Gf256 {
  static final int POLYNOMIAL = 0x11D;

  private static final byte[] EXP = new byte[510];
  private static final int[] LOG = new int[256];
  private static final byte[][] MUL = new byte[256][256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = (byte) x;
      EXP[i + 255] = (byte) x;
      LOG[x] = i;
      x <<= 1;
      if (x >= 256) {
        x ^= POLYNOMIAL;
      }
    }
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        MUL[a][b] = (a == 0 || b == 0) ? 0 : EXP[LOG[a] + LOG[b]];
      }
    }
  }

  private Gf256() {}

  static int mul(int a, int b) {
    return MUL[a & 0xFF][b & 0xFF] & 0xFF;
  }

  /** The row of the multiplication table for {@code a}: {@code row[b] == a·b}. Do not modify. */
  static byte[] mulRow(int a) {
    return MUL[a & 0xFF];
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(2^8)");
    }
    if (a == 0) {
      return 0;
    }
    return EXP[LOG[a] - LOG[b] + 255] & 0xFF;
  }

  /** {@code a^n}; {@code 0^0 == 1} as in the Vandermonde construction. */
  static int exp(int a, int n) {
    if (n == 0) {
      return 1;
    }
    if (a == 0) {
      return 0;
    }
    return EXP[(LOG[a] * n) % 255] & 0xFF;
  }

  static int expTable(int i) {
    return EXP[i] & 0xFF;
  }

  static int logTable(int a) {
    if (a == 0) {
      throw new ArithmeticException("log of zero in GF(2^8)");
    }
    return LOG[a];
  }
}
