package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.Map;
import java.util.Optional;

/**
 * The state one transaction's programs see: reads of its declared inputs, reads and writes, writes
 * of its writes and its payer's account. Anything else throws a {@link LedgerException} with {@link
 * LedgerError.AccessViolation}, which fails the transaction deterministically. Changes are buffered
 * and only reach the block if the whole transaction succeeds. This is the interface the runtime's
 * host functions and native programs run against.
 */
public interface TxState {
  /** The object under {@code key}, if any. */
  Optional<StateObject> get(H256 key);

  /** Stores {@code value} under {@code key}. */
  void put(H256 key, StateObject value);

  /** Removes whatever is under {@code key}. */
  void delete(H256 key);

  /** The account of {@code address}, or {@link Account#EMPTY} if it has none. */
  default Account account(Address address) {
    H256 key = StateKeys.account(address);
    return switch (get(key).orElse(Account.EMPTY)) {
      case Account a -> a;
      default -> throw new LedgerException(new LedgerError.MalformedState(key, "not an account"));
    };
  }

  /** Stores an account; an empty one (no balance, nonce 0) is removed instead. */
  default void putAccount(Address address, Account account) {
    if (account.isEmpty()) {
      delete(StateKeys.account(address));
    } else {
      put(StateKeys.account(address), account);
    }
  }

  /**
   * Adds {@code value} to an account's balance. The fee pool and the treasury accept only SWR
   * ({@link LedgerError.SystemAccount}); no account takes more than {@link Value#MAX_ASSETS} assets
   * ({@link LedgerError.TooManyAssets}).
   */
  default void credit(Address address, Value value) {
    if (address.equals(StateKeys.FEE_POOL) || address.equals(StateKeys.TREASURY)) {
      for (AssetId asset : value.amounts().keySet()) {
        if (!asset.equals(AssetId.SWR)) {
          throw new LedgerException(new LedgerError.SystemAccount(address, asset));
        }
      }
    }
    Account a = account(address);
    try {
      putAccount(address, new Account(a.balance().add(value), a.nonce()));
    } catch (Amount.AmountOverflowException e) {
      throw new LedgerException(new LedgerError.Overflow("balance of " + address));
    } catch (IllegalArgumentException e) {
      throw new LedgerException(new LedgerError.TooManyAssets(address));
    }
  }

  /** Takes {@code value} from an account's balance; fails if any asset would go negative. */
  default void debit(Address address, Value value) {
    Account a = account(address);
    for (Map.Entry<AssetId, Amount> e : value.amounts().entrySet()) {
      Amount have = a.balance().get(e.getKey());
      if (have.compareTo(e.getValue()) < 0) {
        throw new LedgerException(
            new LedgerError.ExecutionInsufficientFunds(e.getKey(), have, e.getValue()));
      }
    }
    putAccount(address, new Account(a.balance().subtract(value), a.nonce()));
  }

  /** The unspent output {@code ref}, if it exists. */
  default Optional<TxOutput> utxo(UtxoRef ref) {
    H256 key = StateKeys.utxo(ref);
    return get(key)
        .map(
            o ->
                switch (o) {
                  case StateObject.Utxo u -> u.output();
                  default ->
                      throw new LedgerException(new LedgerError.MalformedState(key, "not a UTxO"));
                });
  }

  /** Program data under {@code key}, if any. */
  default Optional<Bytes> data(H256 key) {
    return get(key)
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> d.bytes();
                  default ->
                      throw new LedgerException(
                          new LedgerError.MalformedState(key, "not a data object"));
                });
  }

  /** Stores program data under {@code key}. */
  default void putData(H256 key, Bytes bytes) {
    put(key, new StateObject.Data(bytes));
  }
}
