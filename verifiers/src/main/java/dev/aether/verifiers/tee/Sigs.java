package dev.aether.verifiers.tee;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTNamedCurves;

/** ECDSA helpers over the JDK provider; BouncyCastle only validates curve points. */
final class Sigs {

  private Sigs() {}

  /**
   * Verifies an ECDSA signature given as r||s (IEEE P1363). Any provider error counts as a failed
   * signature: the inputs are attacker-controlled bytes, not programming errors.
   */
  static boolean ecdsaP1363(
      final String hash, final PublicKey key, final byte[] data, final byte[] rs) {
    try {
      final Signature sig = Signature.getInstance(hash + "withECDSAinP1363Format");
      sig.initVerify(key);
      sig.update(data);
      return sig.verify(rs);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** True when {@code key} is an EC key on a curve of {@code bits} order size. */
  static boolean isEc(final PublicKey key, final int bits) {
    return key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() == bits;
  }

  /**
   * A P-256 public key from its raw x||y (64 bytes), or empty when the point is not on the curve
   * (the JDK does not check that on its own for every code path).
   */
  static Optional<PublicKey> p256(final byte[] xy) {
    if (xy.length != 64) {
      return Optional.empty();
    }
    final BigInteger x = new BigInteger(1, Arrays.copyOfRange(xy, 0, 32));
    final BigInteger y = new BigInteger(1, Arrays.copyOfRange(xy, 32, 64));
    try {
      NISTNamedCurves.getByName("P-256").getCurve().validatePoint(x, y);
      final AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      final ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
      return Optional.of(
          KeyFactory.getInstance("EC")
              .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec)));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
