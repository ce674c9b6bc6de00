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
import dev.aether.types.SetChange;
import dev.aether.types.Vote;
import dev.aether.types.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link SetChange} link (ADR 0003, 0025): the opening block's QC by the next epoch's set,
 * and the recorded set two epochs ahead under the boundary block's state root.
 */
final class SetChangeCheck {
  private SetChangeCheck() {}

  /**
   * Checks {@code link} with {@code next}, the already-proven set of epoch {@code link.epoch() +
   * 1}.
   *
   * @return the set of epoch {@code link.epoch() + 2} it proves, or why it does not
   */
  static Result verify(
      SetChange link, ValidatorSet next, ConsensusCrypto crypto, ConsensusParams params) {
    Header boundary = link.boundary();
    Header opening = link.opening();
    QuorumCert openingQc = link.openingQc();
    Bytes recordedSet = link.recordedSet();
    Bytes proof = link.proof();
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
