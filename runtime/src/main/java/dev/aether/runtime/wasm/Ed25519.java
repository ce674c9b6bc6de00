package dev.aether.runtime.wasm;

/**
 * Ed25519 verification for the {@code ed25519_verify} host function, with the chain's one
 * acceptance rule (the crypto module's verifier, as for transaction signatures), so a contract and
 * the ledger never disagree about a signature.
 */
final class Ed25519 {
  private Ed25519() {}

  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      return dev.aether.crypto.Ed25519.VERIFIER.verify(
          new dev.aether.crypto.Ed25519PublicKey(publicKey),
          message,
          new dev.aether.crypto.Ed25519Signature(signature));
    } catch (RuntimeException e) {
      return false; // malformed key or signature: simply not valid
    }
  }
}
