package dev.aether.crypto.internal.ed25519;

import java.math.BigInteger;

/**
 * RFC 9380 Appendix G.2: Elligator 2 onto curve25519 (straight-line, constant-time form) and the
 * rational map to edwards25519, transcribed step by step so it can be read against the RFC.
 */
final class Elligator {

  private static final long[] J = Field.of(486662);

  /** {@code c2 = 2^((p+3)/8)}. */
  private static final long[] C2 =
      Point.constant(
          BigInteger.TWO.modPow(Point.P.add(BigInteger.valueOf(3)).shiftRight(3), Point.P));

  /** {@code sqrt(-486664)} with sign 0. */
  private static final long[] C_EDWARDS = edwardsConstant();

  private Elligator() {}

  private static long[] edwardsConstant() {
    final long[] minus = Field.zero();
    Field.neg(minus, Field.of(486664));
    final long[] root = Point.sqrtRatio(minus, Field.of(1)).orElseThrow();
    if (Field.isNegative(root) == 1) {
      Field.neg(root, root);
    }
    return root;
  }

  /** {@code a} if {@code !c}, else {@code b} (RFC 9380's CMOV). */
  private static long[] cmov(final long[] a, final long[] b, final boolean c) {
    final long[] r = a.clone();
    Field.cmov(r, b, c ? 1 : 0);
    return r;
  }

  private static long[] mul(final long[] a, final long[] b) {
    final long[] r = Field.zero();
    Field.mul(r, a, b);
    return r;
  }

  private static long[] sq(final long[] a) {
    final long[] r = Field.zero();
    Field.sq(r, a);
    return r;
  }

  static Point mapToEdwards(final long[] u) {
    // G.2.1 map_to_curve_elligator2_curve25519
    long[] tv1 = sq(u);
    Field.add(tv1, tv1, tv1);
    final long[] xd = Field.zero();
    Field.add(xd, tv1, Field.of(1));
    final long[] x1n = Field.zero();
    Field.neg(x1n, J);
    long[] tv2 = sq(xd);
    final long[] gxd = mul(tv2, xd);
    long[] gx1 = mul(J, tv1);
    gx1 = mul(gx1, x1n);
    Field.add(gx1, gx1, tv2);
    gx1 = mul(gx1, x1n);
    long[] tv3 = sq(gxd);
    tv2 = sq(tv3);
    tv3 = mul(tv3, gxd);
    tv3 = mul(tv3, gx1);
    tv2 = mul(tv2, tv3);
    long[] y11 = Field.zero();
    Field.pow22523(y11, tv2);
    y11 = mul(y11, tv3);
    final long[] y12 = mul(y11, Point.SQRT_M1);
    tv2 = sq(y11);
    tv2 = mul(tv2, gxd);
    final boolean e1 = Field.equal(tv2, gx1);
    final long[] y1 = cmov(y12, y11, e1);
    final long[] x2n = mul(x1n, tv1);
    long[] y21 = mul(y11, u);
    y21 = mul(y21, C2);
    final long[] y22 = mul(y21, Point.SQRT_M1);
    final long[] gx2 = mul(gx1, tv1);
    tv2 = sq(y21);
    tv2 = mul(tv2, gxd);
    final boolean e2 = Field.equal(tv2, gx2);
    final long[] y2 = cmov(y22, y21, e2);
    tv2 = sq(y1);
    tv2 = mul(tv2, gxd);
    final boolean e3 = Field.equal(tv2, gx1);
    final long[] xmn = cmov(x2n, x1n, e3);
    long[] ym = cmov(y2, y1, e3);
    final boolean e4 = Field.isNegative(ym) == 1;
    final long[] negY = Field.zero();
    Field.neg(negY, ym);
    ym = cmov(ym, negY, e3 ^ e4);
    // G.2.2 map_to_curve_elligator2_edwards25519 (yMd = 1)
    long[] xn = mul(xmn, C_EDWARDS);
    long[] xdE = mul(xd, ym);
    final long[] yn = Field.zero();
    Field.sub(yn, xmn, xd);
    final long[] yd = Field.zero();
    Field.add(yd, xmn, xd);
    final boolean e = Field.isZero(mul(xdE, yd));
    xn = cmov(xn, Field.zero(), e);
    xdE = cmov(xdE, Field.of(1), e);
    final long[] ynF = cmov(yn, Field.of(1), e);
    final long[] ydF = cmov(yd, Field.of(1), e);
    // Extended coordinates of (xn/xd, yn/yd): X = xn yd, Y = yn xd, Z = xd yd, T = xn yn.
    return new Point(mul(xn, ydF), mul(ynF, xdE), mul(xdE, ydF), mul(xn, ynF));
  }
}
