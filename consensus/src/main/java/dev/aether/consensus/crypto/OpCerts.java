package dev.aether.consensus.crypto;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.crypto.KesVerificationKey;
import dev.aether.types.Bytes;
import dev.aether.types.OpCert;

/** Issues and checks operational certificates (the cold key's Ed25519 signature). */
public final class OpCerts {
  private OpCerts() {}

  /** The certificate {@code cold} issues for hot key {@code hot}, numbered {@code counter}. */
  public static OpCert issue(
      Ed25519KeyPair cold, KesVerificationKey hot, long counter, int startPeriod) {
    Bytes hotKey = Bytes.of(hot.bytes());
    Ed25519Signature sig = cold.sign(OpCert.signingBytes(hotKey, counter, startPeriod));
    return new OpCert(hotKey, counter, startPeriod, Bytes.of(sig.bytes()));
  }

  /** Whether {@code coldKey} signed {@code cert}. Bad encodings are a verdict, not an exception. */
  public static boolean verify(Bytes coldKey, OpCert cert) {
    try {
      return Ed25519.VERIFIER.verify(
          new Ed25519PublicKey(coldKey.toArray()),
          cert.signingBytes(),
          new Ed25519Signature(cert.coldSignature().toArray()));
    } catch (dev.aether.crypto.CryptoException | IllegalArgumentException e) {
      return false;
    }
  }
}
