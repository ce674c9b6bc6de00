package dev.aether.crypto;

import java.util.List;

/**
 * Verifies Ed25519 signatures under one acceptance rule for single and batch checks (see {@link
 * Ed25519}). Malformed inputs are answered with {@code false}, never an exception.
 */
public interface Verifier {

  /** One signed message, for batch verification. */
  record Signed(Ed25519PublicKey publicKey, byte[] message, Ed25519Signature signature) {
    public Signed {
      message = message.clone();
    }

    @Override
    public byte[] message() {
      return message.clone();
    }
  }

  boolean verify(Ed25519PublicKey publicKey, byte[] message, Ed25519Signature signature);

  /**
   * True iff every item would pass {@link #verify}; one multi-scalar multiplication for the whole
   * batch. A false answer does not say which item failed: check them one by one.
   */
  boolean verifyBatch(List<Signed> items);
}
