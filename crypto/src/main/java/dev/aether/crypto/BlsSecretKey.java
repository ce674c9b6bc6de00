package dev.aether.crypto;

import java.math.BigInteger;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A BLS12-381 secret key (a non-zero scalar below r). {@link #toString()} never shows it; the
 * scalar leaves the object only through {@link #toBytes()}, for storage.
 */
public final class BlsSecretKey {

  /** Minimum input keying material for {@link #fromSeed}, as EIP-2333 and the IETF draft ask. */
  public static final int MIN_SEED_LENGTH = 32;

  private final byte[] scalar; // 32 bytes big-endian
  private final BlsPublicKey publicKey;

  private BlsSecretKey(final byte[] scalar) {
    this.scalar = scalar;
    this.publicKey = new BlsPublicKey(new P1(blst()).compress());
  }

  private SecretKey blst() {
    final SecretKey sk = new SecretKey();
    sk.from_bendian(scalar);
    return sk;
  }

  /**
   * EIP-2333 {@code derive_master_SK(seed)}: HKDF-mod-r with salt "BLS-SIG-KEYGEN-SALT-", the IETF
   * draft's KeyGen with empty key_info.
   */
  public static BlsSecretKey fromSeed(final byte[] seed) {
    if (seed.length < MIN_SEED_LENGTH) {
      throw CryptoException.badLength("BLS seed (at least)", MIN_SEED_LENGTH, seed.length);
    }
    final SecretKey sk = new SecretKey();
    sk.derive_master_eip2333(seed);
    return new BlsSecretKey(sk.to_bendian());
  }

  /** A key from its 32-byte big-endian scalar; refuses 0 and values at or above r. */
  public static BlsSecretKey fromBytes(final byte[] bytes) {
    final byte[] copy = Bytes.checked("BLS secret key", bytes, 32);
    final BigInteger v = new BigInteger(1, copy);
    if (v.signum() == 0 || v.compareTo(Bls.R) >= 0) {
      throw CryptoException.badEncoding("BLS secret key", "must be in [1, r)");
    }
    return new BlsSecretKey(copy);
  }

  /** A copy of the 32-byte big-endian scalar, for writing a key file. */
  public byte[] toBytes() {
    return scalar.clone();
  }

  public BlsPublicKey publicKey() {
    return publicKey;
  }

  /** {@code Sign(sk, message)} of the ciphersuite. */
  public BlsSignature sign(final byte[] message) {
    return sign(message, Bls.DST);
  }

  /** {@code PopProve(sk)}: a signature over the public key's bytes under the PoP DST. */
  public BlsSignature provePossession() {
    return sign(publicKey.bytes(), Bls.POP_DST);
  }

  private BlsSignature sign(final byte[] message, final String dst) {
    final P2 point = new P2();
    point.hash_to(message, dst, new byte[0]).sign_with(blst());
    return new BlsSignature(point.compress());
  }

  @Override
  public String toString() {
    return "BlsSecretKey[publicKey=" + publicKey + ", scalar=<redacted>]";
  }
}
