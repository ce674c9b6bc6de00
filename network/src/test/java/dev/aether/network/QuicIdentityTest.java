package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real QUIC on loopback: the handshake proves node keys. */
class QuicIdentityTest {
  @Test
  void dialerAndListenerLearnEachOthersProvenKeys() throws Exception {
    try (Network a = Network.start(NetworkConfig.local(TestNodes.key(1), List.of()));
        Network b = Network.start(NetworkConfig.local(TestNodes.key(2), List.of(a.address())))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.connectedPeers().contains(b.id()) && b.connectedPeers().contains(a.id()));
      final List<byte[]> got = new CopyOnWriteArrayList<>();
      a.onDirect(
          7,
          (from, data) -> {
            if (from.equals(b.id())) {
              got.add(data);
            }
          });
      // Direct handler registration and sending race on different threads; resend until seen.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                b.sendDirect(a.id(), 7, new byte[] {1, 2, 3});
                return !got.isEmpty();
              });
      assertThat(got.getFirst()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void peerClaimingAnotherKeyIsRefused() throws Exception {
    try (Network a = Network.start(NetworkConfig.local(TestNodes.key(3), List.of()))) {
      // b believes a's address belongs to node 4: a proves node 3's key, so the handshake fails.
      final PeerAddress lie =
          new PeerAddress(TestNodes.key(4).id(), "127.0.0.1", a.address().port());
      try (Network b = Network.start(NetworkConfig.local(TestNodes.key(5), List.of(lie)))) {
        // Several dial attempts (backoff base 200 ms) happen in this window; none may succeed.
        Thread.sleep(1500);
        assertThat(b.connectedPeers()).isEmpty();
        assertThat(a.connectedPeers()).isEmpty();
      }
    }
  }

  @Test
  void oversizePublishIsRefusedWithTypedError() throws Exception {
    try (Network a =
        Network.start(NetworkConfig.local(TestNodes.key(6), List.of()).withMaxMessageBytes(4096))) {
      final var thrown =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              NetworkException.class, () -> a.publish(Topic.TX, new byte[5000]));
      assertThat(thrown.error().code()).isEqualTo("NET_TOO_LARGE");
    }
  }

  @Test
  void closingFromAHandlerDoesNotDeadlock() throws Exception {
    final Network a = Network.start(NetworkConfig.local(TestNodes.key(7), List.of()));
    try (Network b = Network.start(NetworkConfig.local(TestNodes.key(8), List.of(a.address())))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> a.connectedPeers().contains(b.id()));
      a.onDirect(1, (from, data) -> a.close());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                b.sendDirect(a.id(), 1, new byte[] {1});
                return b.connectedPeers().isEmpty();
              });
      assertThat(a.connectedPeers()).isEmpty();
    }
  }
}
