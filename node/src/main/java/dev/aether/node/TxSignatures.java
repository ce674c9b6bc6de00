package dev.aether.node;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.crypto.Verifier;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks transaction signatures once per node instead of once per execution: a block's transaction
 * that the mempool already holds (signatures included) was verified at admission, and the rest are
 * verified here in batches, about twice as fast per signature as one by one. Batch and single
 * verification apply the same acceptance rule (see {@link Ed25519}), so whether the ledger then
 * skips its own per-signature check changes no block's outcome; when a batch fails, the ledger
 * checks one by one and names the bad transaction as before.
 */
final class TxSignatures {
  /** Signatures per batch: the batch verifier's measured sweet spot (docs/BENCHMARKS.md). */
  static final int BATCH = 64;

  private TxSignatures() {}

  /**
   * True when every signature of {@code txs} is valid: those of transactions {@code known} accepts
   * are taken as verified, the others are verified in batches. False when a batch fails.
   */
  static boolean allValid(List<Tx> txs, Predicate<Tx> known) {
    try {
      return verifyUnknown(txs, known);
    } catch (RuntimeException e) {
      return false; // a key or signature of the wrong length: let the ledger name it
    }
  }

  private static boolean verifyUnknown(List<Tx> txs, Predicate<Tx> known) {
    List<Verifier.Signed> batch = new ArrayList<>(BATCH);
    for (Tx tx : txs) {
      if (tx.signatures().isEmpty() || known.test(tx)) {
        continue;
      }
      byte[] msg = tx.id().toArray();
      for (TxSignature s : tx.signatures()) {
        batch.add(signed(s, msg));
      }
      if (batch.size() >= BATCH) {
        if (!verify(batch)) {
          return false;
        }
        batch.clear();
      }
    }
    return verify(batch);
  }

  private static boolean verify(List<Verifier.Signed> batch) {
    return batch.isEmpty() || Ed25519.VERIFIER.verifyBatch(batch);
  }

  private static Verifier.Signed signed(TxSignature s, byte[] msg) {
    return new Verifier.Signed(
        new Ed25519PublicKey(s.publicKey().toArray()),
        msg,
        new Ed25519Signature(s.signature().toArray()));
  }
}
