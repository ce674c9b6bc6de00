package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A KZG opening of a committed trace vector at {@code index}: the claimed value (a BLS12-381
 * scalar, 32 bytes big-endian) and the 48-byte proof.
 */
public record Opening(int index, Bytes value, Bytes proof) implements Comparable<Opening> {
  public static final int MAX_INDEX = 4096;

  public static final Codec<Opening> CODEC =
      new Codec<>() {
        @Override
        public void write(Opening v, Writer out) {
          out.u32(v.index);
          out.fixed(v.value.toArray());
          out.fixed(v.proof.toArray());
        }

        @Override
        public Opening read(Reader in) {
          long idx = in.u32("Opening index");
          if (idx >= MAX_INDEX) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "Opening index", idx, MAX_INDEX - 1);
          }
          return new Opening(
              (int) idx,
              Bytes.of(in.fixed("Opening value", 32)),
              Bytes.of(in.fixed("Opening proof", 48)));
        }
      };

  public Opening {
    if (index < 0 || index >= MAX_INDEX) {
      throw new IllegalArgumentException("opening index out of range: " + index);
    }
    Canonical.requireLength(value, 32, "opening value");
    Canonical.requireLength(proof, 48, "opening proof");
  }

  @Override
  public int compareTo(Opening o) {
    return Integer.compare(index, o.index);
  }
}
