package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.util.SortedSet;

/**
 * A transaction being executed, with what programs may ask about it.
 *
 * @param tx the transaction
 * @param txId its id
 * @param block the block context
 * @param signers the addresses whose signatures the transaction carries
 */
public record TxContext(Tx tx, H256 txId, BlockContext block, SortedSet<Address> signers) {
  public TxContext {
    signers = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(signers));
  }

  /** True when {@code address} signed this transaction (programs check debits with it). */
  public boolean isSigner(Address address) {
    return signers.contains(address);
  }
}
