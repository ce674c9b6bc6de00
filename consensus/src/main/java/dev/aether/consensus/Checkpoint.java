package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.QuorumCert;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed block consensus can resume from instead of genesis: the block, the quorum certificate
 * on it (the {@code highQc} a resumed node starts with), the chain-derived epoch randomness at that
 * block — {@code eta} (the nonce its epoch's lottery uses) and {@code rho} (the accumulator that
 * becomes the next epoch's nonce, see {@link EpochNonce}) — and the operational-certificate
 * counters of the final chain up to it ({@link CertCounters}). A node writes one after every commit
 * (so a restart resumes at its own head) and serves those taken at snapshot heights to peers that
 * state-sync.
 *
 * <p>The block and its QC are checked by {@link #verify}; {@code eta} is bound by the block's own
 * VRF proof. {@code rho} is not derivable from one header, so a syncing node accepts a checkpoint
 * only when validators with more than a third of the stake serve the same block, nonces and
 * counters (at least one honest validator vouches for it; their QCs may differ).
 */
public record Checkpoint(Block block, QuorumCert qc, H256 eta, H256 rho, CertCounters counters) {
  public static final Codec<Checkpoint> CODEC =
      new Codec<>() {
        @Override
        public void write(Checkpoint v, Writer out) {
          Block.CODEC.write(v.block, out);
          QuorumCert.CODEC.write(v.qc, out);
          H256.CODEC.write(v.eta, out);
          H256.CODEC.write(v.rho, out);
          CertCounters.CODEC.write(v.counters, out);
        }

        @Override
        public Checkpoint read(Reader in) {
          Block b = Block.CODEC.read(in);
          QuorumCert qc = QuorumCert.CODEC.read(in);
          H256 eta = H256.CODEC.read(in);
          H256 rho = H256.CODEC.read(in);
          CertCounters counters = CertCounters.CODEC.read(in);
          if (!certifies(qc, b)) {
            throw new dev.aether.types.codec.CodecException.NonCanonical(
                "checkpoint QC does not certify its block");
          }
          return new Checkpoint(b, qc, eta, rho, counters);
        }
      };

  public Checkpoint {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(qc, "qc");
    Objects.requireNonNull(eta, "eta");
    Objects.requireNonNull(rho, "rho");
    Objects.requireNonNull(counters, "counters");
    if (!certifies(qc, block)) {
      throw new IllegalArgumentException("checkpoint QC does not certify its block");
    }
  }

  private static boolean certifies(QuorumCert qc, Block b) {
    return qc.blockId().equals(b.id())
        && qc.round() == b.header().round()
        && qc.epoch() == b.header().epoch();
  }

  /**
   * The chain's starting point: the genesis block, its round-0 QC and the genesis nonce {@link
   * EpochNonce#genesis(Block)}.
   */
  public static Checkpoint genesis(Block genesis) {
    H256 eta0 = EpochNonce.genesis(genesis);
    return new Checkpoint(
        genesis,
        QuorumCert.genesis(genesis.id()),
        eta0,
        EpochNonce.start(eta0, 0),
        CertCounters.EMPTY);
  }

  public long height() {
    return block.header().height();
  }

  public H256 id() {
    return block.id();
  }

  /**
   * The consensus epoch a node resumes in from this checkpoint: the block's own, or the next one
   * when the block ended its epoch. (A final block of epoch {@code e} whose slot lies past the
   * epoch is always the block that ended it — the blocks after it in {@code e} are never final.)
   */
  public long resumeEpoch(ConsensusParams params) {
    long e = block.header().epoch();
    return block.header().slot() >= (e + 1) * params.epochSlots() ? e + 1 : e;
  }

  /**
   * Checks what one checkpoint can prove by itself: its QC is a valid quorum certificate of {@code
   * validators} on the block, and the block's VRF proof verifies under {@code eta} for its slot.
   *
   * @return why it is refused, or empty when it verifies
   */
  public Optional<String> verify(ConsensusConfig config, ConsensusCrypto crypto) {
    if (height() == 0) {
      return config.genesis().id().equals(id()) && equals(genesis(config.genesis()))
          ? Optional.empty()
          : Optional.of("height-0 checkpoint is not this chain's genesis");
    }
    ConsensusParams params = config.params();
    long slot = block.header().slot();
    long epoch = block.header().epoch();
    Optional<ValidatorSet> known = config.validators().forEpoch(epoch);
    if (known.isEmpty()) {
      return Optional.of("the validator set of epoch " + epoch + " is not known");
    }
    ValidatorSet set = known.get();
    if (!new Certificates(crypto, config.genesis().id()).verify(qc, set)) {
      return Optional.of("QC on the checkpoint block does not verify");
    }
    Optional<Validator> proposer = set.get(block.header().proposer());
    if (proposer.isEmpty()) {
      return Optional.of("unknown proposer " + block.header().proposer());
    }
    Optional<Bytes> beta =
        crypto.vrfVerify(proposer.get(), Leadership.vrfInput(eta, slot), block.header().vrfProof());
    if (beta.isEmpty()) {
      return Optional.of("block's VRF proof does not verify under the checkpoint's eta");
    }
    return Optional.empty();
  }
}
