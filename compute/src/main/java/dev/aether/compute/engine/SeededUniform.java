package dev.aether.compute.engine;

/**
 * The engine's only source of randomness: a SplitMix64 output keyed by (seed, step index), turned
 * into a float in [0, 1) with 24 random bits.
 *
 * <p>{@code z = seed + (step + 1) * 0x9E3779B97F4A7C15}; {@code z = (z ^ z>>>30) *
 * 0xBF58476D1CE4E5B9}; {@code z = (z ^ z>>>27) * 0x94D049BB133111EB}; {@code z ^= z>>>31}; {@code u
 * = (z >>> 40) * 2^-24}. Keying by step (not by a running state) lets a challenger recompute one
 * sampling step without replaying the others.
 */
public final class SeededUniform {
  private SeededUniform() {}

  /** The uniform draw for {@code step} of a job with {@code seed}. */
  public static float draw(long seed, int step) {
    long z = seed + (step + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 40) * 0x1.0p-24f;
  }
}
