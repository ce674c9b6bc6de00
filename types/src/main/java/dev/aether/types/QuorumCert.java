package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * Votes of at least two thirds of the stake of consensus epoch {@code epoch} for one block in one
 * round, aggregated into a single BLS signature over {@link Vote#signingBytes(long, long, H256)};
 * {@code signers} index that epoch's validator set. The genesis QC has no signers and an empty
 * signature.
 */
public record QuorumCert(
    long epoch, long round, H256 blockId, SignerSet signers, Bytes aggregateSignature) {
  private static final Codec<Bytes> SIG = Bytes.codec("QuorumCert signature", 96);

  public static final Codec<QuorumCert> CODEC =
      new Codec<>() {
        @Override
        public void write(QuorumCert v, Writer out) {
          out.u64(v.epoch);
          out.u64(v.round);
          H256.CODEC.write(v.blockId, out);
          SignerSet.CODEC.write(v.signers, out);
          SIG.write(v.aggregateSignature, out);
        }

        @Override
        public QuorumCert read(Reader in) {
          long epoch = in.u64("QuorumCert epoch");
          long round = in.u64("QuorumCert round");
          H256 block = H256.CODEC.read(in);
          SignerSet signers = SignerSet.CODEC.read(in);
          Bytes sig = SIG.read(in);
          if (sig.length() != 0 && sig.length() != 96) {
            throw new dev.aether.types.codec.CodecException.NonCanonical(
                "QuorumCert signature must be 0 (genesis) or 96 bytes");
          }
          return new QuorumCert(epoch, round, block, signers, sig);
        }
      };

  public QuorumCert {
    java.util.Objects.requireNonNull(blockId, "blockId");
    java.util.Objects.requireNonNull(signers, "signers");
    if (aggregateSignature.length() != 0 && aggregateSignature.length() != 96) {
      throw new IllegalArgumentException("aggregate signature must be 0 or 96 bytes");
    }
  }

  /** The certificate every chain starts from: epoch 0, round 0, certifying the genesis block. */
  public static QuorumCert genesis(H256 genesisBlockId) {
    return new QuorumCert(0, 0, genesisBlockId, SignerSet.EMPTY, Bytes.EMPTY);
  }
}
