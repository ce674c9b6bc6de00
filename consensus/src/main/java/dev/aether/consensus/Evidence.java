package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Vote;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Objects;

/**
 * Proof that one key signed two different messages for the same round. Anyone holding the validator
 * set can check it with {@link #verify}; the staking program slashes {@code slash_double} of the
 * offender's stake. The two messages are stored in ascending id order, so each offence has exactly
 * one encoding.
 */
public sealed interface Evidence {
  /** The offender's index in the validator set of {@link #epoch()}. */
  int offender();

  /** The consensus epoch of the offence: verify against that epoch's validator set. */
  long epoch();

  long round();

  /**
   * True iff both messages are by {@link #offender()}, for the same epoch and round, differ, and
   * verify under {@code set} (which must be the set of {@link #epoch()}).
   */
  boolean verify(ValidatorSet set, ConsensusCrypto crypto, ConsensusParams params);

  /**
   * Two proposals (headers with their KES signatures) by one proposer for one round of one epoch.
   */
  record DoubleProposal(Header first, Bytes firstSig, Header second, Bytes secondSig)
      implements Evidence {
    public DoubleProposal {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (first.id().compareTo(second.id()) >= 0) {
        throw new IllegalArgumentException("headers must differ and be in ascending id order");
      }
    }

    /** Builds the canonical evidence from two signed blocks in any order. */
    public static DoubleProposal of(Block a, Block b) {
      return a.id().compareTo(b.id()) < 0
          ? new DoubleProposal(a.header(), a.proposerSignature(), b.header(), b.proposerSignature())
          : new DoubleProposal(
              b.header(), b.proposerSignature(), a.header(), a.proposerSignature());
    }

    @Override
    public int offender() {
      return first.proposer();
    }

    @Override
    public long epoch() {
      return first.epoch();
    }

    @Override
    public long round() {
      return first.round();
    }

    @Override
    public boolean verify(ValidatorSet set, ConsensusCrypto crypto, ConsensusParams params) {
      if (first.proposer() != second.proposer()
          || first.round() != second.round()
          || first.epoch() != second.epoch()) {
        return false;
      }
      return set.get(first.proposer())
          .map(v -> signed(crypto, v, first, firstSig) && signed(crypto, v, second, secondSig))
          .orElse(false);
    }

    private static boolean signed(ConsensusCrypto crypto, Validator v, Header h, Bytes sig) {
      return crypto.verifyProposal(v, h.opCert(), h.kesPeriod(), Block.signingBytes(h.id()), sig);
    }
  }

  /** Two votes by one voter for different blocks of one round of one epoch. */
  record DoubleVote(Vote first, Vote second) implements Evidence {
    public DoubleVote {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (first.blockId().compareTo(second.blockId()) >= 0) {
        throw new IllegalArgumentException("votes must differ and be in ascending block order");
      }
    }

    public static DoubleVote of(Vote a, Vote b) {
      return a.blockId().compareTo(b.blockId()) < 0 ? new DoubleVote(a, b) : new DoubleVote(b, a);
    }

    @Override
    public int offender() {
      return first.voter();
    }

    @Override
    public long epoch() {
      return first.epoch();
    }

    @Override
    public long round() {
      return first.round();
    }

    @Override
    public boolean verify(ValidatorSet set, ConsensusCrypto crypto, ConsensusParams params) {
      if (first.voter() != second.voter()
          || first.round() != second.round()
          || first.epoch() != second.epoch()) {
        return false;
      }
      return set.get(first.voter())
          .map(v -> signed(crypto, v, first) && signed(crypto, v, second))
          .orElse(false);
    }

    private static boolean signed(ConsensusCrypto crypto, Validator v, Vote vote) {
      return crypto.verifyVote(
          v, Vote.signingBytes(vote.epoch(), vote.round(), vote.blockId()), vote.signature());
    }
  }

  /** Canonical encoding: tag 1 = double proposal, 2 = double vote. */
  Codec<Evidence> CODEC =
      new Codec<>() {
        private final Codec<Bytes> sig = Bytes.codec("Evidence signature", Block.MAX_SIGNATURE);

        @Override
        public void write(Evidence v, Writer out) {
          switch (v) {
            case DoubleProposal p -> {
              out.u8(1);
              Header.CODEC.write(p.first(), out);
              sig.write(p.firstSig(), out);
              Header.CODEC.write(p.second(), out);
              sig.write(p.secondSig(), out);
            }
            case DoubleVote d -> {
              out.u8(2);
              Vote.CODEC.write(d.first(), out);
              Vote.CODEC.write(d.second(), out);
            }
          }
        }

        @Override
        public Evidence read(Reader in) {
          int tag = in.u8("Evidence tag");
          return switch (tag) {
            case 1 ->
                new DoubleProposal(
                    Header.CODEC.read(in), sig.read(in), Header.CODEC.read(in), sig.read(in));
            case 2 -> new DoubleVote(Vote.CODEC.read(in), Vote.CODEC.read(in));
            default -> throw new CodecException.UnknownTag("Evidence", tag);
          };
        }
      };

  /** Evidence id: {@code SHA-256("aether/evidence/v1" || encoding)}. */
  static H256 id(Evidence e) {
    return dev.aether.types.Hashing.tagged("aether/evidence/v1", CODEC.encode(e));
  }
}
