package dev.aether.compute.engine;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A tensor inside a {@code types}-codec structure: its canonical bytes ({@link
 * Tensor#canonicalBytes()}) with a u32 length prefix, at most {@link #MAX_BYTES}.
 */
public final class TensorCodec {
  /** Largest encoded tensor: what one transaction can carry. */
  public static final int MAX_BYTES = 256 * 1024;

  /** The codec. */
  public static final Codec<Tensor> CODEC =
      new Codec<>() {
        @Override
        public void write(Tensor t, Writer out) {
          out.bytes(t.canonicalBytes());
        }

        @Override
        public Tensor read(Reader in) {
          byte[] raw = in.bytes("Tensor", MAX_BYTES);
          try {
            return Tensor.fromCanonicalBytes(raw);
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("tensor: " + e.getMessage());
          }
        }
      };

  private TensorCodec() {}
}
