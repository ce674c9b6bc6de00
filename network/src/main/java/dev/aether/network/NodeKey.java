package dev.aether.network;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A node's long-term Ed25519 identity key (BouncyCastle). The network layer uses it only to sign
 * the binding between the node and its per-process TLS key; the node may share it with other roles
 * through {@link #seed()}.
 */
public final class NodeKey {
  private final Ed25519PrivateKeyParameters priv;
  private final PeerId id;

  private NodeKey(final Ed25519PrivateKeyParameters priv) {
    this.priv = priv;
    this.id = new PeerId(priv.generatePublicKey().getEncoded());
  }

  /** The key with this 32-byte RFC 8032 seed. */
  public static NodeKey fromSeed(final byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    return new NodeKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** A fresh random key. */
  public static NodeKey generate(final SecureRandom random) {
    return new NodeKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The public identity. */
  public PeerId id() {
    return id;
  }

  /** The 32-byte seed (secret). */
  public byte[] seed() {
    return priv.getEncoded();
  }

  /** Ed25519 signature (64 bytes) over {@code message}. */
  public byte[] sign(final byte[] message) {
    final Ed25519Signer s = new Ed25519Signer();
    s.init(true, priv);
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  @Override
  public String toString() {
    return "NodeKey[" + id + "]";
  }
}
