package dev.aether.runtime.wasm;

import dev.aether.runtime.RuntimeError;
import java.io.ByteArrayOutputStream;

/**
 * Reading and writing the WebAssembly binary format's primitives (LEB128 integers, bytes), for the
 * instrumenter. Every malformed input is an {@link RuntimeError.InvalidModule}: the bytes come from
 * a transaction.
 */
final class WasmBytes {
  private WasmBytes() {}

  /** A cursor over module bytes. */
  static final class Reader {
    private final byte[] b;
    private int pos;
    private final int end;

    Reader(byte[] b, int from, int to) {
      this.b = b;
      this.pos = from;
      this.end = to;
    }

    int pos() {
      return pos;
    }

    boolean atEnd() {
      return pos >= end;
    }

    int u8() {
      if (pos >= end) {
        throw new RuntimeError.InvalidModule("unexpected end of section");
      }
      return b[pos++] & 0xff;
    }

    /** An unsigned LEB128 of at most 32 bits. */
    long u32() {
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int x = u8();
        result |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          if (result > 0xffff_ffffL) {
            throw new RuntimeError.InvalidModule("u32 out of range");
          }
          return result;
        }
      }
      throw new RuntimeError.InvalidModule("u32 too long");
    }

    /** A u32 that must fit a non-negative int below {@code max}. */
    int index(int max, String what) {
      long v = u32();
      if (v >= max) {
        throw new RuntimeError.InvalidModule(what + " " + v + " out of range");
      }
      return (int) v;
    }

    /** A signed LEB128 of at most {@code bits} bits (33 for block types, 32, 64). */
    long sleb(int bits) {
      long result = 0;
      int shift = 0;
      int x;
      int maxBytes = (bits + 6) / 7;
      int n = 0;
      do {
        if (++n > maxBytes) {
          throw new RuntimeError.InvalidModule("signed LEB128 too long");
        }
        x = u8();
        result |= (long) (x & 0x7f) << shift;
        shift += 7;
      } while ((x & 0x80) != 0);
      if (shift < 64 && (x & 0x40) != 0) {
        result |= -1L << shift;
      }
      return result;
    }

    void skip(int n) {
      if (n < 0 || n > end - pos) {
        throw new RuntimeError.InvalidModule("length past end of section");
      }
      pos += n;
    }
  }

  /** A growable output buffer with the format's encoders. */
  static final class Writer {
    private final ByteArrayOutputStream out;

    Writer(int size) {
      out = new ByteArrayOutputStream(size);
    }

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer u32(long v) {
      long x = v;
      do {
        int b = (int) (x & 0x7f);
        x >>>= 7;
        out.write(x != 0 ? b | 0x80 : b);
      } while (x != 0);
      return this;
    }

    Writer sleb(long v) {
      long x = v;
      while (true) {
        int b = (int) (x & 0x7f);
        x >>= 7;
        boolean done = (x == 0 && (b & 0x40) == 0) || (x == -1 && (b & 0x40) != 0);
        out.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Writer bytes(byte[] src, int from, int to) {
      out.write(src, from, to - from);
      return this;
    }

    Writer bytes(byte[] src) {
      out.write(src, 0, src.length);
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
