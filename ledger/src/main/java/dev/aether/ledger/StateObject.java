package dev.aether.ledger;

import dev.aether.types.Bytes;
import dev.aether.types.TxOutput;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * What a state key holds. Three kinds, told apart by a leading tag byte so that no stored bytes can
 * be read as another kind: an {@link Account} (multi-asset balance and nonce), an unspent {@link
 * Utxo}, or opaque {@link Data} owned by a program (code, parameters, oracle values, program
 * state).
 */
public sealed interface StateObject
    permits StateObject.Account, StateObject.Utxo, StateObject.Data {
  /** Largest program data object (WASM code included). */
  int MAX_DATA = 4 * 1024 * 1024;

  /** Canonical encoding: tag 1 account, 2 UTxO, 3 data. */
  Codec<StateObject> CODEC =
      new Codec<>() {
        private final Codec<Bytes> data = Bytes.codec("Data", MAX_DATA);

        @Override
        public void write(StateObject value, Writer out) {
          switch (value) {
            case Account a -> {
              out.u8(1);
              Value.CODEC.write(a.balance(), out);
              out.u64(a.nonce());
            }
            case Utxo u -> {
              out.u8(2);
              TxOutput.CODEC.write(u.output(), out);
            }
            case Data d -> {
              out.u8(3);
              data.write(d.bytes(), out);
            }
          }
        }

        @Override
        public StateObject read(Reader in) {
          int tag = in.u8("StateObject tag");
          return switch (tag) {
            case 1 -> new Account(Value.CODEC.read(in), in.u64("Account nonce"));
            case 2 -> new Utxo(TxOutput.CODEC.read(in));
            case 3 -> new Data(data.read(in));
            default -> throw new CodecException.UnknownTag("StateObject", tag);
          };
        }
      };

  /** An account: a multi-asset balance and the nonce its next transaction as payer must carry. */
  record Account(Value balance, long nonce) implements StateObject {
    public static final Account EMPTY = new Account(Value.EMPTY, 0);

    public Account {
      java.util.Objects.requireNonNull(balance, "balance");
    }

    /** True when storing it would be pointless: no balance and never used as a payer. */
    public boolean isEmpty() {
      return balance.isEmpty() && nonce == 0;
    }
  }

  /** An unspent transaction output. */
  record Utxo(TxOutput output) implements StateObject {
    public Utxo {
      java.util.Objects.requireNonNull(output, "output");
    }
  }

  /** Opaque bytes owned by a program. */
  record Data(Bytes bytes) implements StateObject {
    public Data {
      if (bytes.length() > MAX_DATA) {
        throw new IllegalArgumentException("data object over " + MAX_DATA + " bytes");
      }
    }
  }
}
