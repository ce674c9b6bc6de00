package dev.aether.consensus;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Timeout;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds and checks QCs and TCs against the validator set of their epoch (the caller picks it by
 * the certificate's {@code epoch}); remembers certificates already verified.
 */
final class Certificates {
  private final ConsensusCrypto crypto;
  private final H256 genesisId;
  private final Set<QuorumCert> verifiedQcs = new HashSet<>();
  private final Set<TimeoutCert> verifiedTcs = new HashSet<>();

  Certificates(ConsensusCrypto crypto, H256 genesisId) {
    this.crypto = crypto;
    this.genesisId = genesisId;
  }

  boolean verify(QuorumCert qc, ValidatorSet set) {
    if (qc.round() == 0) {
      return qc.equals(QuorumCert.genesis(genesisId));
    }
    if (verifiedQcs.contains(qc)) {
      return true;
    }
    List<Validator> signers = signers(qc.signers(), set);
    if (signers.isEmpty() || !set.isQuorum(set.weight(qc.signers().indices()))) {
      return false;
    }
    byte[] msg = Vote.signingBytes(qc.epoch(), qc.round(), qc.blockId());
    List<byte[]> msgs = new ArrayList<>();
    for (int i = 0; i < signers.size(); i++) {
      msgs.add(msg);
    }
    boolean ok = crypto.verifyAggregate(signers, msgs, qc.aggregateSignature());
    if (ok) {
      verifiedQcs.add(qc);
    }
    return ok;
  }

  boolean verify(TimeoutCert tc, ValidatorSet set) {
    if (verifiedTcs.contains(tc)) {
      return true;
    }
    List<Validator> signers = signers(tc.signers(), set);
    if (signers.isEmpty() || !set.isQuorum(set.weight(tc.signers().indices()))) {
      return false;
    }
    List<byte[]> msgs = new ArrayList<>();
    for (long qcRound : tc.highQcRounds()) {
      msgs.add(Timeout.signingBytes(tc.epoch(), tc.round(), qcRound));
    }
    boolean ok = crypto.verifyAggregate(signers, msgs, tc.aggregateSignature());
    if (ok) {
      verifiedTcs.add(tc);
    }
    return ok;
  }

  /** Aggregates a quorum of votes (ascending voter order) into a QC. */
  QuorumCert qc(List<Vote> votes) {
    List<Integer> idx = new ArrayList<>();
    List<Bytes> sigs = new ArrayList<>();
    for (Vote v : votes) {
      idx.add(v.voter());
      sigs.add(v.signature());
    }
    QuorumCert qc =
        new QuorumCert(
            votes.getFirst().epoch(),
            votes.getFirst().round(),
            votes.getFirst().blockId(),
            SignerSet.of(idx),
            crypto.aggregate(sigs));
    verifiedQcs.add(qc);
    return qc;
  }

  /** Aggregates a quorum of timeouts (ascending voter order) into a TC. */
  TimeoutCert tc(List<Timeout> timeouts) {
    List<Integer> idx = new ArrayList<>();
    List<Long> rounds = new ArrayList<>();
    List<Bytes> sigs = new ArrayList<>();
    for (Timeout t : timeouts) {
      idx.add(t.voter());
      rounds.add(t.highQc().round());
      sigs.add(t.signature());
    }
    TimeoutCert tc =
        new TimeoutCert(
            timeouts.getFirst().epoch(),
            timeouts.getFirst().round(),
            SignerSet.of(idx),
            rounds,
            crypto.aggregate(sigs));
    verifiedTcs.add(tc);
    return tc;
  }

  /** Forgets certificates below {@code round} (bounded memory). */
  void pruneBelow(long round) {
    verifiedQcs.removeIf(q -> q.round() < round);
    verifiedTcs.removeIf(t -> t.round() < round);
  }

  private static List<Validator> signers(SignerSet s, ValidatorSet set) {
    List<Validator> out = new ArrayList<>();
    for (int i : s.indices()) {
      if (i >= set.size()) {
        return List.of();
      }
      out.add(set.validators().get(i));
    }
    return out;
  }
}
