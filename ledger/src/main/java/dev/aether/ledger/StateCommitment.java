package dev.aether.ledger;

import dev.aether.types.H256;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An authenticated map from 32-byte state keys to 32-byte value hashes with a single root. The
 * ledger commits to state only through this interface, so the Sparse Merkle Tree can later be
 * swapped for a Verkle tree without touching the rules.
 */
public interface StateCommitment {
  /** The current root; {@link H256#ZERO} for the empty map. */
  H256 root();

  /**
   * Applies a batch of changes (a value hash to set, or empty to delete) and returns the new root.
   * The result depends only on the resulting key set, never on batch order or history.
   */
  H256 update(SortedMap<H256, Optional<H256>> changes);

  /** A proof of the value hash under {@code key}, or of its absence, against {@link #root()}. */
  StateProof prove(H256 key);
}
