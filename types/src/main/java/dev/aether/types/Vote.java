package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A validator's BLS signature (96 bytes, G2) for block {@code blockId} in {@code round} of
 * consensus epoch {@code epoch} ({@code voter} is an index into that epoch's validator set). The
 * signed message is {@link #signingBytes(long, long, H256)}.
 */
public record Vote(long epoch, long round, H256 blockId, int voter, Bytes signature) {
  public static final int BLS_SIGNATURE_BYTES = 96;

  public static final Codec<Vote> CODEC =
      new Codec<>() {
        @Override
        public void write(Vote v, Writer out) {
          out.u64(v.epoch);
          out.u64(v.round);
          H256.CODEC.write(v.blockId, out);
          out.u16(v.voter);
          out.fixed(v.signature.toArray());
        }

        @Override
        public Vote read(Reader in) {
          return new Vote(
              in.u64("Vote epoch"),
              in.u64("Vote round"),
              H256.CODEC.read(in),
              voterIndex(in.u16("Vote voter")),
              Bytes.of(in.fixed("Vote signature", BLS_SIGNATURE_BYTES)));
        }
      };

  public Vote {
    java.util.Objects.requireNonNull(blockId, "blockId");
    voterIndex(voter);
    Canonical.requireLength(signature, BLS_SIGNATURE_BYTES, "vote signature");
  }

  static int voterIndex(int voter) {
    if (voter < 0 || voter >= SignerSet.MAX_VALIDATORS) {
      throw new dev.aether.types.codec.CodecException.LengthOverLimit(
          "validator index", voter, SignerSet.MAX_VALIDATORS - 1);
    }
    return voter;
  }

  /**
   * {@code "aether/vote/v2" || 0x00 || u64 epoch || u64 round || blockId}: what a vote's BLS key
   * signs. The epoch is signed so that a certificate names the validator set it is checked against.
   */
  public static byte[] signingBytes(long epoch, long round, H256 blockId) {
    return new Writer(72)
        .fixed("aether/vote/v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .u8(0)
        .u64(epoch)
        .u64(round)
        .fixed(blockId.toArray())
        .toByteArray();
  }
}
