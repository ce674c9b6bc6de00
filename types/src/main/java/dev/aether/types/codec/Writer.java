package dev.aether.types.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Appends canonical encodings to a growable buffer. All integers are big-endian and fixed-width;
 * variable-length data carries a u32 length prefix. See docs/codec.md.
 */
public final class Writer {
  private byte[] buf;
  private int size;

  public Writer() {
    this(128);
  }

  public Writer(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public Writer u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public Writer bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public Writer u16(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public Writer u32(long v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Unsigned 64-bit: Java's {@code long} read as unsigned. */
  public Writer u64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Raw bytes of a fixed-width field (no prefix). */
  public Writer fixed(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** u32 length prefix, then the bytes. */
  public Writer bytes(byte[] bytes) {
    u32(bytes.length);
    return fixed(bytes);
  }

  /** UTF-8 bytes with a u32 length prefix. */
  public Writer string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** u32 count prefix, then each element. */
  public <T> Writer list(List<T> items, Codec<T> codec) {
    u32(items.size());
    for (T item : items) {
      codec.write(item, this);
    }
    return this;
  }

  /** Option tag 0 (absent) or 1 (present) followed by the value. */
  public <T> Writer optional(java.util.Optional<T> value, Codec<T> codec) {
    if (value.isPresent()) {
      u8(1);
      codec.write(value.get(), this);
    } else {
      u8(0);
    }
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
