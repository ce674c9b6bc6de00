package dev.aether.runtime;

import dev.aether.types.H256;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The state keys one transaction may touch, split into keys it only reads and keys it may change.
 * Consumed UTxO inputs, the fee payer's account and the transaction's own new outputs are all
 * writes: each of them is changed by the transaction. Both sets are sorted so that everything
 * derived from them (the plan, the error a violation reports) is deterministic.
 *
 * <p>A key in both declared sets counts as a write only: writing implies reading.
 */
public record AccessSet(SortedSet<H256> reads, SortedSet<H256> writes) {
  public AccessSet {
    TreeSet<H256> w = new TreeSet<>(writes);
    TreeSet<H256> r = new TreeSet<>(reads);
    r.removeAll(w);
    reads = Collections.unmodifiableSortedSet(r);
    writes = Collections.unmodifiableSortedSet(w);
  }

  public static AccessSet of(Collection<H256> reads, Collection<H256> writes) {
    return new AccessSet(new TreeSet<>(reads), new TreeSet<>(writes));
  }

  /** True when this set may read {@code key} (reads and writes both allow reading). */
  public boolean mayRead(H256 key) {
    return reads.contains(key) || writes.contains(key);
  }

  public boolean mayWrite(H256 key) {
    return writes.contains(key);
  }

  /**
   * The parallelism rule: two transactions conflict unless {@code W(a) ∩ (W(b) ∪ R(b)) = ∅} and
   * {@code W(b) ∩ (W(a) ∪ R(a)) = ∅}. Read-read sharing is the only overlap allowed.
   */
  public boolean conflictsWith(AccessSet other) {
    return intersects(writes, other.writes)
        || intersects(writes, other.reads)
        || intersects(other.writes, reads);
  }

  private static boolean intersects(SortedSet<H256> a, SortedSet<H256> b) {
    SortedSet<H256> small = a.size() <= b.size() ? a : b;
    SortedSet<H256> large = small == a ? b : a;
    for (H256 k : small) {
      if (large.contains(k)) {
        return true;
      }
    }
    return false;
  }
}
