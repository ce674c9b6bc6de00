package dev.aether.node;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.util.List;

/** Minimal transactions of one fixed payer for admission and signature tests. */
final class TestTxs {
  static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
  static final Address PAYER = Address.ofPublicKey(KEY.publicKey().bytes());

  private TestTxs() {}

  /** A body with no inputs, writes or calls, paying up to 10 000 at {@code nonce}. */
  static TxBody body(long nonce) {
    return new TxBody(
        "aether-test",
        PAYER,
        nonce,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(10_000),
        0,
        1_000);
  }

  /** {@link #body} signed by its payer. */
  static Tx signed(long nonce) {
    return BankProgram.signed(KEY, body(nonce));
  }
}
