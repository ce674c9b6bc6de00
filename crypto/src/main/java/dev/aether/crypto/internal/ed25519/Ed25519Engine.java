package dev.aether.crypto.internal.ed25519;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Ed25519 (RFC 8032, pure) signing and the one acceptance rule that single and batch verification
 * share (docs/crypto.md, "Ed25519 acceptance rule"):
 *
 * <ol>
 *   <li>{@code A} and {@code R} decode under RFC 8032 section 5.1.3, which rejects non-canonical
 *       encodings ({@code y >= p}, or x = 0 with the sign bit set);
 *   <li>{@code A} is not of small order;
 *   <li>{@code S < L};
 *   <li>the cofactored equation {@code [8]([S]B - R - [k]A) = 0} holds, with {@code k = SHA-512(R
 *       || A || M) mod L} over the received bytes.
 * </ol>
 *
 * The cofactored equation is what makes a random-linear-combination batch agree with single
 * verification on every input: a torsion component in one signature is annihilated by the cofactor
 * in both checks alike.
 */
public final class Ed25519Engine {

  private static final byte[] BATCH_DOMAIN =
      "AETHER-ED25519-BATCH-V1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Ed25519Engine() {}

  /**
   * The expanded secret: clamped scalar and nonce prefix (both secret), and the public key. The
   * arrays are the holder's own; {@link #wipe()} zeroes the secret ones.
   */
  public record Expanded(byte[] scalar, byte[] prefix, byte[] publicKey) {
    /** Overwrites the scalar and the prefix with zeros. */
    public void wipe() {
      Arrays.fill(scalar, (byte) 0);
      Arrays.fill(prefix, (byte) 0);
    }
  }

  public static Expanded expand(final byte[] seed) {
    final byte[] h = Sha512.hash(seed);
    final byte[] s = Arrays.copyOfRange(h, 0, 32);
    s[0] &= (byte) 248;
    s[31] &= 127;
    s[31] |= 64;
    final byte[] prefix = Arrays.copyOfRange(h, 32, 64);
    Arrays.fill(h, (byte) 0);
    return new Expanded(s, prefix, Point.mulBaseSecret(s).encode());
  }

  /**
   * RFC 8032 section 5.1.6. The secret values (the nonce hash and {@code r}, the scalar) go through
   * {@link Scalars}' fixed-width arithmetic and {@link Point#mulBaseSecret}; the temporaries
   * holding them are zeroed before returning.
   */
  public static byte[] sign(final Expanded key, final byte[] message) {
    final byte[] nonceHash = Sha512.hash(key.prefix(), message);
    final byte[] r = Scalars.reduce(nonceHash);
    Arrays.fill(nonceHash, (byte) 0);
    final byte[] rEnc = Point.mulBaseSecret(r).encode();
    final byte[] k = Scalars.reduce(Sha512.hash(rEnc, key.publicKey(), message));
    final byte[] s = Scalars.mulAdd(k, key.scalar(), r);
    Arrays.fill(r, (byte) 0);
    final byte[] sig = new byte[64];
    System.arraycopy(rEnc, 0, sig, 0, 32);
    System.arraycopy(s, 0, sig, 32, 32);
    return sig;
  }

  /** A signature whose encodings passed rules 1-3, ready for the group equation. */
  private record Parsed(Point a, Point r, byte[] s, byte[] k) {}

  private static Optional<Parsed> parse(final byte[] pk, final byte[] message, final byte[] sig) {
    if (pk.length != 32 || sig.length != 64) {
      return Optional.empty();
    }
    final Optional<Point> a = Point.decode(pk);
    if (a.isEmpty() || a.get().hasSmallOrder()) {
      return Optional.empty();
    }
    final byte[] rEnc = Arrays.copyOfRange(sig, 0, 32);
    final Optional<Point> r = Point.decode(rEnc);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    final byte[] s = Arrays.copyOfRange(sig, 32, 64);
    if (!Scalars.isCanonical(s)) {
      return Optional.empty();
    }
    final byte[] k = Scalars.reduce(Sha512.hash(rEnc, pk, message));
    return Optional.of(new Parsed(a.get(), r.get(), s, k));
  }

  public static boolean verify(final byte[] pk, final byte[] message, final byte[] sig) {
    final Optional<Parsed> p = parse(pk, message, sig);
    if (p.isEmpty()) {
      return false;
    }
    final Parsed v = p.get();
    final Point sbMinusKa =
        Point.multiScalarMulVartime(new byte[][] {v.k}, new Point[] {v.a.negate()}, v.s);
    return sbMinusKa.sub(v.r).mulByCofactor().isIdentity();
  }

  /** One (public key, message, signature) triple of a batch. */
  public record Item(byte[] publicKey, byte[] message, byte[] signature) {}

  /**
   * True iff every item verifies under {@link #verify} (up to a 2^-128 chance of a false accept):
   * checks {@code [8]([sum z_i S_i]B - sum [z_i]R_i - sum [z_i k_i]A_i) = 0} with 128-bit
   * coefficients {@code z_i} derived by hashing the whole batch, so the verdict is deterministic
   * across nodes yet unpredictable to whoever chose the signatures.
   */
  public static boolean verifyBatch(final List<Item> items) {
    final int n = items.size();
    if (n == 0) {
      return true;
    }
    final Parsed[] parsed = new Parsed[n];
    final byte[][] transcript = new byte[1 + 3 * n][];
    transcript[0] = BATCH_DOMAIN;
    for (int i = 0; i < n; i++) {
      final Item it = items.get(i);
      final Optional<Parsed> p = parse(it.publicKey(), it.message(), it.signature());
      if (p.isEmpty()) {
        return false;
      }
      parsed[i] = p.get();
      transcript[1 + 3 * i] = it.publicKey();
      transcript[2 + 3 * i] = it.signature();
      transcript[3 + 3 * i] = Sha512.hash(it.message());
    }
    final byte[] seed = Sha512.hash(transcript);
    final byte[][] scalars = new byte[2 * n][];
    final Point[] points = new Point[2 * n];
    byte[] b = new byte[32];
    for (int i = 0; i < n; i++) {
      final byte[] z = coefficient(seed, i);
      b = Scalars.mulAdd(z, parsed[i].s, b);
      scalars[2 * i] = z;
      points[2 * i] = parsed[i].r.negate();
      scalars[2 * i + 1] = Scalars.mul(z, parsed[i].k);
      points[2 * i + 1] = parsed[i].a.negate();
    }
    return Point.multiScalarMulVartime(scalars, points, b).mulByCofactor().isIdentity();
  }

  /** {@code z_i}: 128 bits of SHA-512(seed || i), never zero. */
  private static byte[] coefficient(final byte[] seed, final int i) {
    final byte[] idx = {(byte) i, (byte) (i >> 8), (byte) (i >> 16), (byte) (i >> 24)};
    final byte[] z = Arrays.copyOf(Sha512.hash(seed, idx), 32);
    Arrays.fill(z, 16, 32, (byte) 0);
    z[0] |= 1; // odd, hence non-zero, at the cost of one bit of the 128
    return z;
  }
}
