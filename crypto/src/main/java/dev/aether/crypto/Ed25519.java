package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.Ed25519Engine;
import java.util.List;

/**
 * Ed25519 verification (RFC 8032) with Aether's acceptance rule, the same for single and batch
 * verification on every input:
 *
 * <ol>
 *   <li>public key {@code A} and {@code R} are canonical encodings of curve points;
 *   <li>{@code A} does not have small order;
 *   <li>{@code S < L};
 *   <li>{@code [8]([S]B - R - [k]A)} is the identity (cofactored), {@code k = SHA-512(R || A || M)
 *       mod L}.
 * </ol>
 *
 * Batch verification checks one random linear combination with 128-bit coefficients derived from a
 * hash of the whole batch (deterministic across nodes).
 */
public final class Ed25519 implements Verifier {

  /** Stateless: one instance serves everyone. */
  public static final Ed25519 VERIFIER = new Ed25519();

  private Ed25519() {}

  @Override
  public boolean verify(
      final Ed25519PublicKey publicKey, final byte[] message, final Ed25519Signature signature) {
    return Ed25519Engine.verify(publicKey.bytes(), message, signature.bytes());
  }

  @Override
  public boolean verifyBatch(final List<Signed> items) {
    return Ed25519Engine.verifyBatch(
        items.stream()
            .map(
                s ->
                    new Ed25519Engine.Item(
                        s.publicKey().bytes(), s.message(), s.signature().bytes()))
            .toList());
  }
}
