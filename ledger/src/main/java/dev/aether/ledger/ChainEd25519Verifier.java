package dev.aether.ledger;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;

/**
 * Ed25519 with the chain's one acceptance rule (docs/crypto.md: canonical encodings, no small-order
 * key, {@code S < L}, cofactored check) — the same rule the crypto module's batch verifier applies
 * in the mempool, so a signature has one verdict everywhere.
 */
public final class ChainEd25519Verifier implements SignatureVerifier {
  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      return Ed25519.VERIFIER.verify(
          new Ed25519PublicKey(publicKey), message, new Ed25519Signature(signature));
    } catch (RuntimeException e) {
      return false; // undecodable key or signature: not valid
    }
  }
}
