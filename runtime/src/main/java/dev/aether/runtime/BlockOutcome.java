package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of executing a block: one receipt per transaction in block order, and the net state
 * change (key → new value, empty for deleted) that the ledger commits and computes the new state
 * root from.
 */
public record BlockOutcome(List<Receipt> receipts, SortedMap<H256, Optional<Bytes>> stateDiff) {
  public BlockOutcome {
    receipts = List.copyOf(receipts);
    stateDiff = Collections.unmodifiableSortedMap(new TreeMap<>(stateDiff));
  }
}
