package dev.aether.rpc;

import dev.aether.types.H256;
import java.util.Objects;
import java.util.SortedSet;

/**
 * {@code aeth_estimateFee} with {@code autoAccess}: the access sets a simulation found the
 * transaction's calls touch, and the fee estimate of the transaction with exactly those declared.
 *
 * @param complete true when the simulation ran to the end, so the sets are everything it touched;
 *     false when it failed first (the sets stop at the failure, see {@code note})
 * @param note why the sets may be incomplete, or what could change them (empty when complete)
 */
public record AccessEstimate(
    FeeEstimate estimate,
    SortedSet<H256> reads,
    SortedSet<H256> writes,
    boolean complete,
    String note) {
  public AccessEstimate {
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(note, "note");
    reads = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(reads));
    writes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(writes));
  }
}
