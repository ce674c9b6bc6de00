package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Arrays;

/** A 32-byte hash or key. Ordered as an unsigned big-endian number. */
public final class H256 implements Comparable<H256> {
  public static final int LENGTH = 32;
  public static final H256 ZERO = new H256(new byte[LENGTH]);

  public static final Codec<H256> CODEC =
      new Codec<>() {
        @Override
        public void write(H256 value, Writer out) {
          out.fixed(value.bytes);
        }

        @Override
        public H256 read(Reader in) {
          return new H256(in.fixed("H256", LENGTH));
        }
      };

  private final byte[] bytes;

  private H256(byte[] bytes) {
    this.bytes = bytes;
  }

  public static H256 of(byte[] bytes) {
    return wrap(bytes.clone());
  }

  static H256 wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("H256 needs 32 bytes, got " + bytes.length);
    }
    return new H256(bytes);
  }

  public static H256 fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** Bit {@code i} counted from the most significant bit of byte 0 (a Merkle path step). */
  public boolean bit(int i) {
    return ((bytes[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof H256 h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(H256 o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
