package dev.aether.ledger;

import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One transaction's pending changes over the block state. The ledger's own steps (fee, inputs,
 * outputs) use it unchecked; programs get {@link #checked()}, which enforces the declared access
 * sets. {@link #flushTo} publishes the changes; dropping the buffer discards them.
 */
final class TxBuffer implements TxState {
  private final StateReader base;
  private final TreeMap<H256, Optional<StateObject>> changes = new TreeMap<>();
  private final Set<H256> readable = new HashSet<>();
  private final Set<H256> writable = new HashSet<>();
  private final H256 payerKey;

  TxBuffer(StateReader base, Tx tx) {
    this.base = base;
    // Programs may read inputs (to inspect what is consumed), reads and writes; they may write
    // only the declared writes and the payer's account.
    writable.addAll(tx.body().writes());
    payerKey = StateKeys.account(tx.body().payer());
    writable.add(payerKey);
    readable.addAll(writable);
    readable.addAll(tx.body().reads());
    for (UtxoRef in : tx.body().inputs()) {
      readable.add(in.stateKey());
    }
  }

  @Override
  public Optional<StateObject> get(H256 key) {
    Optional<StateObject> local = changes.get(key);
    return local != null ? local : base.get(key);
  }

  @Override
  public void put(H256 key, StateObject value) {
    changes.put(key, Optional.of(value));
  }

  @Override
  public void delete(H256 key) {
    changes.put(key, Optional.empty());
  }

  void flushTo(BlockState state) {
    state.applyAll(changes);
  }

  /** The access-checked view handed to programs. */
  TxState checked() {
    return new TxState() {
      @Override
      public Optional<StateObject> get(H256 key) {
        if (!readable.contains(key)) {
          throw new LedgerException(new LedgerError.AccessViolation(key, "read"));
        }
        return TxBuffer.this.get(key);
      }

      @Override
      public void put(H256 key, StateObject value) {
        if (!writable.contains(key)) {
          throw new LedgerException(new LedgerError.AccessViolation(key, "write"));
        }
        if (key.equals(payerKey) && !(value instanceof StateObject.Account)) {
          throw new LedgerException(new LedgerError.AccessViolation(key, "non-account write"));
        }
        TxBuffer.this.put(key, value);
      }

      @Override
      public void delete(H256 key) {
        if (!writable.contains(key)) {
          throw new LedgerException(new LedgerError.AccessViolation(key, "delete"));
        }
        if (key.equals(payerKey)) {
          // The payer's account carries the bumped nonce; deleting it would reopen replays.
          throw new LedgerException(new LedgerError.AccessViolation(key, "payer delete"));
        }
        TxBuffer.this.delete(key);
      }
    };
  }
}
