package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Bytes;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TxSignaturesTest {
  private static final Ed25519KeyPair KEY = TestTxs.KEY;

  private static TxBody body(long nonce) {
    return TestTxs.body(nonce);
  }

  private static Tx signed(long nonce) {
    return TestTxs.signed(nonce);
  }

  /** Signed over another body: a well-formed but invalid signature. */
  private static Tx forged(long nonce) {
    return new Tx(body(nonce), signed(nonce + 1_000_000).signatures());
  }

  private static List<Tx> valid(int n) {
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(signed(i));
    }
    return txs;
  }

  @Test
  void validSignaturesPassInBatchesOfAnySize() {
    assertThat(TxSignatures.allValid(List.of(), tx -> false)).isTrue();
    assertThat(TxSignatures.allValid(valid(1), tx -> false)).isTrue();
    assertThat(TxSignatures.allValid(valid(2 * TxSignatures.BATCH + 3), tx -> false)).isTrue();
  }

  @Test
  void oneBadSignatureAnywhereFailsTheBlock() {
    for (int at : new int[] {0, TxSignatures.BATCH - 1, TxSignatures.BATCH, 150}) {
      List<Tx> txs = valid(151);
      txs.set(at, forged(at));
      assertThat(TxSignatures.allValid(txs, tx -> false)).as("bad at %d", at).isFalse();
    }
    List<Tx> txs = valid(3);
    txs.add(
        new Tx(body(9), List.of(new TxSignature(Bytes.of(new byte[32]), Bytes.of(new byte[64])))));
    assertThat(TxSignatures.allValid(txs, tx -> false)).as("undecodable key").isFalse();
  }

  @Test
  void transactionsAlreadyVerifiedAreNotVerifiedAgain() {
    List<Tx> txs = valid(100);
    Set<Tx> asked = ConcurrentHashMap.newKeySet();
    // Every transaction "known": nothing is verified, so even a forged one passes through to the
    // ledger unchecked here (the mempool only knows transactions whose signatures it verified).
    txs.set(50, forged(50));
    assertThat(
            TxSignatures.allValid(
                txs,
                tx -> {
                  asked.add(tx);
                  return true;
                }))
        .isTrue();
    assertThat(asked).hasSize(100);
    // Known ones are skipped, the unknown forged one is caught.
    Tx bad = txs.get(50);
    assertThat(TxSignatures.allValid(txs, tx -> !tx.equals(bad))).isFalse();
  }
}
