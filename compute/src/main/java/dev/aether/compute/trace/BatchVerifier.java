package dev.aether.compute.trace;

import dev.aether.types.Opening;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * Random-linear-combination verification of many KZG openings of one commitment over blst (the
 * BLS12-381 library the crypto module already ships). {@code [τ]G2} is read from the same trusted
 * setup file c-kzg loads (the crypto module's resource), so both checks use one setup.
 */
final class BatchVerifier {
  private static final String SETUP = "/dev/aether/crypto/kzg/trusted_setup.txt";
  private static final P2_Affine TAU_G2 = tauG2();
  private static final P2_Affine G2 = P2_Affine.generator();
  private static final byte[] DOMAIN = "aether-mesh/kzg-batch/v1".getBytes(StandardCharsets.UTF_8);

  private BatchVerifier() {}

  static boolean verify(byte[] commitment, List<Opening> openings, byte[][] points) {
    BigInteger r = FieldElements.MODULUS;
    try {
      P1_Affine c = new P1_Affine(commitment);
      if (!c.in_group()) {
        return false;
      }
      BigInteger[] rho = coefficients(commitment, openings);
      P1 lhs = new P1();
      P1 rhs = new P1();
      BigInteger sumRho = BigInteger.ZERO;
      BigInteger sumRhoY = BigInteger.ZERO;
      for (int i = 0; i < openings.size(); i++) {
        Opening o = openings.get(i);
        if (o.index() < 0 || o.index() >= points.length) {
          return false;
        }
        BigInteger y = new BigInteger(1, o.value().toArray());
        if (y.compareTo(r) >= 0) {
          return false;
        }
        P1_Affine proof = new P1_Affine(o.proof().toArray());
        if (!proof.in_group()) {
          return false;
        }
        BigInteger z = new BigInteger(1, points[o.index()]);
        lhs = lhs.add(proof.to_jacobian().mult(rho[i]));
        rhs = rhs.add(proof.to_jacobian().mult(rho[i].multiply(z).mod(r)));
        sumRho = sumRho.add(rho[i]);
        sumRhoY = sumRhoY.add(rho[i].multiply(y));
      }
      rhs = rhs.add(c.to_jacobian().mult(sumRho.mod(r)));
      rhs = rhs.add(P1.generator().mult(r.subtract(sumRhoY.mod(r)).mod(r)));
      PT left = new PT(new P1_Affine(lhs), TAU_G2);
      PT right = new PT(new P1_Affine(rhs), G2);
      return PT.finalverify(left, right);
    } catch (RuntimeException e) {
      // blst throws on bytes that are not a compressed point: not a valid opening.
      return false;
    }
  }

  /** ρ_i = first 16 bytes of SHA-256(domain ‖ seed ‖ u32 i), seed = SHA-256(C ‖ all openings). */
  private static BigInteger[] coefficients(byte[] commitment, List<Opening> openings) {
    MessageDigest md = sha256();
    md.update(DOMAIN);
    md.update(commitment);
    for (Opening o : openings) {
      md.update(ByteBuffer.allocate(4).putInt(o.index()).array());
      md.update(o.value().toArray());
      md.update(o.proof().toArray());
    }
    byte[] seed = md.digest();
    BigInteger[] rho = new BigInteger[openings.size()];
    for (int i = 0; i < rho.length; i++) {
      MessageDigest h = sha256();
      h.update(seed);
      h.update(ByteBuffer.allocate(4).putInt(i).array());
      byte[] d = h.digest();
      rho[i] = new BigInteger(1, java.util.Arrays.copyOf(d, 16)).add(BigInteger.ONE);
    }
    return rho;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** The second G2 point of the setup's monomial G2 list: [τ]G2. */
  private static P2_Affine tauG2() {
    try (InputStream in = BatchVerifier.class.getResourceAsStream(SETUP)) {
      if (in == null) {
        throw new IllegalStateException("trusted setup resource missing: " + SETUP);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      int g1 = Integer.parseInt(r.readLine().trim());
      int g2 = Integer.parseInt(r.readLine().trim());
      if (g2 < 2) {
        throw new IllegalStateException("trusted setup lacks [τ]G2");
      }
      for (int i = 0; i < g1 + 1; i++) {
        r.readLine(); // G1 Lagrange points, then [1]G2
      }
      return new P2_Affine(HexFormat.of().parseHex(r.readLine().trim()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the trusted setup", e);
    }
  }
}
