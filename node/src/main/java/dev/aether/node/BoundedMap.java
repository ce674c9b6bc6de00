package dev.aether.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its oldest entry (by insertion) once it holds more than {@code max}: the
 * node's caches and per-peer tables keyed by what peers send, which must not grow with it.
 */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
  private final int max;

  private BoundedMap(int max) {
    this.max = max;
  }

  /** An empty map that keeps at most {@code max} entries, dropping the oldest inserted first. */
  static <K, V> Map<K, V> keepingNewest(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive");
    }
    return new BoundedMap<>(max);
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > max;
  }
}
