package dev.aether.types;

import dev.aether.types.codec.Codec;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality (records holding a raw array would not have it). */
public final class Bytes implements Comparable<Bytes> {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  public static Bytes of(byte[] data) {
    return new Bytes(data.clone());
  }

  /** Parses lowercase or uppercase hex, with or without a {@code 0x} prefix. */
  public static Bytes fromHex(String hex) {
    return new Bytes(Hex.decode(hex));
  }

  public byte[] toArray() {
    return data.clone();
  }

  public int length() {
    return data.length;
  }

  public byte get(int index) {
    return data[index];
  }

  public String toHex() {
    return "0x" + HexFormat.of().formatHex(data);
  }

  /** Codec of a byte string with a u32 length prefix and the given limit. */
  public static Codec<Bytes> codec(String what, int limit) {
    return new Codec<>() {
      @Override
      public void write(Bytes value, dev.aether.types.codec.Writer out) {
        out.bytes(value.data);
      }

      @Override
      public Bytes read(dev.aether.types.codec.Reader in) {
        return new Bytes(in.bytes(what, limit));
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(data, b.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
