package dev.aether.network.bench;

import dev.aether.network.GossipParams;
import dev.aether.network.MessageValidator;
import dev.aether.network.Network;
import dev.aether.network.NetworkConfig;
import dev.aether.network.NodeKey;
import dev.aether.network.PeerAddress;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gossip delivery latency with 8 nodes over real QUIC on loopback, in one JVM (one clock):
 * each message carries its publish time; every receiver records now − then. Baseline in the same
 * run: a direct one-hop send between two connected nodes (transport + framing only, no gossip).
 * Not JMH — latency percentiles across nodes need a harness that owns all the nodes.
 *
 * <p>Usage: {@code GossipLatencyReport [messages] [payloadBytes]}.
 */
public final class GossipLatencyReport {
  private static final int NODES = 8;

  private GossipLatencyReport() {}

  public static void main(final String[] args) throws Exception {
    final int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    final int payload = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    final List<Network> nodes = new ArrayList<>();
    final List<Long> gossip = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> direct = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      final GossipParams gp = GossipParams.defaults().withHeartbeatMillis(200);
      nodes.add(Network.start(NetworkConfig.local(key(0), List.of()).withGossip(gp)));
      final List<PeerAddress> boot = List.of(nodes.getFirst().address());
      for (int i = 1; i < NODES; i++) {
        nodes.add(Network.start(NetworkConfig.local(key(i), boot).withGossip(gp).withSeed(i)));
      }
      final CountDownLatch all = new CountDownLatch(messages * (NODES - 1));
      for (final Network n : nodes) {
        n.subscribe(
            Topic.TX,
            MessageValidator.acceptAll(),
            (t, data, from) -> {
              gossip.add(System.nanoTime() - ByteBuffer.wrap(data).getLong());
              all.countDown();
            });
      }
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (nodes.stream().anyMatch(n -> n.connectedPeers().size() < NODES - 1
              || n.mesh(Topic.TX).size() < 4)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cluster did not form");
        }
        Thread.sleep(100);
      }
      // Baseline: one hop, node 1 -> node 0, direct channel.
      final CountDownLatch directDone = new CountDownLatch(messages);
      nodes.getFirst()
          .onDirect(
              99,
              (from, data) -> {
                direct.add(System.nanoTime() - ByteBuffer.wrap(data).getLong());
                directDone.countDown();
              });
      Thread.sleep(200);
      final PeerId zero = nodes.getFirst().id();
      for (int m = 0; m < messages; m++) {
        nodes.get(1).sendDirect(zero, 99, stamped(payload, m));
        Thread.sleep(5);
      }
      directDone.await(30, TimeUnit.SECONDS);
      for (int m = 0; m < messages; m++) {
        nodes.get(m % NODES).publish(Topic.TX, stamped(payload, m));
        Thread.sleep(5);
      }
      if (!all.await(60, TimeUnit.SECONDS)) {
        System.out.println("WARNING: missing deliveries: " + all.getCount());
      }
      report("direct one hop (baseline)", direct);
      report("gossip, 8 nodes, all receivers", gossip);
      System.out.printf(
          "p50 ratio gossip/direct: %.2f%n", pct(gossip, 50) / Math.max(1e-9, pct(direct, 50)));
    } finally {
      nodes.forEach(Network::close);
    }
  }

  private static byte[] stamped(final int size, final int seq) {
    final ByteBuffer b = ByteBuffer.allocate(Math.max(size, 12));
    b.putLong(System.nanoTime()).putInt(seq);
    return b.array();
  }

  private static double pct(final List<Long> xs, final int p) {
    final long[] a;
    synchronized (xs) {
      a = xs.stream().mapToLong(Long::longValue).toArray();
    }
    if (a.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(a);
    return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)] / 1e6;
  }

  private static void report(final String name, final List<Long> xs) {
    System.out.printf(
        "%s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms%n",
        name, xs.size(), pct(xs, 50), pct(xs, 95), pct(xs, 99));
  }

  private static NodeKey key(final int i) throws Exception {
    return NodeKey.fromSeed(
        MessageDigest.getInstance("SHA-256")
            .digest(ByteBuffer.allocate(8).putInt(0x62656e63).putInt(i).array()));
  }
}
