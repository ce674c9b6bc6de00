package dev.aether.node;

import dev.aether.consensus.ConsensusError;
import dev.aether.consensus.Event;
import dev.aether.consensus.Evidence;
import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.Rejection;
import dev.aether.network.Network;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import dev.aether.network.Validation;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What peers send this node, judged and handed on: transactions to admission, headers and blocks to
 * propagation and consensus, votes, timeouts and evidence to consensus. Each input gets a gossip
 * verdict (forward, ignore, or reject and score the sender); what consensus refuses is scored
 * against the peer that sent it ({@link #penaltyFor}).
 */
final class PeerInputs {
  /** The node's parts peer input flows into. */
  record Parts(
      Wire wire,
      TxAdmission admission,
      Mempool mempool,
      BlockPropagation propagation,
      ConsensusLoop loop,
      VoteGossip votes,
      BlockFetch blockFetch,
      NodeMetrics metrics) {}

  private final Parts p;
  private final NodeState state;

  PeerInputs(Parts parts, NodeState state) {
    this.p = parts;
    this.state = state;
  }

  /** Subscribes to the gossip topics and the block-fetch answers. */
  void attach() {
    Network network = p.wire().network();
    // Admission (state reads, signatures) runs on the admission worker, not the network thread.
    network.subscribeAsync(
        Topic.TX,
        (from, data, verdict) -> {
          Optional<CompletableFuture<Admission>> queued = p.admission().offer(data);
          if (queued.isEmpty()) {
            verdict.accept(Validation.IGNORE); // overloaded: drop without blaming the sender
            return;
          }
          queued
              .get()
              .whenComplete(
                  (a, error) -> {
                    p.metrics().mempoolDepth.set(p.mempool().size());
                    verdict.accept(error != null ? Validation.IGNORE : gossipVerdict(a));
                  });
        },
        (topic, data, from) -> {});
    network.subscribeAsync(
        Topic.HEADER,
        (from, data, verdict) ->
            p.propagation().validate(data, h -> p.loop().ask(m -> m.eligibility(h)), verdict),
        (topic, data, from) -> Wire.decode(data, Block.CODEC).ifPresent(this::onHeader));
    network.subscribe(
        Topic.VOTE,
        (from, data) -> p.votes().validate(data),
        (topic, data, from) -> onVote(from, data));
    network.onDirect(
        Node.FETCH_RESPONSE,
        (from, data) -> {
          if (!p.blockFetch().answerWelcome(from, System.currentTimeMillis())) {
            network.penalize(from, 0.25); // blocks nobody asked it for
            return;
          }
          Wire.decode(data, Block.CODEC)
              .ifPresent(
                  b -> p.loop().submit(now -> new Event.ProposalReceived(b, now), blame(from)));
        });
  }

  /** A header that passed gossip validation: counted (forks, heights) and handed on. */
  private void onHeader(Block b) {
    state.seenAt.putIfAbsent(b.id(), System.nanoTime());
    H256 first = state.proposalByRound.putIfAbsent(b.header().round(), b.id());
    if (first != null && !first.equals(b.id())) {
      p.metrics().forks.inc();
    }
    while (state.proposalByRound.size() > 1_000) {
      state.proposalByRound.pollFirstEntry();
    }
    state.highestSeen.accumulateAndGet(b.header().height(), Math::max);
    p.propagation().onHeader(b);
  }

  /** A vote-topic message that passed {@link VoteGossip#validate}. */
  private void onVote(PeerId from, byte[] data) {
    byte[] body = VoteGossip.body(data);
    var blame = blame(from);
    ConsensusLoop loop = p.loop();
    switch (VoteGossip.tag(data)) {
      case VoteGossip.VOTE ->
          Wire.decode(body, Vote.CODEC)
              .ifPresent(v -> loop.submit(now -> new Event.VoteReceived(v, now), blame));
      case VoteGossip.EVIDENCE ->
          Wire.decode(body, Evidence.CODEC)
              .ifPresent(e -> loop.submit(now -> new Event.EvidenceReceived(e, now), blame));
      default ->
          Wire.decode(body, Timeout.CODEC)
              .ifPresent(t -> loop.submit(now -> new Event.TimeoutReceived(t, now), blame));
    }
  }

  /** The gossip verdict on an admission: already-known is not the sender's fault, the rest is. */
  static Validation gossipVerdict(Admission a) {
    return switch (a) {
      case Admission.Admitted ok -> Validation.ACCEPT;
      case Admission.Rejected r when r.reason() == Rejection.ALREADY_KNOWN -> Validation.IGNORE;
      case Admission.Rejected r
          when r.reason() == Rejection.MALFORMED || r.reason() == Rejection.BAD_SIGNATURE ->
          Validation.REJECT;
      case Admission.Rejected r -> Validation.IGNORE;
    };
  }

  /**
   * Peer scoring for what consensus refuses: forged signatures and certificates cost as much as an
   * invalid gossip message; a proposal that is malformed or not the slot's leader's costs less (a
   * peer may relay one before it can tell); stale or mismatching input costs nothing.
   */
  private Consumer<ConsensusError> blame(PeerId from) {
    return error -> {
      double penalty = penaltyFor(error);
      if (penalty > 0) {
        p.metrics().consensusRejected.inc();
        p.wire().network().penalize(from, penalty);
      }
    };
  }

  static double penaltyFor(ConsensusError error) {
    return switch (error) {
      case ConsensusError.BadSignature b -> 1.0;
      case ConsensusError.BadCertificate b -> 1.0;
      case ConsensusError.UnknownValidator u -> 1.0;
      case ConsensusError.MalformedProposal m -> 0.25;
      case ConsensusError.NotLeader n -> 0.25;
      // A timeout whose round its own QC/TC does not justify: forged by its signer, but a peer
      // may relay one before consensus judges it (the vote topic checks only the signature).
      case ConsensusError.MalformedTimeout m -> 0.25;
      case ConsensusError.Stale st -> 0.0;
      case ConsensusError.ExecutionMismatch x -> 0.0;
      // Signed by its proposer with a certificate the chain has superseded (an old hot key): the
      // signer's fault, but a relay cannot tell before consensus has the chain it extends.
      case ConsensusError.StaleOpCert s -> 0.25;
      // An epoch that does not fit where it appears: around an epoch switch, honest peers ahead
      // of or behind this node send such messages; not a fault.
      case ConsensusError.WrongEpoch w -> 0.0;
    };
  }
}
