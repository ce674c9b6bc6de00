package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.QuorumCert;
import dev.aether.types.TimeoutCert;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a validator must remember across restarts: the rounds that keep it from ever signing two
 * conflicting messages (DiemBFT v4 safety rules), and where it stood, so that it can go on. Rounds
 * are per consensus epoch — each epoch is its own instance rooted at the final block that ended the
 * previous one, and every vote and timeout signs its epoch — so the state names the epoch its
 * rounds belong to. Moving to a later epoch starts the rounds from zero; a validator never signs in
 * an epoch below the one it persisted.
 *
 * @param epoch the consensus epoch these rounds belong to
 * @param highestVotedRound highest round voted or timed out in; never vote at or below it again
 * @param highestQcRound round of the highest QC this validator's votes built on (its lock)
 * @param highestProposedRound highest round it proposed in; never propose twice in a round
 * @param resume the certificates and blocks it acted on last (liveness only, see {@link Resume})
 */
public record SafetyState(
    long epoch,
    long highestVotedRound,
    long highestQcRound,
    long highestProposedRound,
    Resume resume) {
  public static final SafetyState INITIAL = new SafetyState(0, 0, 0, 0);

  /** Blocks above the last commit kept in {@link Resume}, at most. */
  public static final int MAX_RESUME_BLOCKS = 64;

  /**
   * Where the validator stood when it last signed: its highest QC, the TC that let it into its
   * round, and the certified blocks between its last committed block and that QC's block. A restart
   * needs them to time out or propose in the round it had reached: its persisted rounds forbid it
   * to sign in the older round it would otherwise restart in, and if every validator restarted at
   * once, nobody else would still hold these blocks. Safety never depends on it.
   */
  public record Resume(
      Optional<QuorumCert> highQc, Optional<TimeoutCert> highTc, List<Block> blocks) {
    public static final Resume NONE = new Resume(Optional.empty(), Optional.empty(), List.of());

    public Resume {
      Objects.requireNonNull(highQc, "highQc");
      Objects.requireNonNull(highTc, "highTc");
      blocks = List.copyOf(blocks);
      if (blocks.size() > MAX_RESUME_BLOCKS) {
        throw new IllegalArgumentException("at most " + MAX_RESUME_BLOCKS + " resume blocks");
      }
    }
  }

  /**
   * Version 3: {@code u8(3), u64 epoch, u64 highestVotedRound, u64 highestQcRound, u64
   * highestProposedRound, option<QuorumCert>, option<TimeoutCert>, list<Block>(64)}. Version 1 (the
   * three rounds of epoch 0 only) still reads, with nothing to resume from.
   */
  public static final Codec<SafetyState> CODEC =
      new Codec<>() {
        @Override
        public void write(SafetyState v, Writer out) {
          out.u8(3);
          out.u64(v.epoch);
          out.u64(v.highestVotedRound);
          out.u64(v.highestQcRound);
          out.u64(v.highestProposedRound);
          out.optional(v.resume.highQc(), QuorumCert.CODEC);
          out.optional(v.resume.highTc(), TimeoutCert.CODEC);
          out.list(v.resume.blocks(), Block.CODEC);
        }

        @Override
        public SafetyState read(Reader in) {
          int version = in.u8("SafetyState version");
          if (version != 1 && version != 3) {
            throw new CodecException.UnknownTag("SafetyState version", version);
          }
          long epoch = version == 3 ? in.u64("epoch") : 0;
          long voted = in.u64("highestVotedRound");
          long qc = in.u64("highestQcRound");
          long proposed = in.u64("highestProposedRound");
          if (version == 1) {
            return new SafetyState(epoch, voted, qc, proposed);
          }
          return new SafetyState(
              epoch,
              voted,
              qc,
              proposed,
              new Resume(
                  in.optional("SafetyState highQc", QuorumCert.CODEC),
                  in.optional("SafetyState highTc", TimeoutCert.CODEC),
                  in.list("SafetyState blocks", MAX_RESUME_BLOCKS, Block.CODEC)));
        }
      };

  public SafetyState {
    Objects.requireNonNull(resume, "resume");
    if (epoch < 0 || highestVotedRound < 0 || highestQcRound < 0 || highestProposedRound < 0) {
      throw new IllegalArgumentException("epoch and rounds are non-negative");
    }
  }

  /** The rounds of {@code epoch}, with nothing to resume from. */
  public SafetyState(long epoch, long highestVotedRound, long highestQcRound, long proposed) {
    this(epoch, highestVotedRound, highestQcRound, proposed, Resume.NONE);
  }

  /** The rounds of epoch 0 only, with nothing to resume from. */
  public SafetyState(long highestVotedRound, long highestQcRound, long highestProposedRound) {
    this(0, highestVotedRound, highestQcRound, highestProposedRound, Resume.NONE);
  }

  /** The rounds of epoch 0 with a resume point. */
  public SafetyState(
      long highestVotedRound, long highestQcRound, long highestProposedRound, Resume resume) {
    this(0, highestVotedRound, highestQcRound, highestProposedRound, resume);
  }

  /** The same rounds with another resume point. */
  public SafetyState withResume(Resume r) {
    return new SafetyState(epoch, highestVotedRound, highestQcRound, highestProposedRound, r);
  }

  /** The state for rounds of {@code e}: this one if it is already for {@code e}, else fresh. */
  public SafetyState forEpoch(long e) {
    if (e < epoch) {
      throw new IllegalArgumentException(
          "safety state of epoch " + epoch + " cannot go back to " + e);
    }
    return e == epoch ? this : new SafetyState(e, 0, 0, 0, resume);
  }
}
