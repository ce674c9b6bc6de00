package dev.aether.consensus.sim;

import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.SafetyState;
import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated validator's machine: its clock, keys and behaviour, the state machine it runs now
 * (replaced on every restart), and its durable store — the safety state and the checkpoint of its
 * last committed block, which is all a restart keeps.
 */
final class Host {
  final int index;
  final Clock clock;
  final LocalSigner key;
  final Behavior behavior;

  /** The honest state machine, or a Byzantine member's non-voting follower. */
  Consensus consensus;

  /** The Byzantine member's handle and strategy (null when honest). */
  Adversary adversary;

  Attack attack;

  boolean up = true;

  /** Bumped on every crash: timers and answers addressed to an older incarnation are dropped. */
  int incarnation;

  /** The safety state on disk: what a restart resumes with. */
  SafetyState durable = SafetyState.INITIAL;

  /** Written but not yet synced (only a driver that syncs late ever has one). */
  SafetyState pending;

  /** The checkpoint of the last committed block, written with the commit. */
  Checkpoint checkpoint;

  /**
   * Committed blocks, kept across restarts (the node's ledger store): served to peers that fetch
   * them, as a node serves committed blocks from its store and not only from consensus' tree.
   */
  final Map<H256, Block> committedBlocks = new HashMap<>();

  /** Crash inside the next batch that sends something (an {@link Outage} with midBatch). */
  boolean crashInNextBatch;

  long nextOutageMs;

  /** {@code [down, up)} intervals, true time. */
  final List<long[]> downtime = new ArrayList<>();

  int restarts;

  Host(int index, Clock clock, LocalSigner key, Behavior behavior, Checkpoint genesis) {
    this.index = index;
    this.clock = clock;
    this.key = key;
    this.behavior = behavior;
    this.checkpoint = genesis;
  }

  boolean byzantine() {
    return behavior.byzantine();
  }

  long local(long trueMs) {
    return clock.local(trueMs);
  }
}
