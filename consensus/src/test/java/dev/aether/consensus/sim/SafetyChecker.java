package dev.aether.consensus.sim;

import dev.aether.consensus.Action;
import dev.aether.consensus.SafetyState;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The safety properties, checked on every step.
 *
 * <ul>
 *   <li><b>Finality</b>: each validator's commits extend its previous commit (nothing final is
 *       reverted), and all validators' final blocks agree height by height.
 *   <li><b>Persist before send</b>: in every batch of actions, a vote or timeout comes after a
 *       {@code PersistSafety} covering its round.
 *   <li><b>Behaviour on the wire</b>, per validator and across restarts (what the network saw, not
 *       what the node remembers): votes go strictly up in round; no vote for a round it already
 *       timed out of (or below); proposals go strictly up in round; no timeout carries a QC below
 *       the highest QC its votes built on (the lock). Rounds and locks are per consensus epoch
 *       (docs/adr/0025: each epoch has its own safety state): a validator's messages never go back
 *       to an epoch it has left, and a new epoch starts its rounds afresh.
 * </ul>
 */
final class SafetyChecker {
  private final Function<String, Simulation.SimFailure> fail;
  private final IntPredicate checked;
  private final Map<Long, H256> finalAtHeight = new HashMap<>();
  final List<List<H256>> committed = new ArrayList<>();
  final List<List<Long>> commitTimes = new ArrayList<>();
  private final long[] lastVote;
  private final long[] lastTimeout;
  private final long[] lastProposal;
  private final long[] lock;
  private final long[] epoch;
  private final Timeout[] lastTimeoutSent;
  private final Timeout[] lastTimeoutOfLeftEpoch;

  /**
   * @param checked the validators whose sent messages are checked (honest, unbroken ones)
   */
  SafetyChecker(
      int n, H256 genesis, IntPredicate checked, Function<String, Simulation.SimFailure> fail) {
    this.fail = fail;
    this.checked = checked;
    for (int i = 0; i < n; i++) {
      committed.add(new ArrayList<>(List.of(genesis)));
      commitTimes.add(new ArrayList<>(List.of(0L)));
    }
    lastVote = new long[n];
    lastTimeout = new long[n];
    lastProposal = new long[n];
    lock = new long[n];
    epoch = new long[n];
    lastTimeoutSent = new Timeout[n];
    lastTimeoutOfLeftEpoch = new Timeout[n];
    Arrays.fill(lastVote, -1);
    Arrays.fill(lastTimeout, -1);
    Arrays.fill(lastProposal, -1);
  }

  /**
   * A vote or timeout may leave only after a safety state covering its epoch and round was
   * persisted.
   */
  void persistFirst(int node, SafetyState durable, List<Action> actions) {
    SafetyState covered = durable;
    for (Action a : actions) {
      long[] message =
          switch (a) {
            case Action.PersistSafety p -> {
              covered = p.state();
              yield null;
            }
            case Action.BroadcastVote v -> new long[] {v.vote().epoch(), v.vote().round()};
            case Action.BroadcastTimeout t -> new long[] {t.timeout().epoch(), t.timeout().round()};
            default -> null;
          };
      // A message of an epoch the validator has left is a re-send of one persisted back then
      // (the wire checks below see that it is exactly that).
      if (message != null
          && (message[0] > covered.epoch()
              || (message[0] == covered.epoch() && message[1] > covered.highestVotedRound()))) {
        throw fail.apply(
            "validator "
                + node
                + " sent an epoch-"
                + message[0]
                + " round-"
                + message[1]
                + " message before persisting");
      }
    }
  }

  /** A message of consensus epoch {@code e}: never an epoch left; a new one starts afresh. */
  private void inEpoch(int node, long e, String what) {
    if (e < epoch[node]) {
      throw fail.apply(
          "validator "
              + node
              + " sent a "
              + what
              + " of epoch "
              + e
              + " after epoch "
              + epoch[node]);
    }
    if (e > epoch[node]) {
      epoch[node] = e;
      lastTimeoutOfLeftEpoch[node] = lastTimeoutSent[node];
      lastVote[node] = -1;
      lastTimeout[node] = -1;
      lastProposal[node] = -1;
      lock[node] = 0;
    }
  }

  void voteSent(int node, Vote v, long qcRound) {
    if (!checked.test(node)) {
      return;
    }
    inEpoch(node, v.epoch(), "vote");
    if (v.round() <= lastVote[node]) {
      throw fail.apply(
          "validator "
              + node
              + " sent a second vote for round "
              + v.round()
              + " (it had voted in round "
              + lastVote[node]
              + "): a restart forgot a vote it had sent");
    }
    if (v.round() <= lastTimeout[node]) {
      throw fail.apply(
          "validator "
              + node
              + " voted in round "
              + v.round()
              + " after timing out of round "
              + lastTimeout[node]);
    }
    lastVote[node] = v.round();
    lock[node] = Math.max(lock[node], qcRound);
  }

  void timeoutSent(int node, Timeout t) {
    if (!checked.test(node)) {
      return;
    }
    if (t.epoch() < epoch[node] && t.equals(lastTimeoutOfLeftEpoch[node])) {
      return; // the last timeout of the epoch it left, sent again: signs nothing new
    }
    inEpoch(node, t.epoch(), "timeout");
    lastTimeoutSent[node] = t;
    if (t.highQc().round() < lock[node]) {
      throw fail.apply(
          "validator "
              + node
              + " timed out of round "
              + t.round()
              + " with a QC of round "
              + t.highQc().round()
              + " below its lock "
              + lock[node]);
    }
    lastTimeout[node] = Math.max(lastTimeout[node], t.round());
  }

  void proposalSent(int node, Block b) {
    if (!checked.test(node)) {
      return;
    }
    inEpoch(node, b.header().epoch(), "proposal");
    if (b.header().round() <= lastProposal[node]) {
      throw fail.apply(
          "validator "
              + node
              + " sent a second proposal for round "
              + b.header().round()
              + " (it had proposed in round "
              + lastProposal[node]
              + ")");
    }
    lastProposal[node] = b.header().round();
  }

  void commit(int node, Block b, long now) {
    List<H256> chain = committed.get(node);
    H256 last = chain.getLast();
    if (!b.header().parent().equals(last) || b.header().height() != chain.size()) {
      throw fail.apply(
          "validator "
              + node
              + " committed block at height "
              + b.header().height()
              + " not extending its last final block (height "
              + (chain.size() - 1)
              + "): a final block was reverted");
    }
    H256 prior = finalAtHeight.putIfAbsent(b.header().height(), b.id());
    if (prior != null && !prior.equals(b.id())) {
      throw fail.apply(
          "conflicting final blocks at height "
              + b.header().height()
              + ": "
              + prior
              + " and "
              + b.id()
              + " (validator "
              + node
              + ")");
    }
    chain.add(b.id());
    commitTimes.get(node).add(now);
  }

  /** A restart resumes at its checkpoint: commits above it will come again, in order. */
  void restarted(int node, long checkpointHeight) {
    List<H256> chain = committed.get(node);
    while (chain.size() > checkpointHeight + 1) {
      chain.removeLast();
    }
  }
}
