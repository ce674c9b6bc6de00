package dev.aether.rpc;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One storage slot of a contract at the committed state ({@code aeth_getStorageAt}), with the
 * ledger's Sparse Merkle proof of the state key (of absence when the slot is empty).
 *
 * @param key the state key the slot lives under: {@code tagged("aether/storage/v1", contract ||
 *     slot)}
 * @param value the slot's value, empty when it holds none
 * @param paidThroughEpoch the last epoch its prepaid rent covers (0 when empty)
 */
public record StorageEntry(
    H256 contract,
    H256 slot,
    H256 key,
    Optional<Bytes> value,
    long paidThroughEpoch,
    long height,
    H256 stateRoot,
    List<Bytes> proof) {
  public StorageEntry {
    Objects.requireNonNull(value, "value");
    proof = List.copyOf(proof);
  }
}
