package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A peer flooding peer-exchange requests over a real QUIC connection gets a bounded number of
 * answers, and the node keeps serving.
 */
class PeerExchangeBudgetTest {
  @Test
  void peersRequestsBeyondTheBudgetAreNotAnswered() throws Exception {
    try (Network node = Network.start(NetworkConfig.local(TestNodes.key(40), List.of()))) {
      List<Frame> received = new CopyOnWriteArrayList<>();
      AtomicReference<QuicTransport.Connection> conn = new AtomicReference<>();
      try (QuicTransport raw =
          new QuicTransport(
              TestNodes.key(41),
              "127.0.0.1",
              0,
              1 << 20,
              30_000,
              new QuicTransport.Listener() {
                @Override
                public void onConnected(QuicTransport.Connection c) {
                  conn.set(c);
                }

                @Override
                public void onFrame(QuicTransport.Connection c, byte[] frame) {
                  try {
                    received.add(FrameCodec.decode(frame));
                  } catch (NetworkException e) {
                    throw new AssertionError(e);
                  }
                }

                @Override
                public void onClosed(QuicTransport.Connection c) {}

                @Override
                public void onDialFailed(PeerAddress target, String reason) {}
              })) {
        raw.dial(node.address());
        await().atMost(Duration.ofSeconds(20)).until(() -> conn.get() != null);
        byte[] request = FrameCodec.encode(new Frame.PeersRequest());
        for (int i = 0; i < 50; i++) {
          conn.get().send(request);
        }
        // The node asks us once on connect; count its answers to our 50 requests.
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> peersAnswers(received) >= Network.PEERS_REQUESTS_PER_WINDOW);
        // Let any further (wrong) answers arrive before counting them.
        conn.get().send(FrameCodec.encode(new Frame.Hello(1)));
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> peersAnswers(received) <= Network.PEERS_REQUESTS_PER_WINDOW + 1);
        assertThat(peersAnswers(received))
            .isLessThanOrEqualTo(Network.PEERS_REQUESTS_PER_WINDOW + 1);
        assertThat(node.connectedPeers()).hasSize(1);
      }
    }
  }

  private static long peersAnswers(List<Frame> frames) {
    return frames.stream().filter(f -> f instanceof Frame.Peers).count();
  }
}
