package dev.aether.consensus;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * What a validator must remember across restarts so that it never signs two conflicting messages
 * (DiemBFT v4 safety rules). Rounds are per consensus epoch — each epoch is its own instance rooted
 * at the final block that ended the previous one, and every vote and timeout signs its epoch — so
 * the state names the epoch its rounds belong to. Moving to a later epoch starts from zero; a
 * validator never signs in an epoch below the one it persisted.
 *
 * @param epoch the consensus epoch these rounds belong to
 * @param highestVotedRound highest round voted or timed out in; never vote at or below it again
 * @param highestQcRound round of the highest QC this validator's votes built on (its lock)
 * @param highestProposedRound highest round it proposed in; never propose twice in a round
 */
public record SafetyState(
    long epoch, long highestVotedRound, long highestQcRound, long highestProposedRound) {
  public static final SafetyState INITIAL = new SafetyState(0, 0, 0, 0);

  public static final Codec<SafetyState> CODEC =
      new Codec<>() {
        @Override
        public void write(SafetyState v, Writer out) {
          out.u8(2);
          out.u64(v.epoch);
          out.u64(v.highestVotedRound);
          out.u64(v.highestQcRound);
          out.u64(v.highestProposedRound);
        }

        @Override
        public SafetyState read(Reader in) {
          int version = in.u8("SafetyState version");
          if (version != 1 && version != 2) {
            throw new dev.aether.types.codec.CodecException.UnknownTag(
                "SafetyState version", version);
          }
          // Version 1 (before epochs changed) had only epoch 0.
          long epoch = version == 2 ? in.u64("epoch") : 0;
          return new SafetyState(
              epoch,
              in.u64("highestVotedRound"),
              in.u64("highestQcRound"),
              in.u64("highestProposedRound"));
        }
      };

  public SafetyState {
    if (epoch < 0 || highestVotedRound < 0 || highestQcRound < 0 || highestProposedRound < 0) {
      throw new IllegalArgumentException("epoch and rounds are non-negative");
    }
  }

  /** The state for rounds of {@code e}: this one if it is already for {@code e}, else fresh. */
  public SafetyState forEpoch(long e) {
    if (e < epoch) {
      throw new IllegalArgumentException(
          "safety state of epoch " + epoch + " cannot go back to " + e);
    }
    return e == epoch ? this : new SafetyState(e, 0, 0, 0);
  }
}
