package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two nodes over real QUIC; the sender holds its outbound frames for 150 ms. Direct messages and
 * gossip arrive no earlier than that, and in the order they were sent.
 */
class InjectedDelayTest {
  private static final Duration DELAY = Duration.ofMillis(150);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void delayedFramesArriveNoEarlierThanTheDelayAndInOrder() throws Exception {
    try (Network receiver = Network.start(config(1, List.of(), Duration.ZERO));
        Network sender = Network.start(config(2, List.of(receiver.address()), DELAY))) {
      final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
      final List<long[]> direct = new CopyOnWriteArrayList<>(); // {sequence, arrival nanos}
      final List<long[]> gossip = new CopyOnWriteArrayList<>();
      receiver.onDirect(7, (from, data) -> direct.add(arrival(data)));
      receiver.subscribe(
          Topic.TX, MessageValidator.acceptAll(), (t, data, from) -> gossip.add(arrival(data)));
      sender.subscribe(Topic.TX, MessageValidator.acceptAll(), (t, data, from) -> {});
      await().atMost(WAIT).until(() -> sender.connectedPeers().contains(receiver.id()));
      await().atMost(WAIT).until(() -> sender.mesh(Topic.TX).contains(receiver.id()));

      final int n = 100; // within the receiver's per-peer gossip budget (200 messages/s)
      for (int i = 0; i < n; i++) {
        sentAt.put(i, System.nanoTime());
        sender.sendDirect(receiver.id(), 7, seq(i));
        sender.publish(Topic.TX, seq(n + i));
      }
      await().atMost(WAIT).until(() -> direct.size() == n && gossip.size() == n);

      for (int i = 0; i < n; i++) {
        assertThat(direct.get(i)[0]).as("direct %d in order", i).isEqualTo(i);
        assertThat(direct.get(i)[1] - sentAt.get(i))
            .as("direct %d delayed", i)
            .isGreaterThanOrEqualTo(DELAY.toNanos());
        assertThat(gossip.get(i)[0]).as("gossip %d in order", i).isEqualTo(n + i);
        assertThat(gossip.get(i)[1] - sentAt.get(i))
            .as("gossip %d delayed", i)
            .isGreaterThanOrEqualTo(DELAY.toNanos());
      }
    }
  }

  private static NetworkConfig config(
      final int i, final List<PeerAddress> boot, final Duration delay) {
    return NetworkConfig.local(TestNodes.key(i), boot)
        .withGossip(GossipParams.defaults().withHeartbeatMillis(100))
        .withSeed(i)
        .withInjectedDelay(delay);
  }

  private static byte[] seq(final int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  private static long[] arrival(final byte[] data) {
    return new long[] {ByteBuffer.wrap(data).getInt(), System.nanoTime()};
  }
}
