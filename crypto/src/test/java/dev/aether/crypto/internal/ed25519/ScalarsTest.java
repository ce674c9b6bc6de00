package dev.aether.crypto.internal.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed-width scalar arithmetic mod L against a BigInteger reference, on edge values (0, 1, L −
 * 1, L, multiples of L and their neighbours, powers of two around 2^252, 2^256 − 1, 2^512 − 1) and
 * on seeded random inputs; and a check that the signing path holds no BigInteger at all.
 */
class ScalarsTest {

  private static final BigInteger TWO = BigInteger.TWO;
  private static final BigInteger L =
      TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static BigInteger fromLe(final byte[] le) {
    final byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLe(final BigInteger v, final int len) {
    final byte[] be = v.toByteArray();
    final byte[] le = new byte[len];
    for (int i = 0; i < len && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** Edge values below {@code 2^bits}. */
  private static List<BigInteger> edges(final int bits) {
    final BigInteger max = TWO.pow(bits);
    final List<BigInteger> out = new ArrayList<>();
    final List<BigInteger> centres = new ArrayList<>();
    centres.add(BigInteger.ZERO);
    for (int k = 1; k <= 16; k++) {
      centres.add(L.multiply(BigInteger.valueOf(k)));
    }
    for (final int p : new int[] {21, 42, 125, 126, 231, 251, 252, 253, 254, 255, 256, 273}) {
      centres.add(TWO.pow(p));
    }
    centres.add(max);
    centres.add(L.pow(2));
    for (final BigInteger c : centres) {
      for (int d = -2; d <= 2; d++) {
        final BigInteger v = c.add(BigInteger.valueOf(d));
        if (v.signum() >= 0 && v.compareTo(max) < 0) {
          out.add(v);
        }
      }
    }
    // Largest multiple of L below the maximum, and the values around it.
    final BigInteger top = max.subtract(BigInteger.ONE).divide(L).multiply(L);
    for (int d = -1; d <= 1; d++) {
      final BigInteger v = top.add(BigInteger.valueOf(d));
      if (v.compareTo(max) < 0) {
        out.add(v);
      }
    }
    // Limb patterns: every 21-bit limb all ones, alternating limbs.
    BigInteger alt = BigInteger.ZERO;
    for (int i = 0; i < bits; i += 42) {
      alt = alt.setBit(i).or(TWO.pow(Math.min(21, bits - i)).subtract(BigInteger.ONE).shiftLeft(i));
    }
    out.add(alt.mod(max));
    return out;
  }

  @Test
  void deltaLimbsAreLMinus2To252() {
    BigInteger d = BigInteger.ZERO;
    for (int i = 0; i < Scalars.DELTA.length; i++) {
      assertThat(Scalars.DELTA[i]).isBetween(0L, (1L << 21) - 1);
      d = d.add(BigInteger.valueOf(Scalars.DELTA[i]).shiftLeft(21 * i));
    }
    assertThat(d).isEqualTo(L.subtract(TWO.pow(252)));
  }

  @Test
  void reduceMatchesBigIntegerOnEdges() {
    final List<BigInteger> values = edges(512);
    assertThat(values).hasSizeGreaterThan(100);
    for (final BigInteger v : values) {
      assertThat(fromLe(Scalars.reduce(toLe(v, 64)))).as("%s", v).isEqualTo(v.mod(L));
    }
    assertThat(fromLe(Scalars.reduce(toLe(TWO.pow(512).subtract(BigInteger.ONE), 64))))
        .isEqualTo(TWO.pow(512).subtract(BigInteger.ONE).mod(L));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16, 31, 32, 33, 48, 63, 64})
  void reduceMatchesBigIntegerOnRandomInputsOfEveryLength(final int length) {
    final Random rnd = new Random(8032L + length);
    for (int n = 0; n < 2_000; n++) {
      final byte[] in = new byte[length];
      rnd.nextBytes(in);
      if (n % 7 == 0 && length > 0) {
        in[length - 1] = (byte) 0xFF; // many values with the top byte full
      }
      assertThat(fromLe(Scalars.reduce(in))).isEqualTo(fromLe(in).mod(L));
    }
  }

  @Test
  void mulAddMatchesBigIntegerOnEveryTripleOfEdges() {
    final List<BigInteger> values = edges(256);
    // All triples would be ~10^6; pairs for (a, b) with a rotating c keep it to a few 10^4.
    int n = 0;
    for (final BigInteger a : values) {
      for (final BigInteger b : values) {
        final BigInteger c = values.get(n++ % values.size());
        final byte[] got = Scalars.mulAdd(toLe(a, 32), toLe(b, 32), toLe(c, 32));
        assertThat(fromLe(got)).as("%s * %s + %s", a, b, c).isEqualTo(a.multiply(b).add(c).mod(L));
      }
    }
    final BigInteger max = TWO.pow(256).subtract(BigInteger.ONE);
    assertThat(fromLe(Scalars.mulAdd(toLe(max, 32), toLe(max, 32), toLe(max, 32))))
        .isEqualTo(max.multiply(max).add(max).mod(L));
  }

  @Test
  void mulAddMulAddMatchBigIntegerOnRandomInputs() {
    final Random rnd = new Random(9381);
    for (int n = 0; n < 20_000; n++) {
      final byte[] a = new byte[32];
      final byte[] b = new byte[32];
      final byte[] c = new byte[32];
      rnd.nextBytes(a);
      rnd.nextBytes(b);
      rnd.nextBytes(c);
      final BigInteger ba = fromLe(a);
      final BigInteger bb = fromLe(b);
      final BigInteger bc = fromLe(c);
      assertThat(fromLe(Scalars.mulAdd(a, b, c))).isEqualTo(ba.multiply(bb).add(bc).mod(L));
      assertThat(fromLe(Scalars.mul(a, b))).isEqualTo(ba.multiply(bb).mod(L));
      assertThat(fromLe(Scalars.add(a, b))).isEqualTo(ba.add(bb).mod(L));
    }
  }

  @Test
  void resultsAreCanonicalAndTheInputsUntouched() {
    final Random rnd = new Random(1);
    for (int n = 0; n < 1_000; n++) {
      final byte[] a = new byte[32];
      rnd.nextBytes(a);
      final byte[] before = a.clone();
      final byte[] r = Scalars.mulAdd(a, a, a);
      assertThat(a).isEqualTo(before);
      assertThat(fromLe(r)).isLessThan(L);
      assertThat(Scalars.isCanonical(r)).isTrue();
    }
  }

  @Test
  void isCanonicalIsExactlyBelowL() {
    for (final BigInteger v : edges(256)) {
      assertThat(Scalars.isCanonical(toLe(v, 32))).as("%s", v).isEqualTo(v.compareTo(L) < 0);
    }
    final Random rnd = new Random(2);
    for (int n = 0; n < 5_000; n++) {
      final byte[] s = new byte[32];
      rnd.nextBytes(s);
      s[31] &= (byte) (n % 2 == 0 ? 0x1F : 0xFF); // half near L's magnitude
      assertThat(Scalars.isCanonical(s)).isEqualTo(fromLe(s).compareTo(L) < 0);
    }
    assertThat(Scalars.isCanonical(new byte[31])).isFalse();
  }

  /**
   * The classes that touch signing secrets (nonces, scalars, seeds) must not use BigInteger, whose
   * running time depends on the values: checked in their compiled constant pools.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev/aether/crypto/internal/ed25519/Scalars",
        "dev/aether/crypto/internal/ed25519/Ed25519Engine",
        "dev/aether/crypto/internal/ed25519/Ed25519Engine$Expanded",
        "dev/aether/crypto/internal/ed25519/Ecvrf",
        "dev/aether/crypto/internal/ed25519/SumKes",
        "dev/aether/crypto/Ed25519KeyPair",
        "dev/aether/crypto/VrfKeyPair",
        "dev/aether/crypto/EcvrfVrf",
        "dev/aether/crypto/KesSecretKey",
        "dev/aether/crypto/Sum6Kes",
        "dev/aether/crypto/BlsSecretKey"
      })
  void signingClassesHoldNoBigInteger(final String internalName) throws IOException {
    try (InputStream in = ScalarsTest.class.getResourceAsStream("/" + internalName + ".class")) {
      assertThat(in).as(internalName).isNotNull();
      final String pool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(pool).as(internalName).doesNotContain("java/math/BigInteger");
    }
  }
}
