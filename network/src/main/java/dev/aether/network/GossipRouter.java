package dev.aether.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gossipsub v1.1 router as pure logic: events in ({@link #addPeer}, {@link #onRpc}, {@link
 * #publish}, {@link #heartbeat}), {@link RouterAction}s out. No sockets, threads or clock — the
 * caller passes the time — so it is tested exactly and driven by the QUIC transport in production.
 * Not thread-safe: one owner thread calls it.
 *
 * <p>Hand-written because no maintained JVM libp2p is on Maven Central (see {@code
 * docs/DEPENDENCIES.md}). Implements: mesh with D / D_low / D_high and score-aware pruning, fanout
 * for unjoined topics, IHAVE/IWANT lazy pull from a windowed message cache, a seen-cache for
 * de-duplication, per-topic validation (REJECTed messages are never forwarded and penalise the
 * sender), PRUNE backoff, peer scoring with gossip / publish / graylist thresholds, and per-peer
 * token-bucket rate limits whose budget grows with the peer's stake.
 */
public final class GossipRouter {
  private final PeerId self;
  private final GossipParams p;
  private final SplittableRandom random;

  private final Map<PeerId, Peer> peers = new TreeMap<>();
  private final Map<Topic, MessageValidator> subscriptions = new EnumMap<>(Topic.class);
  private final Map<Topic, Set<PeerId>> mesh = new EnumMap<>(Topic.class);
  private final Map<Topic, Set<PeerId>> fanout = new EnumMap<>(Topic.class);
  private final Map<Topic, Long> fanoutLastPublish = new EnumMap<>(Topic.class);
  private final Map<MessageId, Long> seen = new LinkedHashMap<>();
  private final Map<MessageId, Set<PeerId>> deliveredBy = new HashMap<>();
  private final Map<MessageId, GossipRpc.Publish> cache = new HashMap<>();

  /** Messages whose validator answered {@link Validation#DEFER}, oldest first. */
  private final Map<MessageId, Pending> pending = new LinkedHashMap<>();

  private final ArrayDeque<List<MessageId>> cacheWindows = new ArrayDeque<>();
  private Map<PeerId, Long> stakes = Map.of();
  private long totalStake;

  /**
   * Scores of disconnected peers, kept for {@link #RETAIN_SCORE_MILLIS} (gossipsub's retainScore)
   * so a graylisted peer cannot shed its score by reconnecting.
   */
  private final Map<PeerId, Map.Entry<PeerScore, Long>> retained = new TreeMap<>();

  private long lastNow;

  /** How long a disconnected peer's score is remembered. */
  static final long RETAIN_SCORE_MILLIS = 600_000;

  /** Most messages awaiting a deferred verdict; beyond it new ones are dropped unjudged. */
  static final int MAX_PENDING = 20_000;

  /** A deferred verdict that never comes is given up after this long. */
  static final long PENDING_TTL_MILLIS = 60_000;

  private record Pending(GossipRpc.Publish message, PeerId from, long since) {}

  private static final class Peer {
    final Set<Topic> topics = java.util.EnumSet.noneOf(Topic.class);
    final PeerScore score;
    // Separate budgets for consensus topics and for transactions (see onPublish).
    final TokenBucket messages;
    final TokenBucket bytes;
    final TokenBucket txMessages;
    final TokenBucket txBytes;
    final Map<Topic, Long> backoffUntil = new EnumMap<>(Topic.class);
    final Map<MessageId, Integer> iwantServed = new HashMap<>();

    Peer(final GossipParams p, final PeerScore score, final long now) {
      this.score = score;
      messages = new TokenBucket(p.messagesPerSecond(), now);
      bytes = new TokenBucket(p.bytesPerSecond(), now);
      txMessages = new TokenBucket(p.messagesPerSecond(), now);
      txBytes = new TokenBucket(p.bytesPerSecond(), now);
    }
  }

  /**
   * @param self our own id (never added as a peer)
   * @param params gossip parameters
   * @param seed seeds the random choices of mesh and gossip peers
   */
  public GossipRouter(final PeerId self, final GossipParams params, final long seed) {
    this.self = self;
    this.p = params;
    this.random = new SplittableRandom(seed);
    cacheWindows.addFirst(new ArrayList<>());
  }

  // ---------------------------------------------------------------- peers and stake

  /** A connection to {@code peer} is up: tell it our subscriptions. */
  public List<RouterAction> addPeer(final PeerId peer, final long now) {
    final List<RouterAction> out = new ArrayList<>();
    if (peer.equals(self) || peers.containsKey(peer)) {
      return out;
    }
    lastNow = Math.max(lastNow, now);
    final Map.Entry<PeerScore, Long> old = retained.remove(peer);
    final PeerScore score =
        old != null && now - old.getValue() < RETAIN_SCORE_MILLIS ? old.getKey() : new PeerScore(p);
    final Peer st = new Peer(p, score, now);
    peers.put(peer, st);
    applyStake(peer, st);
    if (score.value() < p.graylistThreshold()) {
      out.add(new RouterAction.Disconnect(peer, "reconnected while graylisted"));
      return out;
    }
    for (final Topic t : subscriptions.keySet()) {
      out.add(new RouterAction.Send(peer, new GossipRpc.Subscribe(t)));
    }
    return out;
  }

  /** The connection to {@code peer} is gone; its score is retained for a while. */
  public void removePeer(final PeerId peer) {
    final Peer st = peers.remove(peer);
    if (st != null) {
      retained.put(peer, Map.entry(st.score, lastNow));
    }
    mesh.values().forEach(s -> s.remove(peer));
    fanout.values().forEach(s -> s.remove(peer));
  }

  /** Replaces the stake table (validators' stake; absent = unstaked). */
  public void setStakes(final Map<PeerId, Long> table) {
    stakes = Map.copyOf(table);
    long total = 0;
    for (final long s : stakes.values()) {
      total += Math.max(0, s);
    }
    totalStake = total;
    peers.forEach(this::applyStake);
  }

  private void applyStake(final PeerId id, final Peer st) {
    final double share = totalStake == 0 ? 0 : (double) stakes.getOrDefault(id, 0L) / totalStake;
    st.score.setStakeShare(share);
    // Stake-weighted inbound quota: the staked pool is split by stake share on top of the base.
    st.messages.setRate(p.messagesPerSecond() + share * p.stakedPoolMessagesPerSecond());
    st.bytes.setRate(p.bytesPerSecond() + share * p.stakedPoolBytesPerSecond());
    st.txMessages.setRate(p.messagesPerSecond() + share * p.stakedPoolMessagesPerSecond());
    st.txBytes.setRate(p.bytesPerSecond() + share * p.stakedPoolBytesPerSecond());
  }

  /**
   * Penalises {@code peer} for misbehaviour seen outside gossip (e.g. a forged shred on a direct
   * channel): adds to its P7 behaviour counter.
   */
  public void penalize(final PeerId peer, final double amount) {
    final Peer st = peers.get(peer);
    if (st != null) {
      st.score.misbehaved(amount);
    }
  }

  /** The current score of {@code peer}, or empty when not connected. */
  public Optional<Double> score(final PeerId peer) {
    return Optional.ofNullable(peers.get(peer)).map(s -> s.score.value());
  }

  /** Peers in our mesh for {@code topic}. */
  public Set<PeerId> mesh(final Topic topic) {
    return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
  }

  /** Connected peers. */
  public Set<PeerId> peers() {
    return Set.copyOf(peers.keySet());
  }

  // ---------------------------------------------------------------- local API

  /** Joins {@code topic}: announce it and graft up to D peers (fanout peers first). */
  public List<RouterAction> subscribe(final Topic topic, final MessageValidator validator) {
    final List<RouterAction> out = new ArrayList<>();
    final boolean fresh = subscriptions.put(topic, validator) == null;
    if (!fresh) {
      return out;
    }
    for (final PeerId peer : peers.keySet()) {
      out.add(new RouterAction.Send(peer, new GossipRpc.Subscribe(topic)));
    }
    final Set<PeerId> m = new TreeSet<>();
    final Set<PeerId> f = fanout.remove(topic);
    fanoutLastPublish.remove(topic);
    if (f != null) {
      for (final PeerId peer : f) {
        if (m.size() < p.d() && peers.containsKey(peer) && scoreOf(peer) >= 0) {
          m.add(peer);
        }
      }
    }
    for (final PeerId peer :
        pick(topic, p.d() - m.size(), x -> !m.contains(x) && scoreOf(x) >= 0)) {
      m.add(peer);
    }
    mesh.put(topic, m);
    for (final PeerId peer : m) {
      out.add(new RouterAction.Send(peer, new GossipRpc.Graft(topic)));
    }
    return out;
  }

  /** Publishes our own message. Already-seen content is not sent again. */
  public List<RouterAction> publish(final Topic topic, final byte[] data, final long now) {
    lastNow = Math.max(lastNow, now);
    final List<RouterAction> out = new ArrayList<>();
    final MessageId id = MessageId.of(topic, data);
    if (seen.containsKey(id)) {
      return out;
    }
    markSeen(id, now);
    final GossipRpc.Publish msg = new GossipRpc.Publish(topic, data);
    remember(id, msg);
    final Set<PeerId> targets = new TreeSet<>();
    if (p.floodPublish()) {
      for (final Map.Entry<PeerId, Peer> e : peers.entrySet()) {
        if (e.getValue().topics.contains(topic)
            && e.getValue().score.value() >= p.publishThreshold()) {
          targets.add(e.getKey());
        }
      }
    } else if (subscriptions.containsKey(topic)) {
      targets.addAll(mesh.getOrDefault(topic, Set.of()));
    } else {
      final Set<PeerId> f = fanout.computeIfAbsent(topic, t -> new TreeSet<>());
      if (f.isEmpty()) {
        f.addAll(pick(topic, p.d(), x -> scoreOf(x) >= p.publishThreshold()));
      }
      targets.addAll(f);
      fanoutLastPublish.put(topic, now);
    }
    if (targets.isEmpty()) {
      // Nobody to send to (e.g. no peers yet): forget it, so that publishing it again later is
      // not swallowed by the seen-cache.
      seen.remove(id);
      cache.remove(id);
      cacheWindows.peekFirst().remove(id);
      return out;
    }
    for (final PeerId peer : targets) {
      out.add(new RouterAction.Send(peer, msg));
    }
    return out;
  }

  // ---------------------------------------------------------------- inbound

  /** Handles one RPC from {@code from}. */
  public List<RouterAction> onRpc(final PeerId from, final GossipRpc rpc, final long now) {
    lastNow = Math.max(lastNow, now);
    final List<RouterAction> out = new ArrayList<>();
    final Peer st = peers.get(from);
    if (st == null) {
      return out;
    }
    if (st.score.value() < p.graylistThreshold()) {
      out.add(new RouterAction.Disconnect(from, "score below graylist threshold"));
      return out;
    }
    switch (rpc) {
      case GossipRpc.Subscribe s -> st.topics.add(s.topic());
      case GossipRpc.Unsubscribe u -> {
        st.topics.remove(u.topic());
        leaveMesh(u.topic(), from);
      }
      case GossipRpc.Publish m -> onPublish(from, st, m, now, out);
      case GossipRpc.Graft g -> onGraft(from, st, g.topic(), now, out);
      case GossipRpc.Prune pr -> {
        leaveMesh(pr.topic(), from);
        st.backoffUntil.put(pr.topic(), now + p.pruneBackoffMillis());
      }
      case GossipRpc.IHave h -> onIHave(from, st, h, out);
      case GossipRpc.IWant w -> onIWant(from, st, w, out);
    }
    return out;
  }

  private void onPublish(
      final PeerId from,
      final Peer st,
      final GossipRpc.Publish m,
      final long now,
      final List<RouterAction> out) {
    final int size = m.dataUnsafe().length;
    final boolean consensus = m.topic().isConsensus();
    // Consensus topics have their own budget, so no volume of transactions crowds out a vote.
    final TokenBucket msgs = consensus ? st.messages : st.txMessages;
    final TokenBucket bytes = consensus ? st.bytes : st.txBytes;
    if (!msgs.tryTake(1, now) || !bytes.tryTake(size, now)) {
      // Over its (stake-weighted) quota: dropped unread, which bounds the work it causes, and a
      // small behaviour penalty per message — except for transactions from a validator: it
      // relays what clients submit, and punishing that let a burst of honest load graylist the
      // validators from each other and halt consensus for minutes (issue 14). Honest validators
      // stay far below their quota on the consensus topics, which have a budget of their own.
      if (consensus || stakes.getOrDefault(from, 0L) <= 0) {
        st.score.misbehaved(0.1);
      }
      return;
    }
    final MessageId id = MessageId.of(m.topic(), m.dataUnsafe());
    final Set<PeerId> senders = deliveredBy.get(id);
    if (seen.containsKey(id)) {
      // Duplicates from different mesh peers are normal; the same peer repeating one message is
      // a flood.
      if (senders != null && !senders.add(from)) {
        st.score.misbehaved(1);
      }
      return;
    }
    markSeen(id, now);
    final Set<PeerId> by = new HashSet<>();
    by.add(from);
    deliveredBy.put(id, by);
    final MessageValidator validator = subscriptions.get(m.topic());
    if (validator == null) {
      return; // not our topic: peers should not send it; nothing to forward into
    }
    final Validation v = validator.validate(from, m.dataUnsafe());
    if (v == Validation.DEFER) {
      if (pending.size() < MAX_PENDING) {
        pending.put(id, new Pending(m, from, now));
      }
      return;
    }
    judged(id, m, from, v, out);
  }

  /**
   * The verdict on a message its validator {@link Validation#DEFER deferred}: delivers and forwards
   * it, penalises its sender, or drops it, as an immediate verdict would have. Unknown ids (already
   * judged, given up, or never deferred) are ignored.
   */
  public List<RouterAction> completeValidation(
      final MessageId id, final Validation verdict, final long now) {
    lastNow = Math.max(lastNow, now);
    final List<RouterAction> out = new ArrayList<>();
    final Pending w = pending.remove(id);
    if (w != null && verdict != Validation.DEFER) {
      judged(id, w.message(), w.from(), verdict, out);
    }
    return out;
  }

  /** Messages awaiting a deferred verdict. */
  public int pendingValidations() {
    return pending.size();
  }

  private void judged(
      final MessageId id,
      final GossipRpc.Publish m,
      final PeerId from,
      final Validation v,
      final List<RouterAction> out) {
    final Peer st = peers.get(from); // null if it disconnected while its message was judged
    switch (v) {
      case REJECT -> {
        if (st != null) {
          st.score.invalidMessage(m.topic());
        }
      }
      case IGNORE, DEFER -> {}
      case ACCEPT -> {
        if (st != null) {
          st.score.firstDelivery(m.topic());
        }
        remember(id, m);
        out.add(new RouterAction.Deliver(m.topic(), m.dataUnsafe(), from));
        for (final PeerId peer : mesh.getOrDefault(m.topic(), Set.of())) {
          if (!peer.equals(from)) {
            out.add(new RouterAction.Send(peer, m));
          }
        }
      }
    }
  }

  private void onGraft(
      final PeerId from,
      final Peer st,
      final Topic topic,
      final long now,
      final List<RouterAction> out) {
    if (!subscriptions.containsKey(topic)) {
      out.add(new RouterAction.Send(from, new GossipRpc.Prune(topic)));
      return;
    }
    final Set<PeerId> m = mesh.computeIfAbsent(topic, t -> new TreeSet<>());
    if (m.contains(from)) {
      return;
    }
    final Long backoff = st.backoffUntil.get(topic);
    if (backoff != null && now < backoff) {
      st.score.misbehaved(1);
      out.add(new RouterAction.Send(from, new GossipRpc.Prune(topic)));
      return;
    }
    if (st.score.value() < 0 || m.size() >= p.dHigh()) {
      out.add(new RouterAction.Send(from, new GossipRpc.Prune(topic)));
      return;
    }
    st.topics.add(topic);
    m.add(from);
  }

  private void onIHave(
      final PeerId from, final Peer st, final GossipRpc.IHave h, final List<RouterAction> out) {
    if (st.score.value() < p.gossipThreshold() || !subscriptions.containsKey(h.topic())) {
      return;
    }
    final List<MessageId> want = new ArrayList<>();
    for (final MessageId id : h.ids()) {
      if (want.size() >= p.maxIHaveIds()) {
        break;
      }
      if (!seen.containsKey(id)) {
        want.add(id);
      }
    }
    if (!want.isEmpty()) {
      out.add(new RouterAction.Send(from, new GossipRpc.IWant(want)));
    }
  }

  private void onIWant(
      final PeerId from, final Peer st, final GossipRpc.IWant w, final List<RouterAction> out) {
    if (st.score.value() < p.gossipThreshold()) {
      return;
    }
    for (final MessageId id : w.ids()) {
      final GossipRpc.Publish m = cache.get(id);
      if (m == null) {
        continue;
      }
      final int served = st.iwantServed.merge(id, 1, Integer::sum);
      if (served <= p.gossipRetransmission()) {
        out.add(new RouterAction.Send(from, m));
      }
    }
  }

  // ---------------------------------------------------------------- heartbeat

  /** Periodic maintenance: mesh repair, fanout expiry, IHAVE gossip, cache shift, score decay. */
  public List<RouterAction> heartbeat(final long now) {
    lastNow = Math.max(lastNow, now);
    retained.values().removeIf(e -> now - e.getValue() >= RETAIN_SCORE_MILLIS);
    final List<RouterAction> out = new ArrayList<>();
    for (final Map.Entry<PeerId, Peer> e : peers.entrySet()) {
      final Peer st = e.getValue();
      st.score.decay();
      st.iwantServed.clear();
      if (st.score.value() < p.graylistThreshold()) {
        out.add(new RouterAction.Disconnect(e.getKey(), "score below graylist threshold"));
      }
    }
    for (final Topic topic : subscriptions.keySet()) {
      maintainMesh(topic, now, out);
    }
    final Iterator<Map.Entry<Topic, Long>> fi = fanoutLastPublish.entrySet().iterator();
    while (fi.hasNext()) {
      final Map.Entry<Topic, Long> e = fi.next();
      if (now - e.getValue() > p.fanoutTtlMillis()) {
        fanout.remove(e.getKey());
        fi.remove();
      }
    }
    emitGossip(out);
    shiftCache();
    expireSeen(now);
    pending.values().removeIf(w -> now - w.since() >= PENDING_TTL_MILLIS);
    return out;
  }

  private void maintainMesh(final Topic topic, final long now, final List<RouterAction> out) {
    final Set<PeerId> m = mesh.computeIfAbsent(topic, t -> new TreeSet<>());
    for (final PeerId peer : List.copyOf(m)) {
      final Peer st = peers.get(peer);
      if (st == null) {
        m.remove(peer);
      } else if (st.score.value() < 0) {
        m.remove(peer);
        st.score.leftMesh(topic);
        st.backoffUntil.put(topic, now + p.pruneBackoffMillis());
        out.add(new RouterAction.Send(peer, new GossipRpc.Prune(topic)));
      } else {
        st.score.inMeshHeartbeat(topic);
      }
    }
    if (m.size() < p.dLow()) {
      for (final PeerId peer :
          pick(
              topic,
              p.d() - m.size(),
              x -> !m.contains(x) && scoreOf(x) >= 0 && !inBackoff(x, topic, now))) {
        m.add(peer);
        out.add(new RouterAction.Send(peer, new GossipRpc.Graft(topic)));
      }
    }
    if (m.size() > p.dHigh()) {
      // Keep the dScore best-scoring peers, fill the rest of D at random, prune the others.
      final List<PeerId> byScore = new ArrayList<>(m);
      byScore.sort(Comparator.comparingDouble((PeerId x) -> -scoreOf(x)).thenComparing(x -> x));
      final Set<PeerId> keep = new TreeSet<>(byScore.subList(0, p.dScore()));
      final List<PeerId> rest = new ArrayList<>(byScore.subList(p.dScore(), byScore.size()));
      shuffle(rest);
      keep.addAll(rest.subList(0, p.d() - p.dScore()));
      for (final PeerId peer : List.copyOf(m)) {
        if (!keep.contains(peer)) {
          m.remove(peer);
          final Peer st = peers.get(peer);
          st.score.leftMesh(topic);
          st.backoffUntil.put(topic, now + p.pruneBackoffMillis());
          out.add(new RouterAction.Send(peer, new GossipRpc.Prune(topic)));
        }
      }
    }
  }

  private void emitGossip(final List<RouterAction> out) {
    final Map<Topic, List<MessageId>> recent = new EnumMap<>(Topic.class);
    int w = 0;
    for (final List<MessageId> window : cacheWindows) {
      if (w++ >= p.historyGossip()) {
        break;
      }
      for (final MessageId id : window) {
        final GossipRpc.Publish m = cache.get(id);
        if (m != null) {
          recent.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(id);
        }
      }
    }
    for (final Map.Entry<Topic, List<MessageId>> e : recent.entrySet()) {
      final Topic topic = e.getKey();
      final Set<PeerId> excluded = new HashSet<>(mesh.getOrDefault(topic, Set.of()));
      excluded.addAll(fanout.getOrDefault(topic, Set.of()));
      final List<MessageId> ids =
          e.getValue().size() > p.maxIHaveIds()
              ? e.getValue().subList(0, p.maxIHaveIds())
              : e.getValue();
      for (final PeerId peer :
          pick(topic, p.dLazy(), x -> !excluded.contains(x) && scoreOf(x) >= p.gossipThreshold())) {
        out.add(new RouterAction.Send(peer, new GossipRpc.IHave(topic, ids)));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean inBackoff(final PeerId peer, final Topic topic, final long now) {
    final Long until = peers.get(peer).backoffUntil.get(topic);
    return until != null && now < until;
  }

  private void leaveMesh(final Topic topic, final PeerId peer) {
    final Set<PeerId> m = mesh.get(topic);
    if (m != null && m.remove(peer)) {
      final Peer st = peers.get(peer);
      if (st != null) {
        st.score.leftMesh(topic);
      }
    }
  }

  private double scoreOf(final PeerId peer) {
    final Peer st = peers.get(peer);
    return st == null ? Double.NEGATIVE_INFINITY : st.score.value();
  }

  /** Up to {@code n} random peers subscribed to {@code topic} that pass {@code filter}. */
  private List<PeerId> pick(
      final Topic topic, final int n, final java.util.function.Predicate<PeerId> filter) {
    final List<PeerId> candidates = new ArrayList<>();
    for (final Map.Entry<PeerId, Peer> e : peers.entrySet()) {
      if (e.getValue().topics.contains(topic) && filter.test(e.getKey())) {
        candidates.add(e.getKey());
      }
    }
    shuffle(candidates);
    return candidates.subList(0, Math.max(0, Math.min(n, candidates.size())));
  }

  private void shuffle(final List<PeerId> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      java.util.Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  private void markSeen(final MessageId id, final long now) {
    seen.put(id, now + p.seenTtlMillis());
  }

  private void remember(final MessageId id, final GossipRpc.Publish m) {
    if (cache.putIfAbsent(id, m) == null) {
      cacheWindows.peekFirst().add(id);
    }
  }

  private void shiftCache() {
    cacheWindows.addFirst(new ArrayList<>());
    while (cacheWindows.size() > p.historyLength()) {
      final Collection<MessageId> dropped = cacheWindows.removeLast();
      dropped.forEach(cache::remove);
    }
  }

  private void expireSeen(final long now) {
    final Iterator<Map.Entry<MessageId, Long>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      final Map.Entry<MessageId, Long> e = it.next();
      if (e.getValue() > now) {
        break; // insertion order == expiry order
      }
      deliveredBy.remove(e.getKey());
      it.remove();
    }
  }
}
