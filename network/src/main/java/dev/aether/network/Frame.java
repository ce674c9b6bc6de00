package dev.aether.network;

import java.util.List;

/**
 * Everything nodes say to each other on a connection's control stream. Gossip control and data
 * messages are {@link GossipRpc}s (the router's vocabulary); the rest is connection housekeeping
 * and direct (Turbine, repair) traffic.
 */
sealed interface Frame
    permits Frame.Hello, Frame.PeersRequest, Frame.Peers, Frame.Direct, GossipRpc {

  /** First frame each side sends: the UDP port it accepts connections on (for peer exchange). */
  record Hello(int listenPort) implements Frame {}

  /** Asks for the peer's known addresses. */
  record PeersRequest() implements Frame {}

  /** Peer exchange answer. */
  record Peers(List<PeerAddress> peers) implements Frame {
    public Peers {
      peers = List.copyOf(peers);
    }
  }

  /**
   * A point-to-point message outside gossip: Turbine shreds and repair traffic.
   *
   * @param channel application channel
   * @param data payload
   */
  record Direct(int channel, byte[] data) implements Frame {
    public Direct {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Direct x && channel == x.channel && java.util.Arrays.equals(data, x.data);
    }

    @Override
    public int hashCode() {
      return 31 * channel + java.util.Arrays.hashCode(data);
    }
  }
}
