package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.consensus.Action;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.ConsensusError;
import dev.aether.consensus.Event;
import dev.aether.consensus.PayloadRequest;
import dev.aether.consensus.SafetyState;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Vote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's fail-stop and feedback rules, driven with a scripted state machine: what happens to
 * the rest of a batch when persisting fails, when a commit fails, when consensus throws, and who
 * hears about a rejected input.
 */
class ConsensusLoopTest {
  private static final Vote VOTE =
      new Vote(0, 7, Hashing.tagged("test/block", new byte[] {1}), 0, Bytes.of(new byte[96]));
  private static final Block BLOCK = TestCheckpoints.at(5, H256.ZERO, "loop").block();

  private final List<Action> done = new CopyOnWriteArrayList<>();
  private final List<Event> seen = new CopyOnWriteArrayList<>();
  private final List<String> halts = new CopyOnWriteArrayList<>();
  private ConsensusLoop loop;

  @AfterEach
  void close() {
    if (loop != null) {
      loop.close();
    }
  }

  /** A machine answering each event with {@code script}'s actions. */
  private ConsensusLoop loopOf(Function<Event, List<Action>> script, FakeEffects effects) {
    ConsensusLoop.Machine machine =
        new ConsensusLoop.Machine() {
          @Override
          public List<Action> onEvent(Event event) {
            seen.add(event);
            return script.apply(event);
          }

          @Override
          public long currentRound() {
            return 0;
          }

          @Override
          public Optional<Checkpoint> checkpointOf(H256 id) {
            return Optional.empty();
          }

          @Override
          public Optional<Block> block(H256 id) {
            return Optional.empty();
          }

          @Override
          public dev.aether.consensus.Consensus.Eligibility eligibility(
              dev.aether.types.Header header) {
            return dev.aether.consensus.Consensus.Eligibility.UNKNOWN;
          }
        };
    loop = new ConsensusLoop(machine, effects, () -> 0, (why, cause) -> halts.add(why));
    return loop;
  }

  @Test
  void aFailedSafetyPersistStopsTheNodeBeforeTheVoteLeaves() {
    FakeEffects effects = new FakeEffects();
    effects.persistFails = true;
    loopOf(
        e -> List.of(new Action.PersistSafety(SafetyState.INITIAL), new Action.BroadcastVote(VOTE)),
        effects);
    loop.submit(Event.Start::new);
    await().atMost(Duration.ofSeconds(10)).until(() -> !halts.isEmpty());
    assertThat(halts.getFirst()).contains("cannot persist the safety state");
    assertThat(done).noneMatch(a -> a instanceof Action.BroadcastVote);
    assertThat(loop.halted()).isTrue();

    // Nothing is handled any more: the machine sees no later event.
    int before = seen.size();
    loop.submit(Event.Start::new);
    long drained = loop.query(m -> 0L); // the loop thread has handled everything queued before
    assertThat(drained).isZero();
    assertThat(seen).hasSize(before);
    assertThat(halts).hasSize(1);
  }

  @Test
  void aVoteLeavesOnlyAfterItsSafetyStateIsPersisted() {
    FakeEffects effects = new FakeEffects();
    loopOf(
        e -> List.of(new Action.PersistSafety(SafetyState.INITIAL), new Action.BroadcastVote(VOTE)),
        effects);
    loop.submit(Event.Start::new);
    await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 2);
    assertThat(done.get(0)).isInstanceOf(Action.PersistSafety.class);
    assertThat(done.get(1)).isInstanceOf(Action.BroadcastVote.class);
    assertThat(halts).isEmpty();
  }

  @Test
  void aFailedCommitStopsTheNode() {
    FakeEffects effects = new FakeEffects();
    effects.commitFails = true;
    loopOf(
        e -> e instanceof Event.Start ? List.of(new Action.CommitBlock(BLOCK)) : List.of(),
        effects);
    loop.submit(Event.Start::new);
    await().atMost(Duration.ofSeconds(10)).until(() -> !halts.isEmpty());
    assertThat(halts.getFirst()).contains("commit failed");
    assertThat(loop.halted()).isTrue();
  }

  @Test
  void anExceptionInsideConsensusStopsTheNodeInsteadOfBeingDropped() {
    FakeEffects effects = new FakeEffects();
    loopOf(
        e -> {
          throw new IllegalStateException("broken invariant");
        },
        effects);
    loop.submit(Event.Start::new);
    await().atMost(Duration.ofSeconds(10)).until(() -> !halts.isEmpty());
    assertThat(halts.getFirst()).contains("consensus failed on Start");
  }

  @Test
  void aBlockWhoseExecutionThrowsIsReportedInvalidSoConsensusDoesNotWaitForever() {
    FakeEffects effects = new FakeEffects();
    effects.executeFails = true;
    loopOf(
        e -> e instanceof Event.Start ? List.of(new Action.ExecuteBlock(BLOCK)) : List.of(),
        effects);
    loop.submit(Event.Start::new);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> seen.stream().anyMatch(e -> e instanceof Event.BlockInvalid));
    Event.BlockInvalid invalid =
        (Event.BlockInvalid)
            seen.stream().filter(e -> e instanceof Event.BlockInvalid).findFirst().orElseThrow();
    assertThat(invalid.blockId()).isEqualTo(BLOCK.id());
    assertThat(halts).isEmpty();
  }

  @Test
  void theSenderOfARejectedInputHearsWhy() {
    FakeEffects effects = new FakeEffects();
    loopOf(e -> List.of(new Action.Rejected(new ConsensusError.BadSignature("vote"))), effects);
    List<ConsensusError> blamed = new ArrayList<>();
    loop.submit(now -> new Event.VoteReceived(VOTE, now), blamed::add);
    await().atMost(Duration.ofSeconds(10)).until(() -> !blamed.isEmpty());
    assertThat(blamed.getFirst()).isInstanceOf(ConsensusError.BadSignature.class);
    assertThat(Node.penaltyFor(blamed.getFirst())).isEqualTo(1.0);
    assertThat(Node.penaltyFor(new ConsensusError.Stale("vote", 1))).isZero();
  }

  @Test
  void aMalformedTimeoutCostsItsRelayerLessThanAForgery() {
    // The vote topic forwards a timeout once its signature verifies; whether its QC or TC
    // justifies its round only consensus can tell, so an honest relayer may pass one on.
    double malformed = Node.penaltyFor(new ConsensusError.MalformedTimeout("round not justified"));
    assertThat(malformed).isPositive();
    assertThat(malformed).isLessThan(Node.penaltyFor(new ConsensusError.BadSignature("timeout")));
  }

  private final class FakeEffects implements ConsensusLoop.Effects {
    volatile boolean persistFails;
    volatile boolean commitFails;
    volatile boolean executeFails;

    @Override
    public void persistSafety(SafetyState state) {
      if (persistFails) {
        throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
      }
      done.add(new Action.PersistSafety(state));
    }

    @Override
    public void broadcast(Action action) {
      done.add(action);
    }

    @Override
    public LongFunction<Event> execute(Block block) {
      if (executeFails) {
        throw new IllegalStateException("store closed");
      }
      return now -> new Event.BlockExecuted(block.id(), H256.ZERO, H256.ZERO, now);
    }

    @Override
    public Optional<LongFunction<Event>> payload(PayloadRequest request) {
      return Optional.empty();
    }

    @Override
    public void commit(Block block, Optional<Checkpoint> checkpoint) {
      if (commitFails) {
        throw new IllegalStateException("RocksDB write failed");
      }
      done.add(new Action.CommitBlock(block));
    }

    @Override
    public void fetch(H256 blockId, int from) {}

    @Override
    public void observe(Action action) {}

    @Override
    public void round(long round) {}

    @Override
    public void epochStarted(long epoch) {}
  }
}
