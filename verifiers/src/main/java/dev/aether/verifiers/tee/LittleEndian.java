package dev.aether.verifiers.tee;

import java.util.Arrays;

/**
 * Bounds-checked little-endian reads over evidence bytes. Every read past the end becomes a {@link
 * TeeException} with {@link Reason#TRUNCATED}, so parsers never throw anything else.
 */
final class LittleEndian {

  private LittleEndian() {}

  static void need(final byte[] b, final int off, final int len, final String field)
      throws TeeException {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw new TeeException(
          Reason.TRUNCATED,
          field + " needs bytes " + off + ".." + ((long) off + len) + " but input has " + b.length);
    }
  }

  static int u8(final byte[] b, final int off, final String field) throws TeeException {
    need(b, off, 1, field);
    return b[off] & 0xff;
  }

  static int u16(final byte[] b, final int off, final String field) throws TeeException {
    need(b, off, 2, field);
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  /** An unsigned 32-bit value; returned as a long so sizes never turn negative. */
  static long u32(final byte[] b, final int off, final String field) throws TeeException {
    need(b, off, 4, field);
    return (b[off] & 0xffL)
        | (b[off + 1] & 0xffL) << 8
        | (b[off + 2] & 0xffL) << 16
        | (b[off + 3] & 0xffL) << 24;
  }

  static long u64(final byte[] b, final int off, final String field) throws TeeException {
    need(b, off, 8, field);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[off + i] & 0xffL);
    }
    return v;
  }

  static byte[] slice(final byte[] b, final int off, final int len, final String field)
      throws TeeException {
    need(b, off, len, field);
    return Arrays.copyOfRange(b, off, off + len);
  }

  /** The bytes reversed: AMD stores ECDSA r and s little-endian. */
  static byte[] reversed(final byte[] b) {
    final byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  static boolean allZero(final byte[] b, final int off, final int len) {
    int acc = 0;
    for (int i = off; i < off + len; i++) {
      acc |= b[i];
    }
    return acc == 0;
  }
}
