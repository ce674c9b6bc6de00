package dev.aether.programs.staking;

import dev.aether.ledger.BlockState;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The state the staking logic works on: inside a transaction through the metered, access-checked
 * {@link CallContext}; at the end of a block directly on the {@link BlockState}. One interface so
 * the same rules run in both places.
 */
interface Store {
  Optional<Bytes> get(H256 key);

  void put(H256 key, Bytes value);

  void delete(H256 key);

  /** Pays SWR out of the program's custody into an account. */
  void credit(Address to, BigInteger swr);

  /** Takes SWR from an account into the program's custody (fails if short). */
  void debit(Address from, BigInteger swr);

  default <T> Optional<T> read(Codec<T> codec, H256 key) {
    return get(key).map(b -> State.decode(codec, b, key));
  }

  default <T> void write(Codec<T> codec, H256 key, T value) {
    put(key, Bytes.of(codec.encode(value)));
  }

  /** Inside a transaction: every access metered and checked against the declared sets. */
  static Store of(CallContext ctx) {
    return new Store() {
      @Override
      public Optional<Bytes> get(H256 key) {
        return ctx.readData(key);
      }

      @Override
      public void put(H256 key, Bytes value) {
        ctx.writeData(key, value);
      }

      @Override
      public void delete(H256 key) {
        ctx.delete(key);
      }

      @Override
      public void credit(Address to, BigInteger swr) {
        if (swr.signum() > 0) {
          ctx.credit(to, Value.of(AssetId.SWR, new Amount(swr)));
        }
      }

      @Override
      public void debit(Address from, BigInteger swr) {
        if (swr.signum() > 0) {
          ctx.debit(from, Value.of(AssetId.SWR, new Amount(swr)));
        }
      }
    };
  }

  /** At the end of a block: the block's state, unmetered (bounded by the program's rules). */
  static Store of(BlockState state) {
    return new Store() {
      @Override
      public Optional<Bytes> get(H256 key) {
        return state
            .get(key)
            .map(
                o ->
                    switch (o) {
                      case StateObject.Data d -> d.bytes();
                      default ->
                          throw new LedgerException(
                              new LedgerError.MalformedState(key, "not program data"));
                    });
      }

      @Override
      public void put(H256 key, Bytes value) {
        state.put(key, new StateObject.Data(value));
      }

      @Override
      public void delete(H256 key) {
        state.delete(key);
      }

      @Override
      public void credit(Address to, BigInteger swr) {
        if (swr.signum() > 0) {
          StateObject.Account a = account(state, to);
          put(to, new StateObject.Account(a.balance().add(swrValue(swr)), a.nonce()));
        }
      }

      @Override
      public void debit(Address from, BigInteger swr) {
        if (swr.signum() > 0) {
          StateObject.Account a = account(state, from);
          if (a.balance().get(AssetId.SWR).value().compareTo(swr) < 0) {
            throw new LedgerException(
                new LedgerError.ExecutionInsufficientFunds(
                    AssetId.SWR, a.balance().get(AssetId.SWR), new Amount(swr)));
          }
          put(from, new StateObject.Account(a.balance().subtract(swrValue(swr)), a.nonce()));
        }
      }

      private void put(Address address, StateObject.Account a) {
        if (a.isEmpty()) {
          state.delete(StateKeys.account(address));
        } else {
          state.put(StateKeys.account(address), a);
        }
      }
    };
  }

  /** A read-only view of any state (queries, voting power); writes are refused. */
  static Store readOnly(dev.aether.ledger.StateReader state) {
    return new Store() {
      @Override
      public Optional<Bytes> get(H256 key) {
        return state
            .get(key)
            .flatMap(
                o -> o instanceof StateObject.Data d ? Optional.of(d.bytes()) : Optional.empty());
      }

      @Override
      public void put(H256 key, Bytes value) {
        throw new UnsupportedOperationException("read-only view");
      }

      @Override
      public void delete(H256 key) {
        throw new UnsupportedOperationException("read-only view");
      }

      @Override
      public void credit(Address to, BigInteger swr) {
        throw new UnsupportedOperationException("read-only view");
      }

      @Override
      public void debit(Address from, BigInteger swr) {
        throw new UnsupportedOperationException("read-only view");
      }
    };
  }

  /** The SWR balance of {@code address} in a block's state. */
  static BigInteger swrBalance(BlockState state, Address address) {
    return account(state, address).balance().get(AssetId.SWR).value();
  }

  private static StateObject.Account account(BlockState state, Address address) {
    H256 key = StateKeys.account(address);
    return switch (state.get(key).orElse(StateObject.Account.EMPTY)) {
      case StateObject.Account a -> a;
      default -> throw new LedgerException(new LedgerError.MalformedState(key, "not an account"));
    };
  }

  private static Value swrValue(BigInteger swr) {
    return Value.of(AssetId.SWR, new Amount(swr));
  }
}
