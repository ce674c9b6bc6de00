package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.internal.ed25519.Point;
import dev.aether.crypto.internal.ed25519.Scalars;
import dev.aether.crypto.internal.ed25519.Sha512;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single and batch verification must agree on every input. Builds batches mixing honest signatures,
 * signatures with torsion in A or R, small-order keys, S + L, non-canonical points and random
 * bytes, and checks {@code verifyBatch == all(verify)} on each (seeded, reproducible).
 */
class Ed25519ConsistencyTest {

  private static final Verifier V = Ed25519.VERIFIER;
  private static final Point T8 = Ed25519Test.torsion8();

  private static Verifier.Signed item(final Random rnd) {
    final byte[] msg = new byte[rnd.nextInt(40)];
    rnd.nextBytes(msg);
    final BigInteger a = new BigInteger(250, rnd).add(BigInteger.ONE);
    final BigInteger r = new BigInteger(250, rnd);
    Point aPoint = Point.BASE.mulVartime(BigScalars.toLe32(a));
    Point rPoint = Point.BASE.mulVartime(BigScalars.toLe32(r));
    final int kind = rnd.nextInt(9);
    switch (kind) {
      case 1 -> aPoint = aPoint.add(multiple(T8, 1 + rnd.nextInt(7)));
      case 2 -> rPoint = rPoint.add(multiple(T8, 1 + rnd.nextInt(7)));
      case 3 -> aPoint = multiple(T8, rnd.nextInt(8)); // small-order key
      default -> {}
    }
    final byte[] aEnc = aPoint.encode();
    final byte[] rEnc = rPoint.encode();
    final BigInteger k = BigScalars.fromLe(Scalars.reduce(Sha512.hash(rEnc, aEnc, msg)));
    BigInteger s = r.add(k.multiply(a)).mod(BigScalars.L);
    final byte[] sig = new byte[64];
    System.arraycopy(rEnc, 0, sig, 0, 32);
    switch (kind) {
      case 4 -> s = s.add(BigScalars.L); // non-canonical S
      case 5 -> s = s.add(BigInteger.ONE); // wrong S
      default -> {}
    }
    System.arraycopy(BigScalars.toLe32(s), 0, sig, 32, 32);
    byte[] pk = aEnc;
    if (kind == 6) {
      pk = new byte[32];
      rnd.nextBytes(pk); // random bytes: often not a point
    } else if (kind == 7) {
      rnd.nextBytes(sig); // random signature
    } else if (kind == 8) {
      sig[31] |= (byte) 0x80; // flip R's sign bit: another (or no) point
    }
    return new Verifier.Signed(new Ed25519PublicKey(pk), msg, new Ed25519Signature(sig));
  }

  private static Point multiple(final Point p, final int n) {
    Point q = Point.IDENTITY;
    for (int i = 0; i < n; i++) {
      q = q.add(p);
    }
    return q;
  }

  private static void run(final long seed, final int batches) {
    final Random rnd = new Random(seed);
    int rejected = 0;
    int accepted = 0;
    for (int b = 0; b < batches; b++) {
      final List<Verifier.Signed> batch = new ArrayList<>();
      final int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        batch.add(item(rnd));
      }
      final boolean each =
          batch.stream().allMatch(s -> V.verify(s.publicKey(), s.message(), s.signature()));
      assertThat(V.verifyBatch(batch)).as("seed %d batch %d", seed, b).isEqualTo(each);
      if (each) {
        accepted++;
      } else {
        rejected++;
      }
    }
    // Both verdicts occur, so the comparison is not vacuous.
    assertThat(accepted).isPositive();
    assertThat(rejected).isPositive();
  }

  @Test
  void batchAgreesWithSinglesOnMixedEdgeCases() {
    run(20261124L, 60);
  }

  @Test
  @Tag("soak")
  void batchAgreesWithSinglesOnMixedEdgeCasesLong() {
    for (long seed = 0; seed < 40; seed++) {
      run(seed, 100);
    }
  }
}
