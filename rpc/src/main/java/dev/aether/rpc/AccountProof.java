package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account (or its absence) at one state root, with the ledger's Sparse Merkle proof for it. The
 * proof nodes are opaque here: the ledger module defines their format and verification, and an
 * absent account still comes with a proof of absence.
 */
public record AccountProof(
    Address address,
    long height,
    H256 stateRoot,
    Optional<AccountState> account,
    List<Bytes> proof) {
  public AccountProof {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(account, "account");
    proof = List.copyOf(proof);
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative");
    }
  }
}
