package dev.aether.rpc;

import dev.aether.types.H256;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What fees cost now: the genesis formula {@code (a + b·tx_bytes + c·steps + d·mem_bytes)} and the
 * multipliers of the objects that are hot in the committed state. A transaction pays the multiplier
 * of the hottest object it writes (its payer's account included); objects not listed are at 1×.
 * Blocks built ahead of the committed head may price a few percent higher under rising load, so
 * clients bid with headroom (the fee cap is a cap: only the actual fee is charged).
 *
 * @param height the committed height the prices are read at
 * @param a fixed part per transaction
 * @param b per encoded byte
 * @param c per metered step
 * @param d per byte of memory
 * @param hotObjects multiplier in permille (1000 = 1×) of each hot object, at most {@link #MAX_HOT}
 *     of the hottest
 */
public record FeePrice(
    long height, long a, long b, long c, long d, SortedMap<H256, Long> hotObjects) {
  public static final int MAX_HOT = 64;

  public FeePrice {
    Objects.requireNonNull(hotObjects, "hotObjects");
    hotObjects = Collections.unmodifiableSortedMap(new TreeMap<>(hotObjects));
  }
}
