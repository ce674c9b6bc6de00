package dev.aether.crypto.internal.ed25519;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A point of edwards25519 ({@code -x^2 + y^2 = 1 + d x^2 y^2}) in extended coordinates {@code
 * (X:Y:Z:T)} with {@code x = X/Z, y = Y/Z, xy = T/Z}. Immutable: every operation returns a new
 * point. The addition and doubling formulas (Hisil-Wong-Carter-Dawson 2008, a = -1) are complete on
 * this curve, so the identity and small-order points need no special cases.
 *
 * <p>Shared by Ed25519, ECVRF and KES so the chain has one curve implementation to review.
 */
public final class Point {

  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** {@code d = -121665 / 121666}. */
  static final long[] D =
      constant(
          BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));

  static final long[] D2 =
      constant(
          BigInteger.valueOf(-121665)
              .multiply(BigInteger.valueOf(121666).modInverse(P))
              .multiply(BigInteger.TWO)
              .mod(P));

  /** {@code sqrt(-1) = 2^((p-1)/4)}. */
  public static final long[] SQRT_M1 =
      constant(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));

  private static final byte[] BASE_ENCODING = baseEncoding();

  /** The RFC 8032 base point B ({@code y = 4/5}, x even). */
  public static final Point BASE = decode(BASE_ENCODING).orElseThrow();

  /** The neutral element (0, 1). */
  public static final Point IDENTITY =
      new Point(Field.zero(), Field.of(1), Field.of(1), Field.zero());

  final long[] x;
  final long[] y;
  final long[] z;
  final long[] t;

  Point(final long[] x, final long[] y, final long[] z, final long[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  /** A public constant below p as a field element (class initialisation only). */
  static long[] constant(final BigInteger v) {
    final byte[] be = v.toByteArray();
    final byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return Field.fromBytes(le);
  }

  private static byte[] baseEncoding() {
    final byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) 0x66);
    b[0] = 0x58;
    return b;
  }

  /**
   * RFC 8032 section 5.1.3 decoding, which is strict: fails for {@code y >= p}, for an x that does
   * not exist, and for x = 0 with the sign bit set. Variable time (inputs are public).
   */
  public static Optional<Point> decode(final byte[] s) {
    if (s.length != 32) {
      return Optional.empty();
    }
    final int sign = (s[31] >> 7) & 1;
    final long[] y = Field.fromBytes(s);
    final byte[] canonical = Field.toBytes(y);
    for (int i = 0; i < 31; i++) {
      if (canonical[i] != s[i]) {
        return Optional.empty();
      }
    }
    if (canonical[31] != (s[31] & 0x7f)) {
      return Optional.empty();
    }
    final long[] one = Field.of(1);
    final long[] yy = Field.zero();
    Field.sq(yy, y);
    final long[] u = Field.zero();
    Field.sub(u, yy, one); // y^2 - 1
    final long[] v = Field.zero();
    Field.mul(v, yy, D);
    Field.add(v, v, one); // d y^2 + 1
    final Optional<long[]> root = sqrtRatio(u, v);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    final long[] x = root.get();
    if (Field.isZero(x) && sign == 1) {
      return Optional.empty();
    }
    if (Field.isNegative(x) != sign) {
      Field.neg(x, x);
    }
    final long[] t = Field.zero();
    Field.mul(t, x, y);
    return Optional.of(new Point(x, y, Field.of(1), t));
  }

  /**
   * A square root of {@code u/v} (RFC 8032: {@code x = u v^3 (u v^7)^((p-5)/8)}, fixed by sqrt(-1)
   * if needed), or empty when {@code u/v} is not a square.
   */
  public static Optional<long[]> sqrtRatio(final long[] u, final long[] v) {
    final long[] v3 = Field.zero();
    Field.sq(v3, v);
    Field.mul(v3, v3, v); // v^3
    final long[] v7 = Field.zero();
    Field.sq(v7, v3);
    Field.mul(v7, v7, v); // v^7
    final long[] x = Field.zero();
    Field.mul(x, u, v7);
    Field.pow22523(x, x);
    Field.mul(x, x, v3);
    Field.mul(x, x, u);
    final long[] check = Field.zero();
    Field.sq(check, x);
    Field.mul(check, check, v);
    if (Field.equal(check, u)) {
      return Optional.of(x);
    }
    final long[] negU = Field.zero();
    Field.neg(negU, u);
    if (Field.equal(check, negU)) {
      Field.mul(x, x, SQRT_M1);
      return Optional.of(x);
    }
    return Optional.empty();
  }

  /** The 32-byte RFC 8032 encoding: y little-endian with the sign of x in the top bit. */
  public byte[] encode() {
    final long[] inv = Field.zero();
    Field.invert(inv, z);
    final long[] ax = Field.zero();
    final long[] ay = Field.zero();
    Field.mul(ax, x, inv);
    Field.mul(ay, y, inv);
    final byte[] out = Field.toBytes(ay);
    out[31] |= (byte) (Field.isNegative(ax) << 7);
    return out;
  }

  public Point add(final Point q) {
    final long[] a = Field.zero();
    final long[] b = Field.zero();
    final long[] c = Field.zero();
    final long[] d = Field.zero();
    final long[] tmp = Field.zero();
    Field.sub(a, y, x);
    Field.sub(tmp, q.y, q.x);
    Field.mul(a, a, tmp);
    Field.add(b, y, x);
    Field.add(tmp, q.y, q.x);
    Field.mul(b, b, tmp);
    Field.mul(c, t, D2);
    Field.mul(c, c, q.t);
    Field.mul(d, z, q.z);
    Field.add(d, d, d);
    return finish(a, b, c, d);
  }

  /** {@code (E*F, G*H, F*G, E*H)} from the HWCD intermediate values. */
  private static Point finish(final long[] a, final long[] b, final long[] c, final long[] d) {
    final long[] e = Field.zero();
    final long[] f = Field.zero();
    final long[] g = Field.zero();
    final long[] h = Field.zero();
    Field.sub(e, b, a);
    Field.sub(f, d, c);
    Field.add(g, d, c);
    Field.add(h, b, a);
    final long[] x3 = Field.zero();
    final long[] y3 = Field.zero();
    final long[] z3 = Field.zero();
    final long[] t3 = Field.zero();
    Field.mul(x3, e, f);
    Field.mul(y3, g, h);
    Field.mul(z3, f, g);
    Field.mul(t3, e, h);
    return new Point(x3, y3, z3, t3);
  }

  /**
   * A point prepared for repeated addition: {@code (Y+X, Y-X, 2Z, 2dT)}. Saves one multiplication
   * and three additions per use, which matters in the multiplication tables.
   */
  record Cached(long[] yPlusX, long[] yMinusX, long[] z2, long[] t2d) {}

  Cached toCached() {
    final long[] ypx = Field.zero();
    final long[] ymx = Field.zero();
    final long[] z2 = Field.zero();
    final long[] t2d = Field.zero();
    Field.add(ypx, y, x);
    Field.sub(ymx, y, x);
    Field.add(z2, z, z);
    Field.mul(t2d, t, D2);
    return new Cached(ypx, ymx, z2, t2d);
  }

  /** {@code this + q} (or {@code this - q} when {@code negate}) for a cached {@code q}. */
  Point add(final Cached q, final boolean negate) {
    final long[] a = Field.zero();
    final long[] b = Field.zero();
    final long[] c = Field.zero();
    final long[] d = Field.zero();
    final long[] tmp = Field.zero();
    Field.sub(tmp, y, x);
    Field.mul(a, tmp, negate ? q.yPlusX : q.yMinusX);
    Field.add(tmp, y, x);
    Field.mul(b, tmp, negate ? q.yMinusX : q.yPlusX);
    Field.mul(c, t, q.t2d);
    if (negate) {
      Field.neg(c, c);
    }
    Field.mul(d, z, q.z2);
    return finish(a, b, c, d);
  }

  public Point dbl() {
    return dbl(true);
  }

  /**
   * Doubling; with {@code withT == false} the result's T is left zero (one multiplication saved).
   * Only for a point that will be doubled again before any addition, encoding aside: doubling never
   * reads T, addition does.
   */
  private Point dbl(final boolean withT) {
    final long[] a = Field.zero();
    final long[] b = Field.zero();
    final long[] c = Field.zero();
    Field.sq(a, x);
    Field.sq(b, y);
    Field.sq(c, z);
    Field.add(c, c, c);
    final long[] h = Field.zero();
    Field.add(h, a, b);
    final long[] e = Field.zero();
    Field.add(e, x, y);
    Field.sq(e, e);
    Field.sub(e, h, e);
    final long[] g = Field.zero();
    Field.sub(g, a, b);
    final long[] f = Field.zero();
    Field.add(f, c, g);
    final long[] x3 = Field.zero();
    final long[] y3 = Field.zero();
    final long[] z3 = Field.zero();
    final long[] t3 = Field.zero();
    Field.mul(x3, e, f);
    Field.mul(y3, g, h);
    Field.mul(z3, f, g);
    if (withT) {
      Field.mul(t3, e, h);
    }
    return new Point(x3, y3, z3, t3);
  }

  public Point negate() {
    final long[] nx = Field.zero();
    final long[] nt = Field.zero();
    Field.neg(nx, x);
    Field.neg(nt, t);
    return new Point(nx, y.clone(), z.clone(), nt);
  }

  public Point sub(final Point q) {
    return add(q.negate());
  }

  /** {@code [8]P}. */
  public Point mulByCofactor() {
    return dbl().dbl().dbl();
  }

  /** True for the neutral element: X = 0 and Y = Z. */
  public boolean isIdentity() {
    final long[] diff = Field.zero();
    Field.sub(diff, y, z);
    return Field.isZero(x) && Field.isZero(diff);
  }

  /** True when {@code [8]P} is the identity (P is one of the 8 torsion points). */
  public boolean hasSmallOrder() {
    return mulByCofactor().isIdentity();
  }

  /** Group equality: {@code X1 Z2 = X2 Z1} and {@code Y1 Z2 = Y2 Z1}. */
  public boolean sameAs(final Point q) {
    final long[] l = Field.zero();
    final long[] r = Field.zero();
    Field.mul(l, x, q.z);
    Field.mul(r, q.x, z);
    if (!Field.equal(l, r)) {
      return false;
    }
    Field.mul(l, y, q.z);
    Field.mul(r, q.y, z);
    return Field.equal(l, r);
  }

  /** {@code p = q} if {@code flag == 1}, without branching. */
  private static void cmov(final Point p, final Point q, final int flag) {
    Field.cmov(p.x, q.x, flag);
    Field.cmov(p.y, q.y, flag);
    Field.cmov(p.z, q.z, flag);
    Field.cmov(p.t, q.t, flag);
  }

  private Point mutableCopy() {
    return new Point(x.clone(), y.clone(), z.clone(), t.clone());
  }

  /**
   * {@code [k]P} for a secret scalar (32 bytes little-endian, below 2^255): signed radix-16 digits,
   * a table of {@code P..8P}, and a table lookup that touches every entry and selects by masks, so
   * the sequence of operations and memory accesses does not depend on {@code k}. (The JIT gives no
   * formal constant-time guarantee; this is the usual best effort on the JVM.)
   */
  public Point mulSecret(final byte[] k) {
    final Point[] table = new Point[8];
    table[0] = this;
    for (int i = 1; i < 8; i++) {
      table[i] = table[i - 1].add(this);
    }
    final byte[] e = Scalars.radix16(k);
    Point q = IDENTITY;
    for (int i = 63; i >= 0; i--) {
      q = q.dbl().dbl().dbl().dbl();
      q = q.add(select(table, e[i]));
    }
    java.util.Arrays.fill(e, (byte) 0);
    return q;
  }

  private static Point select(final Point[] table, final byte digit) {
    final int neg = (digit >> 7) & 1;
    final int abs = digit - ((-neg & digit) << 1);
    final Point r = IDENTITY.mutableCopy();
    for (int j = 0; j < 8; j++) {
      final int eq = (((abs ^ (j + 1)) - 1) >>> 31);
      cmov(r, table[j], eq);
    }
    final Point n = r.negate();
    cmov(r, n, neg);
    return r;
  }

  /**
   * {@code [k]B} for a secret scalar (below 2^255): {@code sum_i [e_i 16^i]B} over signed radix-16
   * digits with a precomputed table of {@code [j 16^i]B}, j = 1..8 — 64 additions and no doublings.
   * Lookups are masked as in {@link #mulSecret}.
   */
  public static Point mulBaseSecret(final byte[] k) {
    final byte[] e = Scalars.radix16(k);
    Point q = IDENTITY;
    for (int i = 0; i < 64; i++) {
      q = q.add(selectCached(BASE_RADIX16[i], e[i]), false);
    }
    java.util.Arrays.fill(e, (byte) 0);
    return q;
  }

  /** {@code BASE_RADIX16[i][j] = [(j + 1) 16^i]B}, cached form (64 x 8 points, ~160 KiB). */
  private static final Cached[][] BASE_RADIX16 = baseRadix16();

  private static Cached[][] baseRadix16() {
    final Cached[][] t = new Cached[64][8];
    Point p = BASE;
    for (int i = 0; i < 64; i++) {
      final Cached pc = p.toCached();
      Point acc = p;
      for (int j = 0; j < 8; j++) {
        t[i][j] = acc.toCached();
        acc = acc.add(pc, false);
      }
      p = p.dbl().dbl().dbl().dbl();
    }
    return t;
  }

  /** Constant-time {@code [digit]} entry of a cached table, digit in [-8, 8]. */
  private static Cached selectCached(final Cached[] table, final byte digit) {
    final int neg = (digit >> 7) & 1;
    final int abs = digit - ((-neg & digit) << 1);
    final long[] ypx = Field.of(1);
    final long[] ymx = Field.of(1);
    final long[] z2 = Field.of(2);
    final long[] t2d = Field.zero();
    for (int j = 0; j < 8; j++) {
      final int eq = (((abs ^ (j + 1)) - 1) >>> 31);
      Field.cmov(ypx, table[j].yPlusX(), eq);
      Field.cmov(ymx, table[j].yMinusX(), eq);
      Field.cmov(z2, table[j].z2(), eq);
      Field.cmov(t2d, table[j].t2d(), eq);
    }
    // -P in cached form: swap Y+X and Y-X, negate 2dT.
    final long[] swappedP = ymx.clone();
    final long[] swappedM = ypx.clone();
    Field.cmov(ypx, swappedP, neg);
    Field.cmov(ymx, swappedM, neg);
    final long[] negT = Field.zero();
    Field.neg(negT, t2d);
    Field.cmov(t2d, negT, neg);
    return new Cached(ypx, ymx, z2, t2d);
  }

  /** Odd multiples {@code P, 3P, ..., (2^(w-1) - 1)P} for width-w NAF, cached. */
  Cached[] oddMultiples(final int w) {
    final Cached[] table = new Cached[1 << (w - 2)];
    table[0] = toCached();
    final Cached twice = dbl().toCached();
    Point acc = this;
    for (int i = 1; i < table.length; i++) {
      acc = acc.add(twice, false);
      table[i] = acc.toCached();
    }
    return table;
  }

  private static final int BASE_WIDTH = 8;
  private static final Cached[] BASE_TABLE = BASE.oddMultiples(BASE_WIDTH);
  private static final int POINT_WIDTH = 5;

  /**
   * {@code sum(k_i P_i) + [b]B} for public inputs, in variable time (Straus' simultaneous method
   * over width-w NAFs: one shared chain of doublings). Scalars are 32 bytes little-endian; {@code
   * b} may be null for no base-point term.
   */
  public static Point multiScalarMulVartime(
      final byte[][] scalars, final Point[] points, final byte[] b) {
    final int n = points.length;
    final byte[][] nafs = new byte[n][];
    final Cached[][] tables = new Cached[n][];
    for (int i = 0; i < n; i++) {
      nafs[i] = Scalars.naf(scalars[i], POINT_WIDTH);
      tables[i] = points[i].oddMultiples(POINT_WIDTH);
    }
    final byte[] bnaf = b == null ? null : Scalars.naf(b, BASE_WIDTH);
    // T is needed after a doubling only when an addition follows at that bit (or at the end).
    final boolean[] addAt = new boolean[257];
    addAt[0] = true;
    for (int bit = 0; bit < 257; bit++) {
      for (int i = 0; i < n && !addAt[bit]; i++) {
        addAt[bit] = nafs[i][bit] != 0;
      }
      if (bnaf != null && bnaf[bit] != 0) {
        addAt[bit] = true;
      }
    }
    int top = 256;
    Point q = IDENTITY;
    boolean started = false;
    for (int bit = top; bit >= 0; bit--) {
      if (started) {
        q = q.dbl(addAt[bit]);
      }
      for (int i = 0; i < n; i++) {
        final int d = nafs[i][bit];
        if (d != 0) {
          q = q.add(tables[i][Math.abs(d) >> 1], d < 0);
          started = true;
        }
      }
      if (bnaf != null && bnaf[bit] != 0) {
        final int d = bnaf[bit];
        q = q.add(BASE_TABLE[Math.abs(d) >> 1], d < 0);
        started = true;
      }
    }
    return q;
  }

  /** {@code [k]P} in variable time, for public scalars and points. */
  public Point mulVartime(final byte[] k) {
    return multiScalarMulVartime(new byte[][] {k}, new Point[] {this}, null);
  }
}
