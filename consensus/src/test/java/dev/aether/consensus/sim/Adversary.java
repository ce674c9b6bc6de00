package dev.aether.consensus.sim;

import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.Leadership;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.VrfOutput;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Timeout;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A coalition member's handle: what a Byzantine validator can do. It knows the chain through a
 * non-voting follower (the honest code, run as any attacker could) and the coalition's pooled
 * {@link Intel}; it signs only with its own key; it sends through the wire (canonical bytes,
 * decoded by the receiver).
 */
final class Adversary {
  /** What the simulator lets a Byzantine validator do on the network. */
  interface Net {
    long now();

    SplittableRandom rnd();

    /**
     * Sends {@code message} (encoded, decoded at {@code to}) after normal latency + {@code
     * extraMs}.
     */
    void send(int from, int to, Object message, long extraMs);

    void sendBytes(int from, int to, Wire.Bytes bytes);

    /** Runs {@code r} at true time {@code at} unless the simulation ended. */
    void at(long at, Runnable r);
  }

  final int me;
  final LocalSigner key;
  final Consensus follower;
  final Intel intel;
  final ConsensusParams params;
  final ValidatorSet set;
  private final Clock clock;
  private final Net net;
  private final List<Integer> honest;

  Adversary(
      int me,
      LocalSigner key,
      Consensus follower,
      Intel intel,
      ConsensusParams params,
      ValidatorSet set,
      Clock clock,
      Net net,
      List<Integer> honest) {
    this.me = me;
    this.key = key;
    this.follower = follower;
    this.intel = intel;
    this.params = params;
    this.set = set;
    this.clock = clock;
    this.net = net;
    this.honest = List.copyOf(honest);
  }

  /** The consensus epoch the coalition's follower node is in: its messages claim that one. */
  long epoch() {
    return follower.epoch();
  }

  long localNow() {
    return clock.local(net.now());
  }

  long localSlot() {
    return params.slotAt(localNow());
  }

  SplittableRandom rnd() {
    return net.rnd();
  }

  int n() {
    return set.size();
  }

  List<Integer> honest() {
    return honest;
  }

  /** The honest validators in random order, split in two halves. */
  List<List<Integer>> halves() {
    List<Integer> h = new ArrayList<>(honest);
    for (int i = h.size() - 1; i > 0; i--) {
      int j = rnd().nextInt(i + 1);
      h.set(i, h.set(j, h.get(i)));
    }
    return List.of(
        List.copyOf(h.subList(0, h.size() / 2)), List.copyOf(h.subList(h.size() / 2, h.size())));
  }

  long round() {
    return follower.currentRound();
  }

  QuorumCert highQc() {
    return follower.highQc();
  }

  Optional<Block> block(H256 id) {
    return follower.block(id).or(() -> intel.block(id));
  }

  /** The VRF proof that lets this member propose a child of {@code parent} in {@code slot}. */
  Optional<Bytes> proof(Block parent, long slot) {
    if (slot <= parent.header().slot()) {
      return Optional.empty();
    }
    Optional<H256> eta = follower.nonceFor(parent.id(), slot);
    if (eta.isEmpty()) {
      return Optional.empty();
    }
    VrfOutput vrf = key.vrfProve(Leadership.vrfInput(eta.get(), slot));
    return Leadership.rank(set, set.get(me).orElseThrow(), eta.get(), slot, vrf.output(), params)
        .map(r -> vrf.proof());
  }

  /** The TC a proposal of {@code round} on {@code qc} needs, if it needs one and one is known. */
  Optional<TimeoutCert> justification(long round, QuorumCert qc) {
    return qc.round() + 1 == round ? Optional.empty() : intel.tc(round - 1);
  }

  /** A block built and KES-signed by this member; {@code salt != 0} gives a different payload. */
  Block build(
      Block parent,
      long slot,
      long round,
      QuorumCert qc,
      Optional<TimeoutCert> tc,
      Bytes proof,
      long salt) {
    H256 tx = SimChain.txRoot(slot, round, me, salt);
    int kes = params.kesPeriodOf(slot);
    dev.aether.types.OpCert cert = key.opCert(kes).orElseThrow();
    Header h =
        new Header(
            epoch(),
            parent.header().height() + 1,
            slot,
            round,
            parent.id(),
            me,
            proof,
            kes,
            cert,
            tx,
            SimChain.stateRoot(parent.header(), tx),
            SimChain.receiptsRoot(tx),
            SimChain.shredRoot(tx),
            qc,
            tc);
    return new Block(h, List.of(), key.signProposal(cert, kes, Block.signingBytes(h.id())));
  }

  Vote vote(long round, H256 block) {
    return new Vote(
        epoch(), round, block, me, key.signVote(Vote.signingBytes(epoch(), round, block)));
  }

  Timeout timeout(long round, QuorumCert qc) {
    return timeout(round, qc, qc.round());
  }

  /**
   * A timeout carrying {@code qc} (and the TC of the previous round when the QC is older, if the
   * coalition has one) whose signature covers {@code signedQcRound}.
   */
  Timeout timeout(long round, QuorumCert qc, long signedQcRound) {
    Optional<TimeoutCert> tc = qc.round() + 1 == round ? Optional.empty() : intel.tc(round - 1);
    return new Timeout(
        epoch(),
        round,
        qc,
        tc,
        me,
        key.signVote(Timeout.signingBytes(epoch(), round, signedQcRound)));
  }

  void send(int to, Object message) {
    net.send(me, to, message, 0);
  }

  void sendLate(int to, Object message, long extraMs) {
    net.send(me, to, message, extraMs);
  }

  void sendTo(List<Integer> to, Object message) {
    for (int i : to) {
      send(i, message);
    }
  }

  /** To every other validator (members included, as gossip would). */
  void sendAll(Object message) {
    for (int i = 0; i < n(); i++) {
      if (i != me) {
        send(i, message);
      }
    }
  }

  void sendBytes(int to, Wire.Topic topic, byte[] data) {
    net.sendBytes(me, to, new Wire.Bytes(topic, data));
  }

  /** Runs {@code r} {@code delayMs} from now. */
  void later(long delayMs, Runnable r) {
    net.at(net.now() + delayMs, r);
  }
}
