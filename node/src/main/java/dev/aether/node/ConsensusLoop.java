package dev.aether.node;

import dev.aether.consensus.Action;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.Event;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.Timer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the pure {@link Consensus} state machine for real: one thread owns it and feeds it events
 * (network messages, timers, execution results) one at a time; its actions are carried out here in
 * order. A {@link Action.PersistSafety} completes (durably) before any later action of the same
 * batch, so no vote leaves the node before the rule it obeys is on disk.
 *
 * <p>Block execution, payload building and commits run on a separate thread so the consensus thread
 * keeps answering votes and timers meanwhile; results come back as events. Commits run there too
 * because they take the chain's lock, which execution holds while it runs a block: on the consensus
 * thread a commit would stall every vote and timer for as long as the block executes. The execution
 * thread is FIFO, so commits still happen in the order consensus decided them, and after the
 * executions queued before them.
 */
final class ConsensusLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ConsensusLoop.class.getName());

  /** What the loop asks the rest of the node to do. */
  interface Effects {
    void persistSafety(SafetyState state);

    void broadcast(Action action);

    /**
     * Executes a received block; returns {@link Event.BlockExecuted} or {@link Event.BlockInvalid}.
     */
    LongFunction<Event> execute(dev.aether.types.Block block);

    /**
     * Builds our proposal's payload; returns {@link Event.PayloadReady}, or nothing when no payload
     * can be built here (the parent is not executed): then this node does not propose in that round
     * rather than propose a block whose roots it could not compute.
     */
    java.util.Optional<LongFunction<Event>> payload(dev.aether.consensus.PayloadRequest request);

    /**
     * A block became final; {@code checkpoint} is what a node needs to resume from it (empty when
     * consensus no longer holds its QC).
     */
    void commit(
        dev.aether.types.Block block,
        java.util.Optional<dev.aether.consensus.Checkpoint> checkpoint);

    void fetch(dev.aether.types.H256 blockId, int from);

    void observe(Action action);

    /** The round consensus is in after an event. */
    void round(long round);

    /** Consensus entered {@code epoch}: per-epoch structures follow its validator set. */
    void epochStarted(long epoch);
  }

  private final Consensus consensus;
  private final Effects effects;
  private final LongSupplier clock;
  private final ExecutorService loop =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("consensus").daemon().factory());
  private final ExecutorService execution =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("execution").daemon().factory());
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("consensus-timers").daemon().factory());
  private volatile boolean closed;

  ConsensusLoop(Consensus consensus, Effects effects, LongSupplier clock) {
    this.consensus = consensus;
    this.effects = effects;
    this.clock = clock;
  }

  void start() {
    submit(Event.Start::new);
  }

  /** Queues an event; {@code event} gets the consensus time at which it is handled. */
  void submit(LongFunction<Event> event) {
    if (closed) {
      return;
    }
    try {
      loop.execute(() -> handle(event.apply(clock.getAsLong())));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  /** Runs {@code query} on the consensus thread (consensus is not thread-safe) and waits. */
  <T> T query(java.util.function.Function<Consensus, T> query) {
    try {
      return loop.submit(() -> query.apply(consensus)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("consensus thread did not answer", e);
    }
  }

  private void handle(Event event) {
    if (LOG.isLoggable(Level.FINER) && !(event instanceof Event.TimerFired)) {
      LOG.finer("event " + event.getClass().getSimpleName());
    }
    List<Action> actions;
    try {
      actions = consensus.onEvent(event);
      effects.round(consensus.currentRound());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "consensus failed on " + event.getClass().getSimpleName(), e);
      return;
    }
    for (Action a : actions) {
      if (LOG.isLoggable(Level.FINE) && !(a instanceof Action.SetTimer)) {
        LOG.fine(event.getClass().getSimpleName() + " -> " + describe(a));
      }
      effects.observe(a);
      switch (a) {
        case Action.PersistSafety p -> effects.persistSafety(p.state());
        case Action.BroadcastProposal b -> effects.broadcast(b);
        case Action.BroadcastVote v -> effects.broadcast(v);
        case Action.BroadcastTimeout t -> effects.broadcast(t);
        case Action.SetTimer t -> schedule(t.timer(), t.atMs());
        case Action.ExecuteBlock x -> async(() -> effects.execute(x.block()));
        case Action.RequestPayload r -> async(() -> effects.payload(r.request()).orElse(null));
        case Action.CommitBlock c -> {
          // The checkpoint is read here, on the consensus thread (consensus is not thread-safe).
          var checkpoint = consensus.checkpointOf(c.block().id());
          onExecutionThread(() -> effects.commit(c.block(), checkpoint));
        }
        case Action.FetchBlock f -> effects.fetch(f.blockId(), f.from());
        case Action.EvidenceFound e -> {
          LOG.warning("equivocation evidence: " + e.evidence());
          effects.broadcast(e);
        }
        case Action.Rejected r -> LOG.fine("consensus rejected input: " + r.error());
        case Action.EpochStarted e -> effects.epochStarted(e.epoch());
      }
    }
  }

  private static String describe(Action a) {
    return switch (a) {
      case Action.BroadcastProposal b ->
          "propose h=" + b.block().header().height() + " r=" + b.block().header().round();
      case Action.BroadcastVote v -> "vote r=" + v.vote().round();
      case Action.BroadcastTimeout t -> "timeout r=" + t.timeout().round();
      case Action.CommitBlock c -> "commit h=" + c.block().header().height();
      case Action.ExecuteBlock x -> "execute h=" + x.block().header().height();
      default -> a.toString();
    };
  }

  /** Runs {@code work} on the execution thread and feeds its event, if any, to consensus. */
  private void async(java.util.function.Supplier<LongFunction<Event>> work) {
    if (closed) {
      return;
    }
    execution.execute(
        () -> {
          try {
            LongFunction<Event> result = work.get();
            if (result != null) {
              submit(result);
            }
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "execution failed", e);
          }
        });
  }

  private void onExecutionThread(Runnable work) {
    if (closed) {
      return;
    }
    execution.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "commit failed", e);
          }
        });
  }

  private void schedule(Timer timer, long atMs) {
    if (closed) {
      return;
    }
    long delay = Math.max(0, atMs - clock.getAsLong());
    timers.schedule(
        () -> submit(now -> new Event.TimerFired(timer, now)), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    execution.shutdownNow();
    loop.shutdown();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
