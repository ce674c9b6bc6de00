package dev.aether.cli.chain;

import dev.aether.consensus.Action;
import dev.aether.consensus.Event;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Timeout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shadow fork's network: a deterministic, in-process driver of its validators on a simulated
 * clock (ADR 0061). Every message reaches every other validator {@code latencyMs} after it was
 * sent; timers fire at the time consensus asked for; block execution answers at once. No sockets,
 * no threads, no wall clock: the same fork, proposal and load always give the same run.
 *
 * <p>It stops when every validator that is still running has committed {@code wanted} blocks past
 * the fork point, or at {@code deadlineMs} of simulated time, whichever comes first.
 */
final class ForkNet {
  /** One block the fork finalized, as the first validator to commit it saw it. */
  record Final(
      long height,
      long round,
      long slot,
      int proposer,
      int offered,
      int included,
      int dropped,
      BigInteger feePerTx,
      long latencyMs,
      long latencyRounds) {}

  /** What the run observed. */
  record Outcome(
      List<Final> finals,
      long simulatedMs,
      long lastRound,
      int roundsTimedOut,
      List<String> halts,
      Optional<Map<String, String>> paramsAtFork,
      Map<Long, Integer> epochSets) {}

  private record Scheduled(long at, long seq, int to, Function<Long, Event> event) {}

  /** A built payload's load figures, by the block id it was proposed as. */
  private record Load(int offered, int included, int dropped) {}

  private final List<ForkValidator> validators;
  private final long latencyMs;
  private final RehearsalLoad load;
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;
  private final Map<H256, Long> proposedAt = new HashMap<>();
  private final Map<H256, Load> loads = new HashMap<>();
  private final Map<Long, Final> finals = new HashMap<>();
  private final Set<String> timedOut = new TreeSet<>();
  private final Map<Long, Integer> epochSets = new java.util.TreeMap<>();
  private final long forkHeight;
  private Optional<Map<String, String>> paramsAtFork = Optional.empty();

  ForkNet(List<ForkValidator> validators, long latencyMs, RehearsalLoad load, long forkHeight) {
    this.validators = List.copyOf(validators);
    this.latencyMs = latencyMs;
    this.load = load;
    this.forkHeight = forkHeight;
  }

  /**
   * Runs from {@code startMs} until {@code wanted} heights are final everywhere or the deadline.
   */
  Outcome run(long startMs, long deadlineMs, int wanted) {
    now = startMs;
    for (ForkValidator v : validators) {
      schedule(startMs, v.index, Event.Start::new);
    }
    while (!queue.isEmpty()) {
      Scheduled s = queue.peek();
      if (s.at > deadlineMs || done(wanted)) {
        break;
      }
      queue.poll();
      now = s.at;
      ForkValidator v = validators.get(s.to);
      if (!v.halted()) {
        dispatch(v, s.event.apply(now));
      }
    }
    long lastRound = 0;
    List<String> halts = new ArrayList<>();
    for (ForkValidator v : validators) {
      lastRound = Math.max(lastRound, v.consensus.currentRound());
      v.halt().ifPresent(h -> halts.add("validator " + v.index + " " + h));
    }
    // The parameters after the proposal's block: from its commit, else from any execution of it.
    for (ForkValidator v : validators) {
      if (paramsAtFork.isPresent()) {
        break;
      }
      paramsAtFork =
          v.anyStateAt(forkHeight + 1)
              .map(st -> new dev.aether.programs.governance.GovView(st).paramValues());
    }
    List<Final> ordered = new ArrayList<>();
    for (long h = forkHeight + 1; finals.containsKey(h); h++) {
      ordered.add(finals.get(h));
    }
    return new Outcome(
        ordered,
        now - startMs,
        lastRound,
        timedOut.size(),
        List.copyOf(halts),
        paramsAtFork,
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(epochSets)));
  }

  private boolean done(int wanted) {
    boolean any = false;
    for (ForkValidator v : validators) {
      if (v.halted()) {
        continue;
      }
      any = true;
      if (v.ledger.head().height() < forkHeight + wanted) {
        return false;
      }
    }
    return any;
  }

  private void schedule(long at, int to, Function<Long, Event> event) {
    queue.add(new Scheduled(at, seq++, to, event));
  }

  private void broadcast(int from, Function<Long, Event> event) {
    for (ForkValidator v : validators) {
      if (v.index != from) {
        schedule(now + latencyMs, v.index, event);
      }
    }
  }

  /**
   * Hands one event to a validator and performs its actions. A failure in its consensus or ledger
   * (a final block that does not run, a state machine refusing its own history) stops that
   * validator as the node's fail-stop would, and the report names it; the others go on.
   */
  private void dispatch(ForkValidator v, Event event) {
    try {
      for (Action a : v.consensus.onEvent(event)) {
        if (v.halted()) {
          return; // a halted validator does nothing more, as a halted node
        }
        act(v, a);
      }
    } catch (RuntimeException e) {
      v.failStop(e);
    }
  }

  private void act(ForkValidator v, Action a) {
    switch (a) {
      case Action.BroadcastProposal p -> {
        Block b = p.block();
        proposedAt.putIfAbsent(b.id(), now);
        v.proposed(b)
            .ifPresent(x -> loads.put(b.id(), new Load(x.offered(), x.txs().size(), x.dropped())));
        broadcast(v.index, t -> new Event.ProposalReceived(b, t));
      }
      case Action.BroadcastVote x -> broadcast(v.index, t -> new Event.VoteReceived(x.vote(), t));
      case Action.BroadcastTimeout x -> {
        Timeout to = x.timeout();
        timedOut.add(to.epoch() + "/" + to.round());
        broadcast(v.index, t -> new Event.TimeoutReceived(to, t));
      }
      case Action.EvidenceFound x ->
          broadcast(v.index, t -> new Event.EvidenceReceived(x.evidence(), t));
      case Action.FetchBlock f -> fetch(v.index, f.blockId(), f.from());
      case Action.RequestPayload r ->
          v.build(r.request(), load::offer)
              .ifPresent(
                  b ->
                      schedule(
                          now,
                          v.index,
                          t ->
                              new Event.PayloadReady(
                                  r.request(),
                                  b.txs(),
                                  b.txRoot(),
                                  b.executed().stateRoot(),
                                  b.executed().receiptsRoot(),
                                  b.shredRoot(),
                                  t)));
      case Action.ExecuteBlock x -> {
        Block b = x.block();
        Function<Long, Event> answer =
            v.execute(b)
                .<Function<Long, Event>>map(
                    e -> t -> new Event.BlockExecuted(b.id(), e.stateRoot(), e.receiptsRoot(), t))
                .orElse(t -> new Event.BlockInvalid(b.id(), t));
        if (!v.halted()) {
          schedule(now, v.index, answer);
        }
      }
      case Action.SetTimer s ->
          schedule(s.atMs(), v.index, t -> new Event.TimerFired(s.timer(), t));
      case Action.CommitBlock c -> commit(v, c.block());
      case Action.PersistSafety s -> {} // the fork's safety state lives and dies in memory
      case Action.EpochStarted e -> epochSets.putIfAbsent(e.epoch(), e.set().size());
      case Action.Rejected r -> {}
    }
  }

  private void commit(ForkValidator v, Block b) {
    if (b.header().height() <= v.ledger.head().height()) {
      return;
    }
    dev.aether.ledger.ExecutedBlock e = v.commit(b);
    long h = b.header().height();
    if (h == forkHeight + 1 && paramsAtFork.isEmpty()) {
      paramsAtFork =
          Optional.of(new dev.aether.programs.governance.GovView(e.stateAfter()).paramValues());
    }
    if (finals.containsKey(h)) {
      return;
    }
    Load l = loads.getOrDefault(b.id(), new Load(0, b.txs().size(), 0));
    BigInteger fee =
        e.receipts().isEmpty() ? BigInteger.ZERO : e.receipts().getFirst().feePaid().value();
    long proposed = proposedAt.getOrDefault(b.id(), now);
    finals.put(
        h,
        new Final(
            h,
            b.header().round(),
            b.header().slot(),
            b.header().proposer(),
            l.offered(),
            b.txs().size(),
            l.dropped(),
            fee,
            now - proposed,
            Math.max(0, v.consensus.currentRound() - b.header().round())));
  }

  /** Asks validator {@code from} for a block; it answers with it a round trip later. */
  private void fetch(int to, H256 id, int from) {
    int source = from == to ? (to + 1) % validators.size() : from;
    ForkValidator f = validators.get(source);
    Optional<Block> b = f.consensus.block(id);
    b.ifPresent(x -> schedule(now + 2 * latencyMs, to, t -> new Event.ProposalReceived(x, t)));
  }
}
