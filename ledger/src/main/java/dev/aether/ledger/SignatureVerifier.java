package dev.aether.ledger;

/**
 * Checks one Ed25519 signature. The ledger verifies transaction signatures through this so the node
 * can plug in the crypto module's verifier; blocks whose signatures a batch verifier already
 * checked skip it entirely ({@link BlockContext#signaturesVerified()}).
 */
@FunctionalInterface
public interface SignatureVerifier {
  /**
   * True when {@code signature} (64 bytes) by {@code publicKey} (32 bytes) verifies over {@code
   * message}; false for any malformed input, never an exception.
   */
  boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
