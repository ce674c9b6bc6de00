package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Peers and mesh are read from copies the logic thread keeps current: the node reads them on every
 * consensus action, so they must answer even while the logic thread is busy.
 */
class NetworkViewsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void peersAndMeshAnswerWhileTheLogicThreadIsBusy() throws Exception {
    try (Network a = Network.start(config(10, List.of()));
        Network b = Network.start(config(11, List.of(a.address())))) {
      a.subscribe(Topic.VOTE, MessageValidator.acceptAll(), (t, d, f) -> {});
      b.subscribe(Topic.VOTE, MessageValidator.acceptAll(), (t, d, f) -> {});
      await().atMost(WAIT).until(() -> a.mesh(Topic.VOTE).contains(b.id()));

      CountDownLatch busy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      a.onDirect(
          3,
          (from, data) -> {
            busy.countDown();
            try {
              release.await(); // holds a's logic thread
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      b.sendDirect(a.id(), 3, new byte[] {1});
      busy.await();
      try {
        assertThat(a.connectedPeers()).containsExactly(b.id());
        assertThat(a.mesh(Topic.VOTE)).containsExactly(b.id());
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void afterCloseTheViewsAreEmpty() throws Exception {
    Network a = Network.start(config(12, List.of()));
    try (Network b = Network.start(config(13, List.of(a.address())))) {
      await().atMost(WAIT).until(() -> b.connectedPeers().contains(a.id()));
      a.close();
      assertThat(a.connectedPeers()).isEmpty();
      assertThat(a.mesh(Topic.VOTE)).isEmpty();
      await().atMost(WAIT).until(() -> b.connectedPeers().isEmpty());
    }
  }

  private static NetworkConfig config(final int i, final List<PeerAddress> boot) {
    return NetworkConfig.local(TestNodes.key(i), boot)
        .withGossip(GossipParams.defaults().withHeartbeatMillis(100))
        .withSeed(i);
  }
}
