package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.TimeoutCert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposals on a stale QC — one below the highest the network has — with every justification the
 * coalition can produce: a stale TC (of an older round), a real TC whose reported QC rounds were
 * lowered (breaks its aggregate), a TC claiming honest signers it has no signatures of, a real TC
 * above the stale QC (breaks the lock), no TC at all, and the one legitimate option: a TC
 * cherry-picked from the timeouts reporting the lowest QCs, with a QC exactly at its highest
 * report. Only the last may get votes; safety must hold either way.
 */
final class StaleQcAttack implements Attack {
  private enum Variant {
    STALE_TC,
    LOWERED_TC,
    FORGED_SIGNERS,
    BELOW_LOCK,
    NO_TC,
    CHERRY_PICKED
  }

  @Override
  public void onSlot(Adversary a, long slot) {
    long r = a.round();
    Variant v = Variant.values()[a.rnd().nextInt(Variant.values().length)];
    Optional<Block> proposal =
        switch (v) {
          case CHERRY_PICKED -> cherryPicked(a, slot, r);
          case STALE_TC -> staleTc(a, slot, r);
          default -> forged(a, v, slot, r);
        };
    proposal.ifPresent(a::sendAll);
  }

  /** A recent QC below the highest, whose block the member knows. */
  private static Optional<QuorumCert> staleQc(Adversary a) {
    List<QuorumCert> older = new ArrayList<>();
    for (QuorumCert qc :
        a.intel.qcs().headMap(a.highQc().round(), false).descendingMap().values()) {
      if (a.follower.block(qc.blockId()).isPresent()) {
        older.add(qc);
      }
      if (older.size() == 6) {
        break;
      }
    }
    return older.isEmpty()
        ? Optional.empty()
        : Optional.of(older.get(a.rnd().nextInt(older.size())));
  }

  /** Legitimate: TC(r-1) with the lowest maximum the coalition can assemble, QC at that maximum. */
  private static Optional<Block> cherryPicked(Adversary a, long slot, long r) {
    Optional<TimeoutCert> tc = a.intel.cherryPickedTc(r - 1);
    if (tc.isEmpty()) {
      return Optional.empty();
    }
    QuorumCert qc = a.intel.qcs().get(tc.get().maxHighQcRound());
    if (qc == null) {
      return Optional.empty();
    }
    return a.follower
        .block(qc.blockId())
        .flatMap(p -> a.proof(p, slot).map(pr -> a.build(p, slot, r, qc, tc, pr, 7)));
  }

  /** A TC of an older round: either for the current round (wrong round) or for its own round. */
  private static Optional<Block> staleTc(Adversary a, long slot, long r) {
    Optional<TimeoutCert> old = a.intel.staleTc(r, a.rnd());
    Optional<QuorumCert> qc = staleQc(a);
    if (old.isEmpty() || qc.isEmpty()) {
      return Optional.empty();
    }
    long round = a.rnd().nextBoolean() ? r : old.get().round() + 1;
    if (round <= qc.get().round()) {
      return Optional.empty();
    }
    return a.follower
        .block(qc.get().blockId())
        .flatMap(p -> a.proof(p, slot).map(pr -> a.build(p, slot, round, qc.get(), old, pr, 8)));
  }

  private static Optional<Block> forged(Adversary a, Variant v, long slot, long r) {
    Optional<QuorumCert> stale = staleQc(a);
    if (stale.isEmpty()) {
      return Optional.empty();
    }
    QuorumCert qc = stale.get();
    Optional<Block> parent = a.follower.block(qc.blockId());
    if (parent.isEmpty() || r <= qc.round() + 1) {
      return Optional.empty();
    }
    Optional<TimeoutCert> real = a.intel.tc(r - 1);
    Optional<TimeoutCert> tc =
        switch (v) {
          case LOWERED_TC ->
              real.map(
                  t ->
                      new TimeoutCert(
                          t.epoch(),
                          t.round(),
                          t.signers(),
                          Collections.nCopies(t.highQcRounds().size(), qc.round()),
                          t.aggregateSignature()));
          case FORGED_SIGNERS -> Optional.of(forgedSigners(a, r - 1, qc.round()));
          case BELOW_LOCK -> real.filter(t -> t.maxHighQcRound() > qc.round());
          case NO_TC -> Optional.empty();
          default -> throw new IllegalStateException(v.name());
        };
    if (v != Variant.NO_TC && tc.isEmpty()) {
      return Optional.empty();
    }
    Bytes proof = a.proof(parent.get(), slot).orElse(Attacks.anyProof(a, slot));
    return Optional.of(a.build(parent.get(), slot, r, qc, tc, proof, 9));
  }

  /**
   * A "TC" naming every validator as signer, each reporting {@code qcRound}, whose aggregate holds
   * only the coalition's own timeout signatures: what forging one without honest keys amounts to.
   */
  private static TimeoutCert forgedSigners(Adversary a, long round, long qcRound) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < a.n(); i++) {
      all.add(i);
    }
    Bytes own = a.timeout(round, a.highQc(), qcRound).signature();
    Map<Integer, Bytes> sigs = Map.of(a.me, own);
    return new TimeoutCert(
        a.epoch(),
        round,
        SignerSet.of(all),
        Collections.nCopies(all.size(), qcRound),
        a.intel.aggregate(List.copyOf(sigs.values())));
  }
}
