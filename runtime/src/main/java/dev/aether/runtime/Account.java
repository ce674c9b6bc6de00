package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A read-write account: a multi-asset balance and the nonce of the next transaction it pays for.
 * Stored under {@link #key(Address)}.
 */
public record Account(Value balance, long nonce) {
  public static final Account EMPTY = new Account(Value.EMPTY, 0);

  public static final Codec<Account> CODEC =
      new Codec<>() {
        @Override
        public void write(Account v, Writer out) {
          Value.CODEC.write(v.balance, out);
          out.u64(v.nonce);
        }

        @Override
        public Account read(Reader in) {
          return new Account(Value.CODEC.read(in), in.u64("Account nonce"));
        }
      };

  public Account {
    java.util.Objects.requireNonNull(balance, "balance");
  }

  /** The state key of the account of {@code owner}. */
  public static H256 key(Address owner) {
    return Hashing.tagged("aether/account/v1", owner.hash().toArray());
  }
}
