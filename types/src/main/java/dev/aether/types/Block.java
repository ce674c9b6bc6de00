package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * A header, its transactions in execution order, and the proposer's KES signature over the header
 * id for the header's KES period. The genesis block has an empty signature.
 */
public record Block(Header header, List<Tx> txs, Bytes proposerSignature) {
  public static final int MAX_TXS = 65_536;
  public static final int MAX_SIGNATURE = 1024;
  private static final Codec<Bytes> SIG = Bytes.codec("Block proposerSignature", MAX_SIGNATURE);

  public static final Codec<Block> CODEC =
      new Codec<>() {
        @Override
        public void write(Block v, Writer out) {
          Header.CODEC.write(v.header, out);
          out.list(v.txs, Tx.CODEC);
          SIG.write(v.proposerSignature, out);
        }

        @Override
        public Block read(Reader in) {
          return new Block(
              Header.CODEC.read(in), in.list("Block txs", MAX_TXS, Tx.CODEC), SIG.read(in));
        }
      };

  public Block {
    java.util.Objects.requireNonNull(header, "header");
    txs = List.copyOf(txs);
    if (txs.size() > MAX_TXS) {
      throw new IllegalArgumentException("at most " + MAX_TXS + " transactions per block");
    }
    if (proposerSignature.length() > MAX_SIGNATURE) {
      throw new IllegalArgumentException("proposer signature over " + MAX_SIGNATURE + " bytes");
    }
  }

  public H256 id() {
    return header.id();
  }

  /** {@code "aether/block-sig/v1" || 0x00 || header id}: what the proposer's KES key signs. */
  public static byte[] signingBytes(H256 headerId) {
    return new Writer(64)
        .fixed("aether/block-sig/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .u8(0)
        .fixed(headerId.toArray())
        .toByteArray();
  }
}
