package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.types.H256;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local fee market: how each hot object's multiplier moves from one block to the next.
 *
 * <p>Let {@code n} be the number of transactions in the block whose access set writes the object
 * (failed ones included: they used the block's space too), {@code t} the target and {@code m} the
 * multiplier in permille. Then, in integer arithmetic with division rounding down:
 *
 * <ul>
 *   <li>{@code n > t}: {@code m' = min(maxPermille, m + max(1, m·(n−t) / (8·t)))} — at most {@code
 *       1/8·(n−t)/t} up per block, like EIP-1559's base fee but per object;
 *   <li>{@code n ≤ t}: {@code m' = max(1000, m − max(1, m·(t−n) / (8·t)))} — decays by up to 1/8
 *       per block when the object is left alone;
 *   <li>entries at 1000 (1×) are dropped, so the table lists only objects that are hot now.
 * </ul>
 *
 * A transaction pays the multiplier of the hottest object it writes; writing no hot object costs
 * 1×, so one busy contract raises fees only for its own users.
 */
public record CongestionRule(int target, long maxPermille) {
  /** 1× in permille. */
  public static final long UNIT = 1000;

  /** Target of 64 writers per object per block, multiplier capped at 1000×. */
  public static final CongestionRule DEFAULT = new CongestionRule(64, 1_000_000);

  public CongestionRule {
    if (target < 1 || maxPermille < UNIT) {
      throw new IllegalArgumentException("target >= 1 and maxPermille >= 1000 required");
    }
  }

  /** The table for the next block, from this block's access sets in block order. */
  public CongestionTable next(CongestionTable current, List<AccessSet> block) {
    TreeMap<H256, Integer> writers = new TreeMap<>();
    for (AccessSet a : block) {
      for (H256 k : a.writes()) {
        writers.merge(k, 1, Integer::sum);
      }
    }
    TreeMap<H256, Long> next = new TreeMap<>();
    for (Map.Entry<H256, Long> e : current.permille().entrySet()) {
      long m = step(e.getValue(), writers.getOrDefault(e.getKey(), 0));
      if (m > UNIT) {
        next.put(e.getKey(), m);
      }
    }
    for (Map.Entry<H256, Integer> e : writers.entrySet()) {
      if (e.getValue() > target && !current.permille().containsKey(e.getKey())) {
        next.put(e.getKey(), step(UNIT, e.getValue()));
      }
    }
    return new CongestionTable(next);
  }

  long step(long m, int n) {
    long eighthT = 8L * target;
    if (n > target) {
      long up = Math.max(1, Saturating.mul(m, n - target) / eighthT);
      return Math.min(maxPermille, Saturating.add(m, up));
    }
    long down = Math.max(1, m * (target - n) / eighthT);
    return Math.max(UNIT, m - down);
  }
}
