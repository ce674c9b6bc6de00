package dev.aether.network;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running Aether network endpoint: QUIC connections with key-bound identities, bootnodes and peer
 * exchange with reconnect backoff, gossip pub/sub ({@link GossipRouter}) and direct messages.
 *
 * <p>Threading: Netty's event loop does I/O; all logic (router, peer table, dialer) runs on one
 * "logic" thread, so none of it needs locks. Handlers are called on that thread and should hand
 * heavy work off. Public methods are safe from any thread.
 */
public final class Network implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Network.class.getName());
  private static final long DIAL_TICK_MILLIS = 100;
  private static final int MAX_CONCURRENT_DIALS = 4;
  private static final long PEER_EXCHANGE_MILLIS = 2_000;

  /** Peer-exchange requests answered per peer per {@link #PEER_EXCHANGE_MILLIS}. */
  static final int PEERS_REQUESTS_PER_WINDOW = 3;

  private final NetworkConfig config;
  private final PeerId self;
  private final ScheduledExecutorService logic;
  private final QuicTransport transport;
  private final GossipRouter router;
  private final OutboundDelay delay;
  private final SplittableRandom random;
  private final long startNanos = System.nanoTime();

  // Logic-thread state.
  private final Map<PeerId, QuicTransport.Connection> conns = new TreeMap<>();
  private final Map<PeerId, PeerAddress> known = new TreeMap<>();
  private final Map<PeerId, Backoff> backoffs = new HashMap<>();
  private final Set<PeerId> dialing = new TreeSet<>();
  private final Set<PeerId> bootnodes = new TreeSet<>();
  private final Map<Topic, MessageHandler> handlers = new EnumMap<>(Topic.class);
  private final Map<Integer, DirectHandler> direct = new HashMap<>();

  /** When each current connection was established (logic-thread clock). */
  private final Map<PeerId, Long> connectedAt = new HashMap<>();

  /** Two connections to one peer closer together than this are a simultaneous dial. */
  private static final long SIMULTANEOUS_DIAL_MILLIS = 5_000;

  private Map<PeerId, Long> stakes = Map.of();
  private long lastPeerExchange;

  /** Peer-exchange requests answered per peer: {window start, count}; logic thread only. */
  private final Map<PeerId, long[]> peersAnswered = new HashMap<>();

  /** Peers we asked for addresses and whose one answer we still accept; logic thread only. */
  private final Set<PeerId> peersAsked = new HashSet<>();

  // Read-only copies for other threads, replaced on the logic thread whenever the originals change,
  // so that asking for them never waits for the logic thread (the node reads them on every
  // consensus action; a query would stall consensus behind a busy network thread).
  private volatile Set<PeerId> connectedView = Set.of();
  private volatile Map<Topic, Set<PeerId>> meshView = Map.of();

  private volatile boolean closed;
  private volatile Thread logicThread;

  private Network(final NetworkConfig config) throws NetworkException {
    this.config = config;
    this.self = config.key().id();
    this.random = new SplittableRandom(config.seed());
    this.router = new GossipRouter(self, config.gossip(), config.seed());
    this.delay = OutboundDelay.of(config.injectedDelay(), "aether-net-delay-" + self);
    this.logic =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "aether-net-" + self);
              t.setDaemon(true);
              logicThread = t;
              return t;
            });
    try {
      this.transport =
          new QuicTransport(
              config.key(),
              config.host(),
              config.port(),
              config.maxMessageBytes(),
              config.idleTimeout().toMillis(),
              new Listener());
    } catch (NetworkException e) {
      logic.shutdownNow();
      delay.close();
      throw e;
    }
    for (final PeerAddress b : config.bootnodes()) {
      if (!b.id().equals(self)) {
        bootnodes.add(b.id());
        known.put(b.id(), b);
      }
    }
  }

  /** Binds, then starts dialing bootnodes and running gossip heartbeats. */
  public static Network start(final NetworkConfig config) throws NetworkException {
    final Network n = new Network(config);
    n.logic.scheduleWithFixedDelay(
        n.guard(n::dialTick), 0, DIAL_TICK_MILLIS, TimeUnit.MILLISECONDS);
    final long hb = config.gossip().heartbeatMillis();
    n.logic.scheduleWithFixedDelay(n.guard(n::heartbeat), hb, hb, TimeUnit.MILLISECONDS);
    return n;
  }

  /** Our node id. */
  public PeerId id() {
    return self;
  }

  /** Our dialable address (with the actual bound port). */
  public PeerAddress address() {
    return new PeerAddress(self, config.host(), transport.port());
  }

  /** Joins {@code topic}: messages passing {@code validator} go to {@code handler} and onward. */
  public void subscribe(
      final Topic topic, final MessageValidator validator, final MessageHandler handler) {
    onLogic(
        () -> {
          handlers.put(topic, handler);
          execute(router.subscribe(topic, validator));
          refreshViews();
        });
  }

  /**
   * Joins {@code topic} with a validator that answers later (see {@link AsyncMessageValidator}):
   * messages wait unforwarded until their verdict, so the logic thread never runs the check itself.
   */
  public void subscribeAsync(
      final Topic topic, final AsyncMessageValidator validator, final MessageHandler handler) {
    subscribe(
        topic,
        (from, data) -> {
          final MessageId id = MessageId.of(topic, data);
          // The router records the message as pending when this returns; the verdict is queued
          // behind that on the logic thread even if the validator answers at once.
          validator.validate(
              from, data, v -> onLogic(() -> execute(router.completeValidation(id, v, now()))));
          return Validation.DEFER;
        },
        handler);
  }

  /**
   * Publishes {@code data} on {@code topic}.
   *
   * @throws NetworkException {@link NetworkError.TooLarge} over the frame limit, {@link
   *     NetworkError.Closed} after close
   */
  public void publish(final Topic topic, final byte[] data) throws NetworkException {
    checkSize(data.length + 2);
    final byte[] copy = data.clone();
    onLogicChecked(() -> execute(router.publish(topic, copy, now())));
  }

  /** Registers the handler of direct channel {@code channel}. */
  public void onDirect(final int channel, final DirectHandler handler) {
    onLogic(() -> direct.put(channel, handler));
  }

  /**
   * Sends {@code data} straight to {@code peer} on {@code channel}; dropped when not connected
   * (callers such as Turbine recover losses by repair).
   */
  public void sendDirect(final PeerId peer, final int channel, final byte[] data)
      throws NetworkException {
    checkSize(data.length + 5);
    final byte[] frame = FrameCodec.encode(new Frame.Direct(channel, data));
    onLogicChecked(
        () -> {
          final QuicTransport.Connection c = conns.get(peer);
          if (c != null) {
            send(c, frame);
          }
        });
  }

  /** Replaces the stake table used for scoring, rate limits and inbound quotas. */
  public void setStakes(final Map<PeerId, Long> table) {
    final Map<PeerId, Long> copy = Map.copyOf(table);
    onLogic(
        () -> {
          stakes = copy;
          router.setStakes(copy);
        });
  }

  /** Penalises {@code peer} for misbehaviour seen by a protocol above gossip. */
  public void penalize(final PeerId peer, final double amount) {
    onLogic(() -> router.penalize(peer, amount));
  }

  /** Currently connected peers (a copy kept current by the logic thread; never waits for it). */
  public Set<PeerId> connectedPeers() {
    return closed ? Set.of() : connectedView;
  }

  /** The gossip score of {@code peer}, if connected. */
  public Optional<Double> score(final PeerId peer) {
    return query(() -> router.score(peer)).flatMap(x -> x);
  }

  /**
   * Our gossip mesh for {@code topic}, as of the last heartbeat, connection change, GRAFT or PRUNE
   * (a copy; never waits for the logic thread).
   */
  public Set<PeerId> mesh(final Topic topic) {
    return closed ? Set.of() : meshView.getOrDefault(topic, Set.of());
  }

  /** Connected peers, read on the logic thread (for protocols layered on this network). */
  Set<PeerId> connectedPeersOnLogic() {
    return Set.copyOf(conns.keySet());
  }

  /** Runs {@code task} on the logic thread (for protocols layered on this network). */
  void runOnLogic(final Runnable task) {
    onLogic(task);
  }

  /** Runs {@code task} on the logic thread every {@code millis}. */
  void every(final long millis, final Runnable task) {
    if (!closed) {
      logic.scheduleWithFixedDelay(guard(task), millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Clean shutdown: closes every connection, the socket and the threads; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    final Runnable closeAll =
        () -> {
          List.copyOf(conns.values()).forEach(QuicTransport.Connection::close);
          conns.clear();
          refreshViews();
        };
    if (Thread.currentThread() == logicThread) {
      // Called from a handler: run inline, the logic thread cannot wait for itself.
      closeAll.run();
      logic.shutdownNow();
      delay.close();
      transport.close();
      return;
    }
    try {
      logic.submit(closeAll).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.log(Level.FINE, "closing connections", e);
    }
    logic.shutdownNow();
    try {
      // A dial tick still running must finish before the event loop it dials on goes away.
      logic.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delay.close();
    transport.close();
  }

  // ------------------------------------------------------------------ logic thread

  private long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void dialTick() {
    final long now = now();
    if (conns.size() < config.targetPeers() && now - lastPeerExchange >= PEER_EXCHANGE_MILLIS) {
      // Below target: ask everyone for more addresses (peers learn of each other over time).
      lastPeerExchange = now;
      final byte[] req = FrameCodec.encode(new Frame.PeersRequest());
      conns
          .values()
          .forEach(
              c -> {
                peersAsked.add(c.peer);
                send(c, req);
              });
    }
    final List<PeerId> candidates = new ArrayList<>(bootnodes);
    if (conns.size() < config.targetPeers()) {
      candidates.addAll(known.keySet());
    }
    for (final PeerId id : candidates) {
      if (dialing.size() >= MAX_CONCURRENT_DIALS) {
        return;
      }
      if (conns.containsKey(id) || dialing.contains(id) || id.equals(self)) {
        continue;
      }
      final Backoff b = backoff(id);
      if (!b.due(now)) {
        continue;
      }
      dialing.add(id);
      // Until this dial reports back, treat it as failed so the tick does not re-fire it.
      b.failed(now);
      transport.dial(known.get(id));
    }
  }

  private Backoff backoff(final PeerId id) {
    return backoffs.computeIfAbsent(
        id,
        k ->
            new Backoff(
                config.backoffBase().toMillis(), config.backoffMax().toMillis(), random.split()));
  }

  private void heartbeat() {
    execute(router.heartbeat(now()));
    refreshViews();
  }

  /** Re-publishes the copies other threads read; on the logic thread, after a change. */
  private void refreshViews() {
    connectedView = Set.copyOf(conns.keySet());
    final Map<Topic, Set<PeerId>> m = new EnumMap<>(Topic.class);
    for (final Topic t : Topic.values()) {
      final Set<PeerId> peers = router.mesh(t);
      if (!peers.isEmpty()) {
        m.put(t, peers);
      }
    }
    meshView = Map.copyOf(m);
  }

  private void connected(final QuicTransport.Connection c) {
    if (closed || c.peer.equals(self)) {
      c.close();
      return;
    }
    dialing.remove(c.peer);
    final QuicTransport.Connection existing = conns.get(c.peer);
    if (existing != null) {
      // Simultaneous dials: both sides keep the connection dialed by the smaller id. A new
      // connection to a peer whose existing one is older than a handshake is no simultaneous
      // dial: the peer restarted (it dials only peers it has no connection to) and the old
      // connection is dead until its idle timeout. Keeping it would drop every message to the
      // restarted peer for up to that long.
      final PeerId winnerDialer = self.compareTo(c.peer) < 0 ? self : c.peer;
      final PeerId newDialer = c.outbound ? self : c.peer;
      final PeerId oldDialer = existing.outbound ? self : c.peer;
      final long age = now() - connectedAt.getOrDefault(c.peer, now());
      final boolean replaced = !c.outbound && age > SIMULTANEOUS_DIAL_MILLIS;
      if (replaced || (newDialer.equals(winnerDialer) && !oldDialer.equals(winnerDialer))) {
        router.removePeer(c.peer);
        conns.remove(c.peer);
        existing.close();
      } else {
        c.close();
        return;
      }
    } else if (!c.outbound) {
      final Map<PeerId, ConnectionPolicy.Inbound> inbound = new TreeMap<>();
      conns.forEach(
          (id, x) -> {
            if (!x.outbound) {
              inbound.put(
                  id,
                  new ConnectionPolicy.Inbound(
                      stakes.getOrDefault(id, 0L), router.score(id).orElse(0.0)));
            }
          });
      switch (config.inbound().admit(stakes.getOrDefault(c.peer, 0L), inbound)) {
        case ConnectionPolicy.Decision.Refuse r -> {
          c.close();
          return;
        }
        case ConnectionPolicy.Decision.AdmitEvicting e -> {
          final QuicTransport.Connection victim = conns.remove(e.victim());
          router.removePeer(e.victim());
          if (victim != null) {
            victim.close();
          }
        }
        case ConnectionPolicy.Decision.Admit a -> {}
      }
    }
    conns.put(c.peer, c);
    connectedAt.put(c.peer, now());
    backoff(c.peer).succeeded();
    send(c, FrameCodec.encode(new Frame.Hello(transport.port())));
    peersAsked.add(c.peer);
    send(c, FrameCodec.encode(new Frame.PeersRequest()));
    execute(router.addPeer(c.peer, now()));
    refreshViews();
  }

  /**
   * At most {@link #PEERS_REQUESTS_PER_WINDOW} peer-exchange requests per peer are answered in each
   * {@link #PEER_EXCHANGE_MILLIS} window (each answer costs a frame of up to {@link
   * FrameCodec#MAX_PEERS} addresses).
   */
  private boolean mayAnswerPeersRequest(final PeerId peer) {
    final long now = now();
    final long[] w = peersAnswered.computeIfAbsent(peer, p -> new long[] {now, 0});
    if (now - w[0] >= PEER_EXCHANGE_MILLIS) {
      w[0] = now;
      w[1] = 0;
    }
    if (w[1] >= PEERS_REQUESTS_PER_WINDOW) {
      return false;
    }
    w[1]++;
    return true;
  }

  private void closed(final QuicTransport.Connection c) {
    peersAnswered.remove(c.peer);
    peersAsked.remove(c.peer);
    if (conns.get(c.peer) == c) {
      conns.remove(c.peer);
      router.removePeer(c.peer);
      backoff(c.peer).failed(now());
      refreshViews();
    }
  }

  private void frame(final QuicTransport.Connection c, final byte[] bytes) {
    if (conns.get(c.peer) != c) {
      return;
    }
    final Frame f;
    try {
      f = FrameCodec.decode(bytes);
    } catch (NetworkException e) {
      router.penalize(c.peer, 1);
      return;
    }
    switch (f) {
      case Frame.Hello h -> {
        final InetSocketAddress remote = c.remote();
        if (h.listenPort() > 0 && remote != null) {
          known.put(
              c.peer,
              new PeerAddress(c.peer, remote.getAddress().getHostAddress(), h.listenPort()));
        }
      }
      case Frame.PeersRequest r -> {
        if (!mayAnswerPeersRequest(c.peer)) {
          return; // over its budget: an honest peer asks on connect and then every few seconds
        }
        final List<PeerAddress> list = new ArrayList<>();
        for (final PeerId id : conns.keySet()) {
          final PeerAddress a = known.get(id);
          if (a != null && !id.equals(c.peer) && list.size() < FrameCodec.MAX_PEERS) {
            list.add(a);
          }
        }
        send(c, FrameCodec.encode(new Frame.Peers(list)));
      }
      case Frame.Peers p -> {
        if (!peersAsked.remove(c.peer)) {
          return; // unasked-for addresses: nobody gets to fill our address book unprompted
        }
        for (final PeerAddress a : p.peers()) {
          if (!a.id().equals(self) && !known.containsKey(a.id()) && known.size() < 1024) {
            known.put(a.id(), a);
          }
        }
      }
      case Frame.Direct d -> {
        final DirectHandler h = direct.get(d.channel());
        if (h != null) {
          h.onDirect(c.peer, d.data());
        }
      }
      case GossipRpc rpc -> {
        execute(router.onRpc(c.peer, rpc, now()));
        if (rpc instanceof GossipRpc.Graft
            || rpc instanceof GossipRpc.Prune
            || rpc instanceof GossipRpc.Unsubscribe) {
          refreshViews();
        }
      }
    }
  }

  private void execute(final List<RouterAction> actions) {
    for (final RouterAction a : actions) {
      switch (a) {
        case RouterAction.Send s -> {
          final QuicTransport.Connection c = conns.get(s.peer());
          if (c != null) {
            send(c, FrameCodec.encode(s.rpc()));
          }
        }
        case RouterAction.Deliver d -> {
          final MessageHandler h = handlers.get(d.topic());
          if (h != null) {
            h.onMessage(d.topic(), d.data(), d.from());
          }
        }
        case RouterAction.Disconnect d -> {
          LOG.info(() -> "disconnecting " + d.peer() + ": " + d.reason());
          final QuicTransport.Connection c = conns.remove(d.peer());
          router.removePeer(d.peer());
          if (c != null) {
            c.close();
          }
          refreshViews();
        }
      }
    }
  }

  // ------------------------------------------------------------------ plumbing

  /** Every outbound frame leaves here: at once, or after the injected test/devnet delay. */
  private void send(final QuicTransport.Connection c, final byte[] frame) {
    delay.submit(() -> c.send(frame));
  }

  private void checkSize(final int frameSize) throws NetworkException {
    if (frameSize > config.maxMessageBytes()) {
      throw new NetworkException(new NetworkError.TooLarge(frameSize, config.maxMessageBytes()));
    }
    if (closed) {
      throw new NetworkException(new NetworkError.Closed());
    }
  }

  private Runnable guard(final Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        // A bug in one event must not kill the logic thread (and with it the node's network).
        LOG.log(Level.WARNING, "network logic error", e);
      }
    };
  }

  private void onLogic(final Runnable r) {
    if (closed) {
      return;
    }
    try {
      logic.execute(guard(r));
    } catch (RejectedExecutionException e) {
      // Shut down concurrently: nothing left to do.
    }
  }

  private void onLogicChecked(final Runnable r) throws NetworkException {
    try {
      logic.execute(guard(r));
    } catch (RejectedExecutionException e) {
      throw new NetworkException(new NetworkError.Closed());
    }
  }

  private <T> Optional<T> query(final java.util.concurrent.Callable<T> q) {
    if (closed) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return q.call();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  },
                  logic)
              .get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      return Optional.empty();
    }
  }

  private final class Listener implements QuicTransport.Listener {
    @Override
    public void onConnected(final QuicTransport.Connection c) {
      if (closed) {
        c.close();
        return;
      }
      onLogic(() -> connected(c));
    }

    @Override
    public void onFrame(final QuicTransport.Connection c, final byte[] frame) {
      onLogic(() -> frame(c, frame));
    }

    @Override
    public void onClosed(final QuicTransport.Connection c) {
      onLogic(() -> closed(c));
    }

    @Override
    public void onDialFailed(final PeerAddress target, final String reason) {
      LOG.log(Level.FINE, () -> "dial " + target + " failed: " + reason);
      onLogic(() -> dialing.remove(target.id()));
    }
  }
}
