package dev.aether.node;

import dev.aether.consensus.Action;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Event;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.PayloadRequest;
import dev.aether.consensus.SafetyState;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.RocksStateStore;
import dev.aether.mempool.Mempool;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Receipt;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What consensus's decisions do to the world (the node's {@link ConsensusLoop.Effects}): safety
 * state to disk, proposals/votes/timeouts/evidence to the network, blocks to execution and the
 * ledger, epoch switches to the network's stake quotas, and metrics. Runs on the consensus thread;
 * an exception here is a fail-stop ({@link ConsensusLoop}).
 */
final class ConsensusEffects implements ConsensusLoop.Effects {
  private static final Logger LOG = Logger.getLogger(ConsensusEffects.class.getName());

  /** The node's parts consensus acts on. */
  record Parts(
      SafetyStore safety,
      Chain chain,
      Ledger ledger,
      RocksStateStore store,
      Snapshots snapshots,
      SetChangeLog setChanges,
      Mempool mempool,
      EpochSets epochs,
      BlockPropagation propagation,
      VoteGossip votes,
      EvidenceReporter evidence,
      BlockFetch blockFetch,
      Wire wire,
      NodeMetrics metrics) {}

  private final Parts p;
  private final NodeState state;
  private final Optional<LocalSigner> signer;
  private final boolean testDoubleSign;
  private final LongSupplier currentSlot;

  /**
   * @param signer this validator's signer (none on a full node)
   * @param testDoubleSign the devnet-only switch that makes this validator equivocate ({@link
   *     #twin})
   */
  ConsensusEffects(
      Parts parts,
      NodeState state,
      Optional<LocalSigner> signer,
      boolean testDoubleSign,
      LongSupplier currentSlot) {
    this.p = parts;
    this.state = state;
    this.signer = signer;
    this.testDoubleSign = testDoubleSign;
    this.currentSlot = currentSlot;
  }

  @Override
  public void persistSafety(SafetyState s) {
    p.safety().save(s);
  }

  @Override
  public void broadcast(Action action) {
    switch (action) {
      case Action.BroadcastProposal bp -> {
        p.chain().proposed(bp.block());
        state.seenAt.putIfAbsent(bp.block().id(), System.nanoTime());
        p.propagation().propose(bp.block());
        if (testDoubleSign) {
          twin(bp.block()).ifPresent(p.propagation()::propose);
        }
      }
      case Action.BroadcastVote v ->
          p.wire()
              .publish(Topic.VOTE, p.votes().frame(VoteGossip.VOTE, Vote.CODEC.encode(v.vote())));
      case Action.BroadcastTimeout t -> {
        p.metrics().timeouts.inc();
        p.wire()
            .publish(
                Topic.VOTE, p.votes().frame(VoteGossip.TIMEOUT, Timeout.CODEC.encode(t.timeout())));
      }
      case Action.EvidenceFound e -> {
        // Everyone learns of an equivocator, so nobody keeps voting for its proposals; and the
        // staking program gets it as a transaction, so the offender is slashed.
        p.wire()
            .publish(
                Topic.VOTE,
                p.votes().frame(VoteGossip.EVIDENCE, Evidence.CODEC.encode(e.evidence())));
        p.evidence().found(e.evidence());
      }
      default -> {}
    }
  }

  @Override
  public LongFunction<Event> execute(Block block) {
    Optional<Chain.Roots> roots = p.chain().check(block);
    return roots
        .<LongFunction<Event>>map(
            r -> now -> new Event.BlockExecuted(block.id(), r.stateRoot(), r.receiptsRoot(), now))
        .orElse(now -> new Event.BlockInvalid(block.id(), now));
  }

  @Override
  public Optional<LongFunction<Event>> payload(PayloadRequest request) {
    Optional<Chain.Payload> payload = p.chain().build(request);
    payload.ifPresent(x -> p.metrics().payloadTxsDropped.inc(x.droppedInvalid()));
    return payload.map(
        x ->
            now ->
                new Event.PayloadReady(
                    request,
                    x.txs(),
                    x.txRoot(),
                    x.executed().stateRoot(),
                    x.executed().receiptsRoot(),
                    x.shredRoot(),
                    now));
  }

  @Override
  public void commit(Block block, Optional<Checkpoint> checkpoint) {
    List<Receipt> receipts = p.chain().commit(block);
    try {
      p.setChanges().committed(block, p.ledger());
    } catch (RuntimeException e) {
      LOG.warning("set-change log: " + e);
    }
    checkpoint.ifPresent(cp -> p.snapshots().committed(cp, p.store()));
    long h = block.header().height();
    state.finalizedHeight = Math.max(state.finalizedHeight, h);
    NodeMetrics metrics = p.metrics();
    metrics.finalizedHeight.set(state.finalizedHeight);
    metrics.blocksFinalized.inc();
    if (proposedByMe(block)) {
      metrics.blocksProposedFinal.inc();
    }
    metrics.txsFinalized.inc(block.txs().size());
    metrics.mempoolDepth.set(p.mempool().size());
    Long seen = state.seenAt.remove(block.id());
    if (seen != null) {
      metrics.finalityLatency.observe((System.nanoTime() - seen) / 1e9);
    }
    if (state.seenAt.size() > 10_000) {
      state.seenAt.clear(); // blocks of abandoned forks never become final
    }
    for (LongConsumer l : state.finalizedListeners) {
      l.accept(state.finalizedHeight);
    }
    if (!receipts.isEmpty()) {
      LOG.fine("committed " + h + " with " + receipts.size() + " txs");
    }
  }

  @Override
  public void epochStarted(long epoch) {
    Optional<EpochView> view = p.epochs().view(epoch);
    if (view.isEmpty()) {
      return; // consensus had the set, so the view cannot be missing; defensive
    }
    state.epoch = view.get();
    p.metrics().epoch.set(epoch);
    // Connection slots and gossip quotas for this epoch's validators and, when already known,
    // the next epoch's (so joining validators are connected before they start).
    Map<PeerId, Long> stakes = new HashMap<>(view.get().stakes());
    p.epochs().view(epoch + 1).ifPresent(next -> next.stakes().forEach(stakes::putIfAbsent));
    p.wire().network().setStakes(stakes);
    p.propagation().epochStarted(view.get());
    LOG.info(
        "consensus epoch "
            + epoch
            + " started: "
            + view.get().set().size()
            + " validators, total weight "
            + view.get().set().totalStake());
  }

  @Override
  public void fetch(H256 blockId, int from) {
    // One peer at a time: consensus re-addresses the request if no answer comes.
    p.blockFetch()
        .ask(from, p.wire().network().connectedPeers(), System.currentTimeMillis())
        .ifPresent(peer -> p.wire().send(peer, Node.FETCH_REQUEST, blockId.toArray()));
  }

  @Override
  public void observe(Action action) {
    p.metrics().peers.set(p.wire().network().connectedPeers().size());
    p.metrics().slot.set(currentSlot.getAsLong());
    p.metrics().gossipFanout.set(p.wire().network().mesh(Topic.VOTE).size());
  }

  @Override
  public void round(long round) {
    state.round = round;
    p.metrics().round.set(round);
  }

  /** Whether this validator proposed {@code b} (its index in the set of {@code b}'s epoch). */
  private boolean proposedByMe(Block b) {
    if (signer.isEmpty()) {
      return false;
    }
    Bytes me = signer.get().coldKey();
    return p.epochs()
        .view(b.header().epoch())
        .map(v -> v.set().indexOf(me))
        .map(i -> i.isPresent() && i.getAsInt() == b.header().proposer())
        .orElse(false);
  }

  /**
   * DEVNET TEST SWITCH ({@code [testing].double_sign}): a second, different header for the same
   * round, validly signed by this validator's hot key — an equivocation every peer can prove. Its
   * body is empty while its roots are not, so no honest validator executes it to a vote.
   */
  private Optional<Block> twin(Block b) {
    Header h = b.header();
    H256 other = Hashing.tagged("aether/test/twin", h.stateRoot().toArray());
    Header t =
        new Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            h.proposer(),
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            BlockRoots.txRoot(List.of()),
            other,
            h.receiptsRoot(),
            BlockRoots.shredRoot(h.slot(), List.of()),
            h.parentQc(),
            h.timeoutCert());
    try {
      return Optional.of(
          new Block(
              t,
              List.of(),
              signer
                  .orElseThrow()
                  .signProposal(h.opCert(), h.kesPeriod(), Block.signingBytes(t.id()))));
    } catch (RuntimeException e) {
      LOG.warning("double-sign test switch could not sign a twin: " + e.getMessage());
      return Optional.empty();
    }
  }
}
