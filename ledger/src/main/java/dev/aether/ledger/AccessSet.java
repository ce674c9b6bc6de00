package dev.aether.ledger;

import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.UtxoRef;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The keys a transaction reads and writes, as the parallel scheduler must see them: declared reads;
 * declared writes plus the payer's account, the consumed inputs (consuming is writing) and the
 * outputs it creates. Two transactions may run in parallel iff neither writes what the other reads
 * or writes.
 *
 * @param reads keys only read
 * @param writes keys written, created or consumed
 */
public record AccessSet(SortedSet<H256> reads, SortedSet<H256> writes) {
  public AccessSet {
    reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
    writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
  }

  /** The effective access set of {@code tx}. */
  public static AccessSet of(Tx tx) {
    TxBody b = tx.body();
    TreeSet<H256> w = new TreeSet<>(b.writes());
    w.add(StateKeys.account(b.payer()));
    for (UtxoRef in : b.inputs()) {
      w.add(in.stateKey());
    }
    if (!b.outputs().isEmpty()) {
      H256 id = tx.id(); // hashes the body: only when there are outputs to name
      for (int i = 0; i < b.outputs().size(); i++) {
        w.add(new UtxoRef(id, i).stateKey());
      }
    }
    TreeSet<H256> r = new TreeSet<>(b.reads());
    r.removeAll(w);
    return new AccessSet(r, w);
  }

  /** True when the two may run in either order with the same result. */
  public boolean independentOf(AccessSet other) {
    return disjoint(writes, other.writes)
        && disjoint(writes, other.reads)
        && disjoint(other.writes, reads);
  }

  private static boolean disjoint(SortedSet<H256> a, SortedSet<H256> b) {
    SortedSet<H256> small = a.size() <= b.size() ? a : b;
    SortedSet<H256> large = small == a ? b : a;
    for (H256 k : small) {
      if (large.contains(k)) {
        return false;
      }
    }
    return true;
  }
}
