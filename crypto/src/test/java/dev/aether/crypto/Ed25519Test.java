package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.crypto.internal.ed25519.Point;
import dev.aether.crypto.internal.ed25519.Scalars;
import dev.aether.crypto.internal.ed25519.Sha512;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ed25519Test {

  private static final Verifier V = Ed25519.VERIFIER;

  private static Ed25519KeyPair key(final long seed) {
    final byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return Ed25519KeyPair.fromSeed(s);
  }

  private static boolean single(final Verifier.Signed s) {
    return V.verify(s.publicKey(), s.message(), s.signature());
  }

  /** Single verdicts and the batch verdict of the same items. */
  private static void assertBatchAgrees(final List<Verifier.Signed> items) {
    final boolean all = items.stream().allMatch(Ed25519Test::single);
    assertThat(V.verifyBatch(items)).isEqualTo(all);
  }

  @Test
  void rfc8032VectorsSignAndVerify() {
    final JsonNode tests = Vectors.json(Vectors.dir("ed25519").resolve("rfc8032.json"));
    assertThat(tests).hasSize(5);
    final List<Verifier.Signed> batch = new ArrayList<>();
    for (final JsonNode t : tests) {
      final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(Vectors.hex(t.get("sk").asText()));
      final byte[] msg = Vectors.hex(t.get("msg").asText());
      final Ed25519PublicKey pk = new Ed25519PublicKey(Vectors.hex(t.get("pk").asText()));
      final Ed25519Signature sig = new Ed25519Signature(Vectors.hex(t.get("sig").asText()));
      assertThat(kp.publicKey()).as(t.get("name").asText()).isEqualTo(pk);
      assertThat(kp.sign(msg)).as(t.get("name").asText()).isEqualTo(sig);
      assertThat(V.verify(pk, msg, sig)).isTrue();
      final byte[] badMsg = Arrays.copyOf(msg, msg.length + 1);
      assertThat(V.verify(pk, badMsg, sig)).isFalse();
      final byte[] badSig = sig.bytes();
      badSig[5] ^= 1;
      assertThat(V.verify(pk, msg, new Ed25519Signature(badSig))).isFalse();
      final byte[] badPk = pk.bytes();
      badPk[0] ^= 2;
      assertThat(V.verify(new Ed25519PublicKey(badPk), msg, sig)).isFalse();
      batch.add(new Verifier.Signed(pk, msg, sig));
    }
    assertThat(V.verifyBatch(batch)).isTrue();
  }

  @Test
  void matchesTheJdkImplementationOnRandomKeys() throws Exception {
    final KeyFactory kf = KeyFactory.getInstance("Ed25519");
    qt().withExamples(40)
        .forAll(integers().between(0, 300))
        .checkAssert(
            len -> {
              try {
                final Random rnd = new Random(len * 7919L + 1);
                final byte[] seed = new byte[32];
                rnd.nextBytes(seed);
                final byte[] msg = new byte[len];
                rnd.nextBytes(msg);
                final Signature jdk = Signature.getInstance("Ed25519");
                jdk.initSign(
                    kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
                jdk.update(msg);
                final byte[] expected = jdk.sign();
                final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
                assertThat(kp.sign(msg).bytes()).isEqualTo(expected);
                assertThat(V.verify(kp.publicKey(), msg, new Ed25519Signature(expected))).isTrue();
              } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void signVerifyRoundTripAndBatchEqualsEach() {
    qt().withExamples(30)
        .forAll(integers().between(1, 12), integers().all())
        .checkAssert(
            (n, seed) -> {
              final Random rnd = new Random(seed);
              final List<Verifier.Signed> items = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                final Ed25519KeyPair kp = key(rnd.nextLong());
                final byte[] msg = new byte[rnd.nextInt(64)];
                rnd.nextBytes(msg);
                final Ed25519Signature sig = kp.sign(msg);
                assertThat(V.verify(kp.publicKey(), msg, sig)).isTrue();
                items.add(new Verifier.Signed(kp.publicKey(), msg, sig));
              }
              assertThat(V.verifyBatch(items)).isTrue();
              // Corrupt one item in one of several ways; batch must agree with the singles.
              final int victim = rnd.nextInt(n);
              final Verifier.Signed v = items.get(victim);
              final byte[] sig = v.signature().bytes();
              byte[] msg = v.message();
              final byte[] pk = v.publicKey().bytes();
              switch (rnd.nextInt(4)) {
                case 0 -> sig[rnd.nextInt(64)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> msg = Arrays.copyOf(msg, msg.length + 1);
                case 2 -> pk[rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
                default -> sig[63] |= (byte) 0xf0; // S far above L
              }
              items.set(
                  victim,
                  new Verifier.Signed(new Ed25519PublicKey(pk), msg, new Ed25519Signature(sig)));
              assertThat(single(items.get(victim))).isFalse();
              assertBatchAgrees(items);
              assertThat(V.verifyBatch(items)).isFalse();
            });
  }

  @Test
  void emptyBatchIsTrue() {
    assertThat(V.verifyBatch(List.of())).isTrue();
  }

  // ---- edge cases of the acceptance rule -------------------------------------------------

  /** A point of order exactly 8: the torsion part [L]P of some decodable P. */
  static Point torsion8() {
    final byte[] enc = new byte[32];
    for (int i = 2; ; i++) {
      enc[0] = (byte) i;
      final var p = Point.decode(enc);
      if (p.isPresent()) {
        final Point t = p.get().mulVartime(BigScalars.toLe32(BigScalars.L));
        if (!t.dbl().dbl().isIdentity()) {
          return t;
        }
      }
    }
  }

  private static final byte[] MSG = "edge".getBytes(StandardCharsets.UTF_8);

  /** Signs by hand with secret scalar a under public point A and nonce point R (any torsion). */
  private static Verifier.Signed handSigned(
      final BigInteger a, final Point aPoint, final BigInteger r, final Point rPoint) {
    final byte[] aEnc = aPoint.encode();
    final byte[] rEnc = rPoint.encode();
    final BigInteger k = BigScalars.fromLe(Scalars.reduce(Sha512.hash(rEnc, aEnc, MSG)));
    final BigInteger s = r.add(k.multiply(a)).mod(BigScalars.L);
    final byte[] sig = new byte[64];
    System.arraycopy(rEnc, 0, sig, 0, 32);
    System.arraycopy(BigScalars.toLe32(s), 0, sig, 32, 32);
    return new Verifier.Signed(new Ed25519PublicKey(aEnc), MSG, new Ed25519Signature(sig));
  }

  @Test
  void torsionInPublicKeyOrNonceIsAcceptedBySingleAndBatchAlike() {
    final Point t = torsion8();
    final BigInteger a = BigInteger.valueOf(123456789);
    final BigInteger r = BigInteger.valueOf(987654321);
    final Point aB = Point.BASE.mulVartime(BigScalars.toLe32(a));
    final Point rB = Point.BASE.mulVartime(BigScalars.toLe32(r));
    final List<Verifier.Signed> cases = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Point ti = Point.IDENTITY;
      for (int j = 0; j < i; j++) {
        ti = ti.add(t);
      }
      cases.add(handSigned(a, aB.add(ti), r, rB)); // mixed-order A
      cases.add(handSigned(a, aB, r, rB.add(ti))); // mixed-order R
    }
    for (final Verifier.Signed c : cases) {
      // Cofactored rule: [8]([S]B - R - [k]A) kills the torsion, so these are valid.
      assertThat(single(c)).isTrue();
      assertThat(V.verifyBatch(List.of(c))).isTrue();
    }
    assertThat(V.verifyBatch(cases)).isTrue();
    // The cofactorless check (the JDK's) rejects some of them: the rule choice matters here.
    assertThat(cases.stream().filter(c -> !jdkVerifies(c)).count()).isPositive();
  }

  /** The JDK's (cofactorless, RFC 8032) verdict. */
  private static boolean jdkVerifies(final Verifier.Signed c) {
    try {
      final byte[] prefix = Vectors.hex("302a300506032b6570032100");
      final byte[] spki = Arrays.copyOf(prefix, prefix.length + 32);
      System.arraycopy(c.publicKey().bytes(), 0, spki, prefix.length, 32);
      final Signature jdk = Signature.getInstance("Ed25519");
      jdk.initVerify(
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
      jdk.update(c.message());
      return jdk.verify(c.signature().bytes());
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Test
  void smallOrderPublicKeysAreRejected() {
    final Point t = torsion8();
    Point ti = Point.IDENTITY;
    for (int i = 0; i < 8; i++) {
      // With A of small order, [8][k]A = 0, so any (R, S) with [8]([S]B - R) = 0 would pass:
      // exactly the forgery the small-order rule prevents.
      final Point r = Point.BASE.mulVartime(BigScalars.toLe32(BigInteger.valueOf(5)));
      final byte[] sig = new byte[64];
      System.arraycopy(r.encode(), 0, sig, 0, 32);
      sig[32] = 5;
      final Verifier.Signed forged =
          new Verifier.Signed(new Ed25519PublicKey(ti.encode()), MSG, new Ed25519Signature(sig));
      assertThat(single(forged)).isFalse();
      assertThat(V.verifyBatch(List.of(forged))).isFalse();
      ti = ti.add(t);
    }
  }

  @Test
  void smallOrderNonceWithValidEquationIsAccepted() {
    // R = identity, S = k*a: [S]B - R - [k]A = 0. Allowed by the rule (only A is restricted).
    final BigInteger a = BigInteger.valueOf(42);
    final Verifier.Signed c =
        handSigned(a, Point.BASE.mulVartime(BigScalars.toLe32(a)), BigInteger.ZERO, Point.IDENTITY);
    assertThat(single(c)).isTrue();
    assertThat(V.verifyBatch(List.of(c))).isTrue();
  }

  @Test
  void nonCanonicalEncodingsAreRejected() {
    final Ed25519KeyPair kp = key(7);
    final Ed25519Signature sig = kp.sign(MSG);
    // S + L: same value mod L, non-canonical.
    final BigInteger s = BigScalars.fromLe(Arrays.copyOfRange(sig.bytes(), 32, 64));
    final byte[] bigS = sig.bytes();
    System.arraycopy(BigScalars.toLe32(s.add(BigScalars.L)), 0, bigS, 32, 32);
    final Verifier.Signed sPlusL =
        new Verifier.Signed(kp.publicKey(), MSG, new Ed25519Signature(bigS));
    assertThat(single(sPlusL)).isFalse();
    assertThat(V.verifyBatch(List.of(sPlusL))).isFalse();

    // A point with a non-canonical y (y + p < 2^255) as R and as A.
    final BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    int found = 0;
    for (int y = 2; y < 19; y++) {
      final byte[] canonical = BigScalars.toLe32(BigInteger.valueOf(y));
      if (Point.decode(canonical).isEmpty()) {
        continue;
      }
      found++;
      final byte[] nonCanonical = BigScalars.toLe32(BigInteger.valueOf(y).add(p));
      assertThat(Point.decode(nonCanonical)).isEmpty();
      final byte[] badR = sig.bytes();
      System.arraycopy(nonCanonical, 0, badR, 0, 32);
      final Verifier.Signed r =
          new Verifier.Signed(kp.publicKey(), MSG, new Ed25519Signature(badR));
      final Verifier.Signed a = new Verifier.Signed(new Ed25519PublicKey(nonCanonical), MSG, sig);
      for (final Verifier.Signed c : List.of(r, a)) {
        assertThat(single(c)).isFalse();
        assertThat(V.verifyBatch(List.of(c))).isFalse();
      }
    }
    assertThat(found).isPositive();
    // x = 0 with the sign bit set ("negative zero"): the identity's encoding | 0x80.
    final byte[] negZero = new byte[32];
    negZero[0] = 1;
    negZero[31] = (byte) 0x80;
    assertThat(Point.decode(negZero)).isEmpty();
  }

  @Test
  void toStringNeverShowsTheSeed() {
    final byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 0xab);
    final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
    assertThat(kp.toString()).doesNotContain("abab").contains(kp.publicKey().toString());
  }

  @Test
  void sha256MatchesFips180Example() {
    assertThat(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)).toString())
        .isEqualTo("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
