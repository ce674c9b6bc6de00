package dev.aether.crypto.internal.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ECVRF-ELL2's {@code OS2IP(48 bytes) mod p} in field arithmetic, against BigInteger. */
class HashToFieldTest {

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  private static byte[] be48(final BigInteger v) {
    final byte[] raw = v.toByteArray();
    final byte[] out = new byte[48];
    final int n = Math.min(48, raw.length);
    System.arraycopy(raw, raw.length - n, out, 48 - n, n);
    return out;
  }

  private static BigInteger fromLe(final byte[] le) {
    final byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static void check(final byte[] uniform) {
    final BigInteger expected = new BigInteger(1, uniform).mod(P);
    assertThat(fromLe(Field.toBytes(Ecvrf.fieldFromUniform(uniform)))).isEqualTo(expected);
  }

  @Test
  void edgesAndRandomInputsMatchBigInteger() {
    final List<BigInteger> edges = new ArrayList<>();
    final BigInteger max = BigInteger.TWO.pow(384);
    for (final BigInteger c :
        List.of(
            BigInteger.ZERO,
            P,
            P.shiftLeft(1),
            BigInteger.TWO.pow(255),
            BigInteger.TWO.pow(256),
            BigInteger.TWO.pow(256).multiply(P),
            max.subtract(BigInteger.ONE).divide(P).multiply(P),
            max)) {
      for (int d = -2; d <= 2; d++) {
        final BigInteger v = c.add(BigInteger.valueOf(d));
        if (v.signum() >= 0 && v.compareTo(max) < 0) {
          edges.add(v);
        }
      }
    }
    edges.forEach(v -> check(be48(v)));
    final Random rnd = new Random(9380);
    for (int n = 0; n < 5_000; n++) {
      final byte[] u = new byte[48];
      rnd.nextBytes(u);
      check(u);
    }
  }
}
