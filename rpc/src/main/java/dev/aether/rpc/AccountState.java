package dev.aether.rpc;

import dev.aether.types.Bytes;
import dev.aether.types.Value;
import java.util.Objects;

/**
 * An account as the ledger stores it.
 *
 * @param nonce the next nonce a transaction paid by this account must carry
 * @param balance the account's multi-asset balance (UTxOs it owns are not included)
 * @param raw the ledger's canonical encoding of the account: the leaf the state proof commits to
 */
public record AccountState(long nonce, Value balance, Bytes raw) {
  public AccountState {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(raw, "raw");
  }
}
