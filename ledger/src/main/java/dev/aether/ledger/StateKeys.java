package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.UtxoRef;

/**
 * Where each kind of state lives. Keys are domain-tagged hashes, so keys of different kinds never
 * collide and are spread evenly over the 256-bit Sparse Merkle Tree.
 */
public final class StateKeys {
  /**
   * The account that collects every block's fees (credited once per block, so transactions never
   * conflict on it). Its address hashes a tag, not a public key, so no key can spend from it; the
   * staking program distributes it.
   */
  public static final Address FEE_POOL = new Address(Hashing.tagged("aether/fee-pool/v1"));

  /**
   * The treasury account: a share of every block's fees and of slashed stake flows into it ({@link
   * ChainParams#treasuryFeeBps()}, {@link ChainParams#treasurySlashBps()}). Like the fee pool its
   * address hashes a tag, so no key can spend from it: only the governance program pays out of it,
   * for proposals that passed.
   */
  public static final Address TREASURY = new Address(Hashing.tagged("aether/treasury/v1"));

  private StateKeys() {}

  /** The state key of an account. */
  public static H256 account(Address address) {
    return Hashing.tagged("aether/account/v1", address.hash().toArray());
  }

  /** The state key of a UTxO (the one {@link UtxoRef#stateKey()} defines). */
  public static H256 utxo(UtxoRef ref) {
    return ref.stateKey();
  }

  /** The state key of a validator's stake record. */
  public static H256 stake(Address validator) {
    return Hashing.tagged("aether/stake/v1", validator.hash().toArray());
  }
}
