package dev.aether.consensus;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * What a validator must remember across restarts so that it never signs two conflicting messages
 * (DiemBFT v4 safety rules).
 *
 * @param highestVotedRound highest round voted or timed out in; never vote at or below it again
 * @param highestQcRound round of the highest QC this validator's votes built on (its lock)
 * @param highestProposedRound highest round it proposed in; never propose twice in a round
 */
public record SafetyState(long highestVotedRound, long highestQcRound, long highestProposedRound) {
  public static final SafetyState INITIAL = new SafetyState(0, 0, 0);

  public static final Codec<SafetyState> CODEC =
      new Codec<>() {
        @Override
        public void write(SafetyState v, Writer out) {
          out.u8(1);
          out.u64(v.highestVotedRound);
          out.u64(v.highestQcRound);
          out.u64(v.highestProposedRound);
        }

        @Override
        public SafetyState read(Reader in) {
          int version = in.u8("SafetyState version");
          if (version != 1) {
            throw new dev.aether.types.codec.CodecException.UnknownTag(
                "SafetyState version", version);
          }
          return new SafetyState(
              in.u64("highestVotedRound"),
              in.u64("highestQcRound"),
              in.u64("highestProposedRound"));
        }
      };

  public SafetyState {
    if (highestVotedRound < 0 || highestQcRound < 0 || highestProposedRound < 0) {
      throw new IllegalArgumentException("rounds are non-negative");
    }
  }
}
