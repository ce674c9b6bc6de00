package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * A signed transaction. Each signature signs the 32-byte transaction id, which hashes the canonical
 * body, so signatures never cover each other and can be verified in a batch.
 */
public record Tx(TxBody body, List<TxSignature> signatures) {
  public static final int MAX_INPUTS = 256;
  public static final int MAX_ACCESS = 1024;
  public static final int MAX_OUTPUTS = 256;
  public static final int MAX_CALLS = 16;
  public static final int MAX_SIGNATURES = 16;

  /** Largest encoded transaction accepted anywhere (mempool, block, RPC). */
  public static final int MAX_BYTES = 256 * 1024;

  public static final Codec<Tx> CODEC =
      new Codec<>() {
        @Override
        public void write(Tx v, Writer out) {
          TxBody.CODEC.write(v.body, out);
          out.list(v.signatures, TxSignature.CODEC);
        }

        @Override
        public Tx read(Reader in) {
          return new Tx(
              TxBody.CODEC.read(in), in.list("Tx signatures", MAX_SIGNATURES, TxSignature.CODEC));
        }

        @Override
        public Tx decode(byte[] bytes) {
          if (bytes.length > MAX_BYTES) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "Tx", bytes.length, MAX_BYTES);
          }
          return Codec.super.decode(bytes);
        }
      };

  public Tx {
    java.util.Objects.requireNonNull(body, "body");
    signatures = List.copyOf(signatures);
    if (signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("at most " + MAX_SIGNATURES + " signatures");
    }
  }

  public H256 id() {
    return body.id();
  }

  /** Encoded size in bytes, the {@code tx_bytes} of the fee formula. */
  public int sizeBytes() {
    return CODEC.encode(this).length;
  }
}
