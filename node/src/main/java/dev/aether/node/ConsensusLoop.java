package dev.aether.node;

import dev.aether.consensus.Action;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusError;
import dev.aether.consensus.Event;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.Timer;
import dev.aether.types.Block;
import dev.aether.types.H256;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 *
 * <p><b>Fail-stop.</b> A validator that cannot persist its safety state, cannot commit a final
 * block, or whose state machine throws, stops: {@link FailStop#halt} is called once with one clear
 * sentence, no further action of the batch is carried out (no vote leaves after a failed persist),
 * and every later event is dropped. Continuing half-broken — voting without the rule on disk, or
 * following consensus with a ledger that missed a commit — is how a node equivocates or forks.
 *
 * <p><b>Rejections.</b> An input consensus refuses is reported to whoever submitted it ({@link
 * #submit(LongFunction, Consumer)}), so the node can score the peer that sent it.
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

  /** The state machine the loop drives: {@link Consensus}, seen through what the loop needs. */
  interface Machine {
    List<Action> onEvent(Event event);

    long currentRound();

    Optional<Checkpoint> checkpointOf(H256 id);

    Optional<Block> block(H256 id);

    Consensus.Eligibility eligibility(dev.aether.types.Header header);

    static Machine of(Consensus c) {
      return new Machine() {
        @Override
        public List<Action> onEvent(Event event) {
          return c.onEvent(event);
        }

        @Override
        public long currentRound() {
          return c.currentRound();
        }

        @Override
        public Optional<Checkpoint> checkpointOf(H256 id) {
          return c.checkpointOf(id);
        }

        @Override
        public Optional<Block> block(H256 id) {
          return c.block(id);
        }

        @Override
        public Consensus.Eligibility eligibility(dev.aether.types.Header header) {
          return c.eligibility(header);
        }
      };
    }
  }

  /** Called once when the node must stop rather than go on half-broken. */
  @FunctionalInterface
  interface FailStop {
    void halt(String why, Throwable cause);
  }

  private final Machine consensus;
  private final Effects effects;
  private final LongSupplier clock;
  private final FailStop failStop;
  private final AtomicBoolean halted = new AtomicBoolean();
  private final ExecutorService loop =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("consensus").daemon().factory());
  private final ExecutorService execution =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("execution").daemon().factory());
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("consensus-timers").daemon().factory());
  private volatile boolean closed;

  ConsensusLoop(Machine consensus, Effects effects, LongSupplier clock, FailStop failStop) {
    this.consensus = consensus;
    this.effects = effects;
    this.clock = clock;
    this.failStop = failStop;
  }

  void start() {
    submit(Event.Start::new);
  }

  /** Queues an event; {@code event} gets the consensus time at which it is handled. */
  void submit(LongFunction<Event> event) {
    submit(event, rejected -> {});
  }

  /**
   * Queues an event from a peer; {@code onRejected} hears each refusal consensus gives it (on the
   * consensus thread: it must be quick).
   */
  void submit(LongFunction<Event> event, Consumer<ConsensusError> onRejected) {
    if (closed || halted.get()) {
      return;
    }
    try {
      loop.execute(() -> handle(event.apply(clock.getAsLong()), onRejected));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  /** Runs {@code query} on the consensus thread (consensus is not thread-safe) and waits. */
  <T> T query(java.util.function.Function<Machine, T> query) {
    try {
      return loop.submit(() -> query.apply(consensus)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("consensus thread did not answer", e);
    }
  }

  /** Whether the loop stopped itself (fail-stop). */
  boolean halted() {
    return halted.get();
  }

  /**
   * Runs {@code query} on the consensus thread without waiting for it; the future fails if the loop
   * is closed or halted.
   */
  <T> java.util.concurrent.CompletableFuture<T> ask(java.util.function.Function<Machine, T> query) {
    java.util.concurrent.CompletableFuture<T> answer =
        new java.util.concurrent.CompletableFuture<>();
    try {
      loop.execute(
          () -> {
            try {
              answer.complete(query.apply(consensus));
            } catch (RuntimeException e) {
              answer.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  private void handle(Event event, Consumer<ConsensusError> onRejected) {
    if (halted.get()) {
      return;
    }
    if (LOG.isLoggable(Level.FINER) && !(event instanceof Event.TimerFired)) {
      LOG.finer("event " + event.getClass().getSimpleName());
    }
    List<Action> actions;
    try {
      actions = consensus.onEvent(event);
      effects.round(consensus.currentRound());
    } catch (RuntimeException e) {
      // The state machine may be half-updated: nothing it says from now on can be trusted.
      halt("consensus failed on " + event.getClass().getSimpleName(), e);
      return;
    }
    for (Action a : actions) {
      if (LOG.isLoggable(Level.FINE) && !(a instanceof Action.SetTimer)) {
        LOG.fine(event.getClass().getSimpleName() + " -> " + describe(a));
      }
      effects.observe(a);
      switch (a) {
        case Action.PersistSafety p -> {
          try {
            effects.persistSafety(p.state());
          } catch (RuntimeException e) {
            halt("cannot persist the safety state; no vote may leave without it", e);
            return;
          }
        }
        case Action.BroadcastProposal b -> effects.broadcast(b);
        case Action.BroadcastVote v -> effects.broadcast(v);
        case Action.BroadcastTimeout t -> effects.broadcast(t);
        case Action.SetTimer t -> schedule(t.timer(), t.atMs());
        case Action.ExecuteBlock x -> execute(x.block());
        case Action.RequestPayload r -> buildPayload(r);
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
        case Action.Rejected r -> {
          LOG.fine("consensus rejected input: " + r.error().message());
          onRejected.accept(r.error());
        }
        case Action.EpochStarted e -> effects.epochStarted(e.epoch());
      }
      if (halted.get()) {
        return;
      }
    }
  }

  /** Stops the loop for good and tells the node; only the first failure is reported. */
  private void halt(String why, Throwable cause) {
    if (halted.compareAndSet(false, true)) {
      LOG.log(Level.SEVERE, "HALTING (fail-stop): " + why + ": " + cause, cause);
      timers.shutdownNow();
      failStop.halt(why, cause);
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

  /**
   * Executes a received block on the execution thread. If execution throws (a bug, or a store
   * failure) consensus hears the block is invalid — it must not wait for a result that will never
   * come — and the failure is logged loudly; a broken store then stops the node at its next commit.
   */
  private void execute(Block block) {
    onExecutionThread(
        "execution of block " + block.id(),
        () -> {
          LongFunction<Event> result;
          try {
            result = effects.execute(block);
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "execution of block " + block.id() + " failed", e);
            result = now -> new Event.BlockInvalid(block.id(), now);
          }
          submit(result);
        },
        false);
  }

  /** Builds a payload on the execution thread; if that throws, this node does not propose. */
  private void buildPayload(Action.RequestPayload r) {
    onExecutionThread(
        "payload for slot " + r.request().slot(),
        () -> {
          try {
            effects.payload(r.request()).ifPresent(this::submit);
          } catch (RuntimeException e) {
            LOG.log(
                Level.SEVERE,
                "payload for slot " + r.request().slot() + " failed: not proposing",
                e);
          }
        },
        false);
  }

  /** A commit: if it fails the ledger is behind consensus for good, so the node stops. */
  private void onExecutionThread(Runnable commit) {
    onExecutionThread("commit", commit, true);
  }

  private void onExecutionThread(String what, Runnable work, boolean fatal) {
    if (closed || halted.get()) {
      return;
    }
    try {
      execution.execute(
          () -> {
            if (halted.get()) {
              return;
            }
            try {
              work.run();
            } catch (RuntimeException e) {
              if (fatal) {
                halt(what + " failed; the ledger would fall behind consensus", e);
              } else {
                LOG.log(Level.SEVERE, what + " failed", e);
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private void schedule(Timer timer, long atMs) {
    if (closed) {
      return;
    }
    long delay = Math.max(0, atMs - clock.getAsLong());
    try {
      timers.schedule(
          () -> submit(now -> new Event.TimerFired(timer, now)), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // halted or shutting down
    }
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
