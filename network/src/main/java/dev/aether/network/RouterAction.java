package dev.aether.network;

/** What the gossip router asks its host to do; the router itself never touches a socket. */
public sealed interface RouterAction {
  /** Send {@code rpc} to {@code peer}. */
  record Send(PeerId peer, GossipRpc rpc) implements RouterAction {}

  /** Hand a validated message to the local subscriber. */
  record Deliver(Topic topic, byte[] data, PeerId from) implements RouterAction {
    public Deliver {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Deliver x
          && topic == x.topic
          && from.equals(x.from)
          && java.util.Arrays.equals(data, x.data);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(topic, from, java.util.Arrays.hashCode(data));
    }
  }

  /** Drop the connection: the peer's score fell below the graylist threshold. */
  record Disconnect(PeerId peer, String reason) implements RouterAction {}
}
