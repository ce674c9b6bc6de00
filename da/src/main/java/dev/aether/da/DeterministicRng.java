package dev.aether.da;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * SHA-256 in counter mode as a seeded PRNG: block {@code j} is {@code SHA-256(seed || j)} (j as u64
 * big-endian), read as four big-endian u64 words. Chosen over {@link java.util.Random} because its
 * output is fixed by this definition alone — any implementation in any language reproduces the
 * Turbine tree bit for bit — and over a faster generator because a tree costs only a few hundred
 * draws.
 */
final class DeterministicRng {
  private final byte[] seed;
  private final MessageDigest md = Sha256.digest();
  private final ByteBuffer counterBytes = ByteBuffer.allocate(Long.BYTES);
  private long counter;
  private ByteBuffer block = ByteBuffer.allocate(0);

  DeterministicRng(final byte[] seed) {
    this.seed = seed.clone();
  }

  /** Next 64 bits, as an unsigned value in a long. */
  long nextLong() {
    if (block.remaining() < Long.BYTES) {
      md.update(seed);
      md.update(counterBytes.putLong(0, counter++).array());
      block = ByteBuffer.wrap(md.digest());
    }
    return block.getLong();
  }

  /** Uniform in {@code [0, bound)} for a positive bound, without modulo bias (rejection). */
  long nextBelow(final long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    // limit = (2^64 - 1) - ((2^64 - 1) mod bound), a multiple of bound: draws at or above it would
    // make small residues more likely, so they are redrawn.
    final long limit = -1L - Long.remainderUnsigned(-1L, bound);
    while (true) {
      final long x = nextLong();
      if (Long.compareUnsigned(x, limit) < 0) {
        return Long.remainderUnsigned(x, bound);
      }
    }
  }
}
