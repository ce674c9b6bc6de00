package dev.aether.network;

import java.util.List;

/** Gossipsub v1.1 messages, as the router consumes and produces them. */
public sealed interface GossipRpc extends Frame {
  /** The sender joined {@code topic}. */
  record Subscribe(Topic topic) implements GossipRpc {}

  /** The sender left {@code topic}. */
  record Unsubscribe(Topic topic) implements GossipRpc {}

  /** A full message. */
  record Publish(Topic topic, byte[] data) implements GossipRpc {
    public Publish {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Publish x && topic == x.topic && java.util.Arrays.equals(data, x.data);
    }

    @Override
    public int hashCode() {
      return 31 * topic.hashCode() + java.util.Arrays.hashCode(data);
    }

    byte[] dataUnsafe() {
      return data;
    }
  }

  /** The sender added us to its mesh for {@code topic}. */
  record Graft(Topic topic) implements GossipRpc {}

  /** The sender removed us from its mesh; do not graft back within the backoff. */
  record Prune(Topic topic) implements GossipRpc {}

  /** Lazy push: the sender has these messages. */
  record IHave(Topic topic, List<MessageId> ids) implements GossipRpc {
    public IHave {
      ids = List.copyOf(ids);
    }
  }

  /** Lazy pull: send me these messages. */
  record IWant(List<MessageId> ids) implements GossipRpc {
    public IWant {
      ids = List.copyOf(ids);
    }
  }
}
