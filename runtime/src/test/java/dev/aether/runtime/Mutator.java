package dev.aether.runtime;

import java.util.SplittableRandom;

/** The byte-level mutator shared by the fuzz tests (flips, overwrites, truncation, growth). */
final class Mutator {
  private Mutator() {}

  static byte[] mutate(SplittableRandom r, byte[] seed) {
    byte[] b = seed.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      switch (r.nextInt(5)) {
        case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
        case 3 -> b[r.nextInt(b.length)] = (byte) new int[] {0, 0x7f, 0x80, 0xff}[r.nextInt(4)];
        default -> {
          byte[] rnd = new byte[r.nextInt(32)];
          r.nextBytes(rnd);
          byte[] grown = java.util.Arrays.copyOf(b, b.length + rnd.length);
          System.arraycopy(rnd, 0, grown, b.length, rnd.length);
          b = grown;
        }
      }
    }
    return b;
  }
}
