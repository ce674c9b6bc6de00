package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which validators (by index in the epoch's validator set) signed an aggregate. Encoded as a
 * little-endian bitmap (bit i of byte i/8 is validator i) of minimal length: no trailing zero byte,
 * so each set has one encoding.
 */
public record SignerSet(Bytes bitmap) {
  public static final int MAX_VALIDATORS = 1024;
  public static final SignerSet EMPTY = new SignerSet(Bytes.EMPTY);

  public static final Codec<SignerSet> CODEC =
      new Codec<>() {
        @Override
        public void write(SignerSet v, Writer out) {
          out.bytes(v.bitmap.toArray());
        }

        @Override
        public SignerSet read(Reader in) {
          byte[] raw = in.bytes("SignerSet", MAX_VALIDATORS / 8);
          if (raw.length > 0 && raw[raw.length - 1] == 0) {
            throw new CodecException.NonCanonical("SignerSet bitmap has a trailing zero byte");
          }
          return new SignerSet(Bytes.of(raw));
        }
      };

  public SignerSet {
    if (bitmap.length() > 0 && bitmap.get(bitmap.length() - 1) == 0) {
      throw new IllegalArgumentException("bitmap must not end in a zero byte");
    }
    if (bitmap.length() > MAX_VALIDATORS / 8) {
      throw new IllegalArgumentException("at most " + MAX_VALIDATORS + " validators");
    }
  }

  public static SignerSet of(List<Integer> indices) {
    BitSet bits = new BitSet();
    for (int i : indices) {
      if (i < 0 || i >= MAX_VALIDATORS) {
        throw new IllegalArgumentException("validator index out of range: " + i);
      }
      bits.set(i);
    }
    return new SignerSet(Bytes.of(bits.toByteArray()));
  }

  public boolean contains(int index) {
    int b = index >>> 3;
    return index >= 0 && b < bitmap.length() && ((bitmap.get(b) >>> (index & 7)) & 1) == 1;
  }

  /** Signer indices in ascending order. */
  public List<Integer> indices() {
    List<Integer> out = new ArrayList<>();
    BitSet bits = BitSet.valueOf(bitmap.toArray());
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      out.add(i);
    }
    return out;
  }

  public int size() {
    return BitSet.valueOf(bitmap.toArray()).cardinality();
  }
}
