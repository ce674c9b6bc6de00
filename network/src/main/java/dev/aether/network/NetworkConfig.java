package dev.aether.network;

import java.time.Duration;
import java.util.List;

/**
 * Everything {@link Network#start} needs.
 *
 * @param key the node key the handshake proves
 * @param host address to bind and advertise (127.0.0.1 on a local devnet)
 * @param port UDP port, 0 for an ephemeral one
 * @param bootnodes peers to dial at start and to keep redialing
 * @param maxMessageBytes largest frame accepted or sent; bigger ones close the connection
 * @param targetPeers dial learned peers until this many connections are up
 * @param inbound stake-weighted inbound quota
 * @param gossip gossipsub parameters
 * @param backoffBase first reconnect delay
 * @param backoffMax largest reconnect delay
 * @param idleTimeout QUIC idle timeout
 * @param seed seeds mesh/gossip peer choice and backoff jitter
 * @param injectedDelay test/devnet only: one-way delay added to every outbound frame to emulate
 *     link latency ({@link #withInjectedDelay}); {@link Duration#ZERO} (the default) adds none
 */
public record NetworkConfig(
    NodeKey key,
    String host,
    int port,
    List<PeerAddress> bootnodes,
    int maxMessageBytes,
    int targetPeers,
    ConnectionPolicy inbound,
    GossipParams gossip,
    Duration backoffBase,
    Duration backoffMax,
    Duration idleTimeout,
    long seed,
    Duration injectedDelay) {

  /** Default frame limit: a 2 MB block plus framing, with room to spare. */
  public static final int DEFAULT_MAX_MESSAGE = 4 << 20;

  public NetworkConfig {
    bootnodes = List.copyOf(bootnodes);
    if (maxMessageBytes < 1024 || targetPeers < 1 || port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad network config");
    }
    if (injectedDelay == null || injectedDelay.isNegative()) {
      throw new IllegalArgumentException("injected delay must be zero or positive");
    }
  }

  /** Loopback defaults around {@code key} and {@code bootnodes}. */
  public static NetworkConfig local(final NodeKey key, final List<PeerAddress> bootnodes) {
    return new NetworkConfig(
        key,
        "127.0.0.1",
        0,
        bootnodes,
        DEFAULT_MAX_MESSAGE,
        12,
        new ConnectionPolicy(50, 25),
        GossipParams.defaults(),
        Duration.ofMillis(200),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        0,
        Duration.ZERO);
  }

  /** Copy with another gossip parameter set. */
  public NetworkConfig withGossip(final GossipParams g) {
    return new NetworkConfig(
        key,
        host,
        port,
        bootnodes,
        maxMessageBytes,
        targetPeers,
        inbound,
        g,
        backoffBase,
        backoffMax,
        idleTimeout,
        seed,
        injectedDelay);
  }

  /** Copy with another seed. */
  public NetworkConfig withSeed(final long s) {
    return new NetworkConfig(
        key,
        host,
        port,
        bootnodes,
        maxMessageBytes,
        targetPeers,
        inbound,
        gossip,
        backoffBase,
        backoffMax,
        idleTimeout,
        s,
        injectedDelay);
  }

  /** Copy with another frame limit. */
  public NetworkConfig withMaxMessageBytes(final int max) {
    return new NetworkConfig(
        key,
        host,
        port,
        bootnodes,
        max,
        targetPeers,
        inbound,
        gossip,
        backoffBase,
        backoffMax,
        idleTimeout,
        seed,
        injectedDelay);
  }

  /** Copy with another inbound policy. */
  public NetworkConfig withInbound(final ConnectionPolicy policy) {
    return new NetworkConfig(
        key,
        host,
        port,
        bootnodes,
        maxMessageBytes,
        targetPeers,
        policy,
        gossip,
        backoffBase,
        backoffMax,
        idleTimeout,
        seed,
        injectedDelay);
  }

  /** Copy with another port. */
  public NetworkConfig withPort(final int p) {
    return new NetworkConfig(
        key,
        host,
        p,
        bootnodes,
        maxMessageBytes,
        targetPeers,
        inbound,
        gossip,
        backoffBase,
        backoffMax,
        idleTimeout,
        seed,
        injectedDelay);
  }

  /**
   * Copy that holds every outbound frame (gossip, direct messages, peer exchange) for {@code
   * oneWay} before sending it, preserving order. <b>Test and devnet only</b>: it emulates link
   * latency where {@code tc netem} is unavailable. Two nodes both configured with {@code d} see a
   * round-trip time of {@code 2·d} plus the real one. QUIC's own handshake and acknowledgements are
   * not delayed, so congestion control still sees loopback round trips.
   */
  public NetworkConfig withInjectedDelay(final Duration oneWay) {
    return new NetworkConfig(
        key,
        host,
        port,
        bootnodes,
        maxMessageBytes,
        targetPeers,
        inbound,
        gossip,
        backoffBase,
        backoffMax,
        idleTimeout,
        seed,
        oneWay);
  }
}
