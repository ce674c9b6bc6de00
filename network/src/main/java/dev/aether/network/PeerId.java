package dev.aether.network;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A peer's identity: its 32-byte Ed25519 node public key. The QUIC handshake proves the remote side
 * holds the matching private key (see {@link NodeKey} and {@code docs/network.md}).
 *
 * @param key 32-byte Ed25519 public key
 */
public record PeerId(byte[] key) implements Comparable<PeerId> {
  public PeerId {
    if (key.length != 32) {
      throw new IllegalArgumentException("peer id must be 32 bytes, got " + key.length);
    }
    key = key.clone();
  }

  /** Parses 64 hex characters. */
  public static PeerId fromHex(final String hex) {
    return new PeerId(HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  /** Full lowercase hex. */
  public String toHex() {
    return HexFormat.of().formatHex(key);
  }

  /** True when {@code signature} is this key's Ed25519 signature over {@code message}. */
  public boolean verify(final byte[] message, final byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    final Ed25519Signer v = new Ed25519Signer();
    v.init(false, new Ed25519PublicKeyParameters(key, 0));
    v.update(message, 0, message.length);
    return v.verifySignature(signature);
  }

  @Override
  public int compareTo(final PeerId o) {
    return Arrays.compareUnsigned(key, o.key);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof PeerId p && Arrays.equals(key, p.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(key, 0, 6);
  }
}
