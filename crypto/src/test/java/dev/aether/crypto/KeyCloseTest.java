package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Closing a key overwrites every secret array it holds with zeros (read back by reflection), makes
 * every later use fail with {@code CRYPTO_KEY_CLOSED}, keeps the public part usable, and never lets
 * a signature in progress read a half-erased key.
 */
class KeyCloseTest {

  private static final byte[] MSG = "close me".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static Object field(final Object o, final String name) throws Exception {
    final Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  private static boolean allZero(final byte[] b) {
    for (final byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void assertClosedError(final Runnable use) {
    assertThatThrownBy(use::run)
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error().code()).isEqualTo("CRYPTO_KEY_CLOSED"));
  }

  private static byte[] seed(final int b) {
    final byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  @Test
  void ed25519CloseErasesSeedScalarAndPrefix() throws Exception {
    final Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed(7));
    final byte[] seed = (byte[]) field(key, "seed");
    final var expanded =
        (dev.aether.crypto.internal.ed25519.Ed25519Engine.Expanded) field(key, "expanded");
    assertThat(allZero(seed) || allZero(expanded.scalar()) || allZero(expanded.prefix())).isFalse();
    final Ed25519Signature before = key.sign(MSG);
    try (key) {
      assertThat(key.isClosed()).isFalse();
    }
    assertThat(key.isClosed()).isTrue();
    assertThat(seed).containsOnly(0);
    assertThat(expanded.scalar()).containsOnly(0);
    assertThat(expanded.prefix()).containsOnly(0);
    assertClosedError(() -> key.sign(MSG));
    assertClosedError(key::seed);
    key.close(); // idempotent
    assertThat(Ed25519.VERIFIER.verify(key.publicKey(), MSG, before)).isTrue();
  }

  @Test
  void vrfCloseErasesTheSeed() throws Exception {
    final VrfKeyPair key = VrfKeyPair.fromSeed(seed(9));
    final byte[] seed = (byte[]) field(key, "seed");
    final Vrf vrf = Vrf.of(VrfSuite.ELL2);
    final VrfProof proof = vrf.prove(key, MSG);
    key.close();
    assertThat(seed).containsOnly(0);
    assertClosedError(() -> vrf.prove(key, MSG));
    assertClosedError(key::seed);
    assertThat(vrf.verify(key.publicKey(), MSG, proof)).isPresent();
  }

  @Test
  void kesCloseErasesTheWholeKey() throws Exception {
    final KesSecretKey key = Kes.sum6().keygen(seed(3));
    key.evolve();
    final byte[] raw = (byte[]) field(key, "raw");
    assertThat(allZero(raw)).isFalse();
    final KesSignature sig = key.sign(1, MSG);
    key.close();
    assertThat(raw).containsOnly(0);
    assertClosedError(() -> key.sign(1, MSG));
    assertClosedError(() -> key.signCompact(1, MSG));
    assertClosedError(key::evolve);
    assertClosedError(key::toBytes);
    assertThat(Kes.sum6().verify(key.verificationKey(), 1, MSG, sig)).isTrue();
  }

  @Test
  void blsCloseErasesTheScalar() throws Exception {
    final BlsSecretKey key = BlsSecretKey.fromSeed(seed(5));
    final byte[] scalar = (byte[]) field(key, "scalar");
    assertThat(allZero(scalar)).isFalse();
    final BlsSignature sig = key.sign(MSG);
    key.close();
    assertThat(scalar).containsOnly(0);
    assertClosedError(() -> key.sign(MSG));
    assertClosedError(key::provePossession);
    assertClosedError(key::toBytes);
    assertThat(Bls.INSTANCE.verify(key.publicKey(), MSG, sig)).isTrue();
  }

  /**
   * blst keeps a key's limbs in a Java array; loading zeros over them is how BlsSecretKey wipes.
   */
  @Test
  void loadingZerosOverwritesBlstsCopyOfTheScalar() {
    final supranational.blst.SecretKey sk = new supranational.blst.SecretKey();
    sk.from_bendian(BlsSecretKey.fromSeed(seed(5)).toBytes());
    assertThat(BlstPeek.limbs(sk)).isNotEqualTo(new long[BlstPeek.limbs(sk).length]);
    sk.from_bendian(new byte[32]);
    assertThat(BlstPeek.limbs(sk)).containsOnly(0L);
  }

  /** Reads the protected limb array of a blst key (test only). */
  private static final class BlstPeek extends supranational.blst.SecretKey {
    static long[] limbs(final supranational.blst.SecretKey sk) {
      return getCPtr(sk);
    }
  }

  /**
   * Signers race a close: every signature that comes out verifies (none was made from a partly
   * erased key), and every failure is CRYPTO_KEY_CLOSED.
   */
  @Test
  void closeDuringConcurrentSigningNeverYieldsABadSignature() throws Exception {
    final SecureRandom random = new SecureRandom();
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        final Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        final CountDownLatch signedSome = new CountDownLatch(40);
        final List<Future<List<Ed25519Signature>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          results.add(
              pool.submit(
                  () -> {
                    final List<Ed25519Signature> out = new ArrayList<>();
                    while (true) {
                      try {
                        out.add(key.sign(MSG));
                        signedSome.countDown();
                      } catch (CryptoException e) {
                        assertThat(e.error().code()).isEqualTo("CRYPTO_KEY_CLOSED");
                        return out;
                      }
                    }
                  }));
        }
        assertThat(signedSome.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        key.close(); // while the four threads are still signing
        int signed = 0;
        for (final Future<List<Ed25519Signature>> f : results) {
          for (final Ed25519Signature s : f.get()) {
            assertThat(Ed25519.VERIFIER.verify(key.publicKey(), MSG, s)).isTrue();
            signed++;
          }
        }
        assertThat(signed).isGreaterThanOrEqualTo(40);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
