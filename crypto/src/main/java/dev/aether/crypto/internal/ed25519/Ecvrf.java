package dev.aether.crypto.internal.ed25519;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECVRF over edwards25519 per RFC 9381, suites {@code ECVRF-EDWARDS25519-SHA512-TAI} (suite byte
 * 0x03, try-and-increment hash to curve) and {@code ECVRF-EDWARDS25519-SHA512-ELL2} (0x04, RFC 9380
 * {@code edwards25519_XMD:SHA-512_ELL2_NU_}). Proofs are {@code Gamma(32) || c(16) || s(32)};
 * outputs are 64 bytes. Verification validates the public key (rejects small order).
 */
public final class Ecvrf {

  /** The two edwards25519 suites of RFC 9381. */
  public enum Suite {
    TAI((byte) 0x03),
    ELL2((byte) 0x04);

    final byte id;

    Suite(final byte id) {
      this.id = id;
    }
  }

  public static final int PROOF_LENGTH = 80;
  public static final int OUTPUT_LENGTH = 64;

  private static final int C_LEN = 16;

  private Ecvrf() {}

  /**
   * {@code Prove(SK, alpha)} for a 32-byte RFC 8032 seed. The secret scalar {@code x}, the nonce
   * {@code k} and their hashes go through {@link Scalars}' fixed-width arithmetic and the masked
   * scalar multiplications; they are zeroed before returning.
   */
  public static byte[] prove(final Suite suite, final byte[] seed, final byte[] alpha) {
    final byte[] h = Sha512.hash(seed);
    final byte[] x = Arrays.copyOfRange(h, 0, 32);
    x[0] &= (byte) 248;
    x[31] &= 127;
    x[31] |= 64;
    final byte[] prefix = Arrays.copyOfRange(h, 32, 64);
    Arrays.fill(h, (byte) 0);
    try {
      final Point y = Point.mulBaseSecret(x);
      final byte[] pk = y.encode();
      final Point hPoint = encodeToCurve(suite, pk, alpha);
      final byte[] hString = hPoint.encode();
      final Point gamma = hPoint.mulSecret(x);
      final byte[] nonceHash = Sha512.hash(prefix, hString);
      final byte[] k = Scalars.reduce(nonceHash);
      Arrays.fill(nonceHash, (byte) 0);
      final byte[] c =
          challenge(
              suite, pk, hString, gamma.encode(), Point.mulBaseSecret(k), hPoint.mulSecret(k));
      final byte[] s = Scalars.mulAdd(c, x, k);
      Arrays.fill(k, (byte) 0);
      final byte[] pi = new byte[PROOF_LENGTH];
      System.arraycopy(gamma.encode(), 0, pi, 0, 32);
      System.arraycopy(c, 0, pi, 32, C_LEN);
      System.arraycopy(s, 0, pi, 48, 32);
      return pi;
    } finally {
      Arrays.fill(x, (byte) 0);
      Arrays.fill(prefix, (byte) 0);
    }
  }

  /** The public key of a seed (the same as its Ed25519 public key). */
  public static byte[] publicKey(final byte[] seed) {
    final Ed25519Engine.Expanded e = Ed25519Engine.expand(seed);
    e.wipe();
    return e.publicKey();
  }

  /** {@code Verify(PK, alpha, pi)}: the output beta if valid, else empty. */
  public static Optional<byte[]> verify(
      final Suite suite, final byte[] pk, final byte[] alpha, final byte[] pi) {
    if (pk.length != 32 || pi.length != PROOF_LENGTH) {
      return Optional.empty();
    }
    final Optional<Point> y = Point.decode(pk);
    if (y.isEmpty() || y.get().hasSmallOrder()) {
      return Optional.empty();
    }
    final Optional<Point> gamma = Point.decode(Arrays.copyOfRange(pi, 0, 32));
    if (gamma.isEmpty()) {
      return Optional.empty();
    }
    final byte[] c = Arrays.copyOf(Arrays.copyOfRange(pi, 32, 48), 32);
    final byte[] s = Arrays.copyOfRange(pi, 48, 80);
    if (!Scalars.isCanonical(s)) {
      return Optional.empty();
    }
    final Point hPoint = encodeToCurve(suite, pk, alpha);
    final Point u =
        Point.multiScalarMulVartime(new byte[][] {c}, new Point[] {y.get().negate()}, s);
    final Point v =
        Point.multiScalarMulVartime(
            new byte[][] {s, c}, new Point[] {hPoint, gamma.get().negate()}, null);
    final byte[] expected =
        challenge(suite, pk, hPoint.encode(), Arrays.copyOfRange(pi, 0, 32), u, v);
    if (!Arrays.equals(Arrays.copyOf(expected, C_LEN), Arrays.copyOfRange(pi, 32, 48))) {
      return Optional.empty();
    }
    return Optional.of(hashGamma(suite, gamma.get()));
  }

  /** {@code ProofToHash(pi)}: empty if Gamma does not decode or s is not canonical. */
  public static Optional<byte[]> proofToHash(final Suite suite, final byte[] pi) {
    if (pi.length != PROOF_LENGTH || !Scalars.isCanonical(Arrays.copyOfRange(pi, 48, 80))) {
      return Optional.empty();
    }
    return Point.decode(Arrays.copyOfRange(pi, 0, 32)).map(g -> hashGamma(suite, g));
  }

  private static byte[] hashGamma(final Suite suite, final Point gamma) {
    return Sha512.hash(
        new byte[] {suite.id, 0x03}, gamma.mulByCofactor().encode(), new byte[] {0x00});
  }

  /** {@code challenge_generation}: first 16 bytes of the hash, as a 32-byte LE scalar. */
  private static byte[] challenge(
      final Suite suite,
      final byte[] pk,
      final byte[] hString,
      final byte[] gamma,
      final Point u,
      final Point v) {
    final byte[] digest =
        Sha512.hash(
            new byte[] {suite.id, 0x02},
            pk,
            hString,
            gamma,
            u.encode(),
            v.encode(),
            new byte[] {0});
    return Arrays.copyOf(Arrays.copyOf(digest, C_LEN), 32);
  }

  static Point encodeToCurve(final Suite suite, final byte[] pk, final byte[] alpha) {
    return switch (suite) {
      case TAI -> tryAndIncrement(pk, alpha);
      case ELL2 -> elligator2(pk, alpha);
    };
  }

  /** RFC 9381 section 5.4.1.1. Variable time in alpha, which is public for leader election. */
  private static Point tryAndIncrement(final byte[] pk, final byte[] alpha) {
    for (int ctr = 0; ctr < 256; ctr++) {
      final byte[] hash =
          Sha512.hash(
              new byte[] {Suite.TAI.id, 0x01}, pk, alpha, new byte[] {(byte) ctr}, new byte[] {0});
      final Optional<Point> p = Point.decode(Arrays.copyOf(hash, 32));
      if (p.isPresent()) {
        return p.get().mulByCofactor();
      }
    }
    // Each try succeeds with probability about 1/2; 256 failures do not happen.
    throw new IllegalStateException("ECVRF try-and-increment found no point in 256 tries");
  }

  private static final byte[] ELL2_DST =
      ("ECVRF_edwards25519_XMD:SHA-512_ELL2_NU_\u0004").getBytes(StandardCharsets.ISO_8859_1);

  /** RFC 9381 section 5.4.1.2: RFC 9380 encode_to_curve, edwards25519_XMD:SHA-512_ELL2_NU_. */
  private static Point elligator2(final byte[] pk, final byte[] alpha) {
    final byte[] msg = new byte[pk.length + alpha.length];
    System.arraycopy(pk, 0, msg, 0, pk.length);
    System.arraycopy(alpha, 0, msg, pk.length, alpha.length);
    final byte[] uniform = expandMessageXmd(msg, ELL2_DST, 48);
    return Elligator.mapToEdwards(fieldFromUniform(uniform)).mulByCofactor();
  }

  /**
   * RFC 9380 {@code hash_to_field}'s {@code OS2IP(tv) mod p} for 48 big-endian bytes, in field
   * arithmetic: with {@code u = hi·2^256 + lo}, {@code 2^256 ≡ 38} and {@code 2^255 ≡ 19 (mod p)}.
   */
  static long[] fieldFromUniform(final byte[] uniform) {
    final byte[] le = new byte[48];
    for (int i = 0; i < 48; i++) {
      le[i] = uniform[47 - i];
    }
    final long[] lo = Field.fromBytes(Arrays.copyOf(le, 32)); // bits 0..254
    final long[] hi = Field.fromBytes(Arrays.copyOfRange(le, 32, 64)); // 128 bits, zero-padded
    final long[] u = Field.zero();
    Field.mul(u, hi, Field.of(38));
    Field.add(u, u, lo);
    Field.add(u, u, Field.of(19 * ((le[31] >> 7) & 1))); // bit 255 of lo
    return Field.fromBytes(Field.toBytes(u)); // canonical limbs, as the BigInteger path gave
  }

  /** RFC 9380 section 5.3.1 with SHA-512 (b = 64, s = 128); {@code len <= 64} here. */
  static byte[] expandMessageXmd(final byte[] msg, final byte[] dst, final int len) {
    final byte[] dstPrime = Arrays.copyOf(dst, dst.length + 1);
    dstPrime[dst.length] = (byte) dst.length;
    final byte[] b0 =
        Sha512.hash(new byte[128], msg, new byte[] {(byte) (len >> 8), (byte) len, 0}, dstPrime);
    final byte[] b1 = Sha512.hash(b0, new byte[] {1}, dstPrime);
    return Arrays.copyOf(b1, len);
  }
}
