package dev.aether.mempool;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import java.util.Optional;

/**
 * What admission needs to know about the current state and prices. The node implements it over the
 * ledger's latest committed state and the runtime's fee model; tests use small in-memory views.
 */
public interface PoolView {
  /** An account's SWR balance available for fees and its next nonce. */
  record Account(Amount feeBalance, long nonce) {}

  String chainId();

  /** The slot the next block will have. */
  long currentSlot();

  Optional<Account> account(Address address);

  /** The owner of an unspent output, or empty if it does not exist or is spent. */
  Optional<Address> unspentOwner(UtxoRef ref);

  /** The fee this transaction must at least offer now: base fee times its congestion multiplier. */
  Amount requiredFee(Tx tx, int sizeBytes);

  /** The congestion multiplier of the hottest object the transaction writes (1/1 if none). */
  dev.aether.types.Ratio congestion(Tx tx);
}
