package dev.aether.crypto;

import java.util.Arrays;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A BLS12-381 secret key (a non-zero scalar below r). {@link #toString()} never shows it; the
 * scalar leaves the object only through {@link #toBytes()}, for storage.
 *
 * <p>Each use loads the scalar into a short-lived blst {@code SecretKey} (whose limbs live in a
 * Java {@code long[]}) and overwrites that with zeros right after. {@link #close()} overwrites the
 * scalar; signing afterwards fails with {@code CRYPTO_KEY_CLOSED}. What neither can reach (blst's
 * native stack during signing, JVM copies) is listed in docs/crypto.md ("Secrets in memory").
 */
public final class BlsSecretKey implements AutoCloseable {

  /** Minimum input keying material for {@link #fromSeed}, as EIP-2333 and the IETF draft ask. */
  public static final int MIN_SEED_LENGTH = 32;

  /** r, the BLS12-381 group order, 32 bytes big-endian (the same value as {@code Bls.R}). */
  private static final byte[] R_BE =
      java.util.HexFormat.of()
          .parseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

  private static final byte[] ZERO = new byte[32];

  private final byte[] scalar; // 32 bytes big-endian
  private final BlsPublicKey publicKey;
  private final SecretGuard guard = new SecretGuard("BLS key");

  private BlsSecretKey(final byte[] scalar) {
    this.scalar = scalar;
    final SecretKey sk = blst();
    try {
      this.publicKey = new BlsPublicKey(new P1(sk).compress());
    } finally {
      wipe(sk);
    }
  }

  private SecretKey blst() {
    final SecretKey sk = new SecretKey();
    sk.from_bendian(scalar);
    return sk;
  }

  /** Overwrites blst's copy of the scalar (its limbs are a Java array behind the object). */
  private static void wipe(final SecretKey sk) {
    sk.from_bendian(ZERO);
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
    final byte[] scalar = sk.to_bendian();
    wipe(sk);
    return new BlsSecretKey(scalar);
  }

  /**
   * A key from its 32-byte big-endian scalar; refuses 0 and values at or above r. The range check
   * runs over every byte without an early exit. The argument is copied.
   */
  public static BlsSecretKey fromBytes(final byte[] bytes) {
    final byte[] copy = Bytes.checked("BLS secret key", bytes, 32);
    if (!inRange(copy)) {
      Arrays.fill(copy, (byte) 0);
      throw CryptoException.badEncoding("BLS secret key", "must be in [1, r)");
    }
    return new BlsSecretKey(copy);
  }

  /** {@code 0 < v < r} for 32 bytes big-endian, without branching on the bytes. */
  static boolean inRange(final byte[] v) {
    int any = 0;
    int borrow = 0; // v − r, from the least significant byte up; a final borrow means v < r
    for (int i = 31; i >= 0; i--) {
      any |= v[i];
      final int d = (v[i] & 0xFF) - (R_BE[i] & 0xFF) - borrow;
      borrow = (d >>> 31) & 1;
    }
    return (any & 0xFF) != 0 && borrow == 1;
  }

  /** A copy of the 32-byte big-endian scalar, for writing a key file; the caller should wipe it. */
  public byte[] toBytes() {
    return guard.use(scalar::clone);
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
    return guard.use(
        () -> {
          final SecretKey sk = blst();
          try {
            final P2 point = new P2();
            point.hash_to(message, dst, new byte[0]).sign_with(sk);
            return new BlsSignature(point.compress());
          } finally {
            wipe(sk);
          }
        });
  }

  /** Whether {@link #close()} has erased the secret. */
  public boolean isClosed() {
    return guard.isClosed();
  }

  /** Erases the scalar (idempotent; waits for signatures in progress). */
  @Override
  public void close() {
    guard.close(() -> Arrays.fill(scalar, (byte) 0));
  }

  @Override
  public String toString() {
    return "BlsSecretKey[publicKey=" + publicKey + ", scalar=<redacted>]";
  }
}
