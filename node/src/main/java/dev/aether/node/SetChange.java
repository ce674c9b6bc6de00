package dev.aether.node;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.smt.SmtProof;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Vote;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One link of the chain of validator-set changes a state-syncing node verifies from genesis (ADR
 * 0003, 0025): consensus epoch {@code e} ended with {@code boundary}; {@code opening}, the first
 * block of epoch {@code e+1}, is its child, and {@code openingQc} certifies it with the votes of
 * epoch {@code e+1}'s set — which honest validators give only after {@code boundary} is final. The
 * boundary block's state root then commits to the set the staking program recorded for epoch {@code
 * e+2} ({@code recordedSet}, proven by {@code proof}).
 *
 * <p>Given the sets of epochs 0 and 1 (genesis), link {@code e = 0} yields the set of epoch 2, link
 * 1 the set of epoch 3, and so on: each link is checked with a set the previous links proved.
 */
record SetChange(
    Header boundary, Header opening, QuorumCert openingQc, Bytes recordedSet, Bytes proof) {
  /** Largest encoded set or proof accepted. */
  static final int MAX_BYTES = 1 << 20;

  private static final Codec<Bytes> BLOB = Bytes.codec("SetChange blob", MAX_BYTES);

  static final Codec<SetChange> CODEC =
      new Codec<>() {
        @Override
        public void write(SetChange v, Writer out) {
          out.u8(1);
          Header.CODEC.write(v.boundary, out);
          Header.CODEC.write(v.opening, out);
          QuorumCert.CODEC.write(v.openingQc, out);
          BLOB.write(v.recordedSet, out);
          BLOB.write(v.proof, out);
        }

        @Override
        public SetChange read(Reader in) {
          int version = in.u8("SetChange version");
          if (version != 1) {
            throw new CodecException.UnknownTag("SetChange version", version);
          }
          return new SetChange(
              Header.CODEC.read(in),
              Header.CODEC.read(in),
              QuorumCert.CODEC.read(in),
              BLOB.read(in),
              BLOB.read(in));
        }
      };

  /** The consensus epoch this link ends. */
  long epoch() {
    return boundary.epoch();
  }

  /**
   * Checks this link with {@code next}, the already-proven set of epoch {@code epoch() + 1}.
   *
   * @return the set of epoch {@code epoch() + 2} it proves, or why it does not
   */
  Result verify(ValidatorSet next, ConsensusCrypto crypto, ConsensusParams params) {
    long e = boundary.epoch();
    if (boundary.slot() < (e + 1) * params.epochSlots()) {
      return Result.bad("epoch " + e + " block at slot " + boundary.slot() + " does not end it");
    }
    if (opening.epoch() != e + 1 || !opening.parent().equals(boundary.id())) {
      return Result.bad(
          "the opening block is not a child of the boundary block in epoch " + (e + 1));
    }
    if (openingQc.epoch() != e + 1
        || !openingQc.blockId().equals(opening.id())
        || openingQc.round() != opening.round()) {
      return Result.bad("the QC does not certify the opening block");
    }
    List<Validator> signers = new ArrayList<>();
    for (int i : openingQc.signers().indices()) {
      Optional<Validator> v = next.get(i);
      if (v.isEmpty()) {
        return Result.bad("QC signer " + i + " outside the set of epoch " + (e + 1));
      }
      signers.add(v.get());
    }
    if (signers.isEmpty() || !next.isQuorum(next.weight(openingQc.signers().indices()))) {
      return Result.bad("the QC has no quorum of epoch " + (e + 1));
    }
    byte[] msg = Vote.signingBytes(openingQc.epoch(), openingQc.round(), openingQc.blockId());
    List<byte[]> msgs = new ArrayList<>();
    for (int i = 0; i < signers.size(); i++) {
      msgs.add(msg);
    }
    if (!crypto.verifyAggregate(signers, msgs, openingQc.aggregateSignature())) {
      return Result.bad("the QC's aggregate signature does not verify");
    }
    H256 key = StakingKeys.epochSet(e + 2);
    SmtProof p;
    try {
      p = SmtProof.decode(proof.toArray());
    } catch (RuntimeException ex) {
      return Result.bad("malformed state proof: " + ex.getMessage());
    }
    H256 value = Ledger.valueHash(new StateObject.Data(recordedSet));
    if (!p.verify(boundary.stateRoot(), key, Optional.of(value))) {
      return Result.bad("the recorded set of epoch " + (e + 2) + " is not under the state root");
    }
    EpochValidatorSet set;
    try {
      set = EpochValidatorSet.CODEC.decode(recordedSet.toArray());
    } catch (CodecException ex) {
      return Result.bad("the recorded set does not decode: " + ex.getMessage());
    }
    if (set.epoch() != e + 2) {
      return Result.bad("the recorded set names epoch " + set.epoch());
    }
    return new Result(Optional.of(set), Optional.empty());
  }

  /** The outcome of {@link #verify}: a proven set, or the reason. */
  record Result(Optional<EpochValidatorSet> set, Optional<String> problem) {
    static Result bad(String why) {
      return new Result(Optional.empty(), Optional.of(why));
    }
  }
}
