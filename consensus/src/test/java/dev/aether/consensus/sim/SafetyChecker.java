package dev.aether.consensus.sim;

import dev.aether.consensus.Action;
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
 *       the highest QC its votes built on (the lock).
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
    Arrays.fill(lastVote, -1);
    Arrays.fill(lastTimeout, -1);
    Arrays.fill(lastProposal, -1);
  }

  /** A vote or timeout may leave only after a safety state covering its round was persisted. */
  void persistFirst(int node, long durableVotedRound, List<Action> actions) {
    long covered = durableVotedRound;
    for (Action a : actions) {
      long round =
          switch (a) {
            case Action.PersistSafety p -> {
              covered = p.state().highestVotedRound();
              yield -1;
            }
            case Action.BroadcastVote v -> v.vote().round();
            case Action.BroadcastTimeout t -> t.timeout().round();
            default -> -1;
          };
      if (round > covered) {
        throw fail.apply(
            "validator " + node + " sent a round-" + round + " message before persisting");
      }
    }
  }

  void voteSent(int node, Vote v, long qcRound) {
    if (!checked.test(node)) {
      return;
    }
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
