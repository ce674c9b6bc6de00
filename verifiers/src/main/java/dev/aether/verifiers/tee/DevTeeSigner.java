package dev.aether.verifiers.tee;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/**
 * Produces development quotes with a local Ed25519 key, for devnet providers without TEE hardware.
 * The resulting quotes are accepted only where {@link Policy#allowDevAttestations()} is set.
 */
public final class DevTeeSigner {

  private final KeyPair keys;
  private final byte[] publicKey;

  /**
   * A signer over an Ed25519 key pair (e.g. from {@code KeyPairGenerator.getInstance("Ed25519")}).
   *
   * @throws IllegalArgumentException when the keys are not Ed25519
   */
  public DevTeeSigner(final KeyPair keys) {
    if (!"EdDSA".equals(keys.getPublic().getAlgorithm())
        && !"Ed25519".equals(keys.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException("development TEE keys must be Ed25519");
    }
    this.keys = keys;
    this.publicKey = Ed25519Keys.toRaw(keys.getPublic());
  }

  /** The signer's raw public key (32 bytes), to list in {@link Policy#trustedDevKeys()}. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Signs a development quote.
   *
   * @param measurement 48 bytes identifying the guest software
   * @param reportData 64 bytes, e.g. {@link TeeBinding#reportData()}
   * @return the {@link DevQuote#SIZE}-byte quote
   */
  public byte[] quote(final byte[] measurement, final byte[] reportData) {
    if (measurement.length != 48 || reportData.length != 64) {
      throw new IllegalArgumentException("measurement must be 48 bytes and report data 64");
    }
    final byte[] signed = DevQuote.signedPart(measurement, reportData, publicKey);
    try {
      final Signature sig = Signature.getInstance("Ed25519");
      sig.initSign(keys.getPrivate());
      sig.update(signed);
      final byte[] out = new byte[DevQuote.SIZE];
      System.arraycopy(signed, 0, out, 0, DevQuote.SIGNED_END);
      System.arraycopy(sig.sign(), 0, out, DevQuote.SIGNED_END, 64);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with the given Ed25519 key", e);
    }
  }
}
