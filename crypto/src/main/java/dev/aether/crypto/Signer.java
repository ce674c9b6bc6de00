package dev.aether.crypto;

/** Holds a signing key and signs messages (Ed25519: transactions and node messages). */
public interface Signer {

  /** The public half, safe to publish. */
  Ed25519PublicKey publicKey();

  /** A deterministic RFC 8032 signature of {@code message}. */
  Ed25519Signature sign(byte[] message);
}
