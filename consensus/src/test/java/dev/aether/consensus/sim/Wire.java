package dev.aether.consensus.sim;

import dev.aether.consensus.Evidence;
import dev.aether.types.Block;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import java.util.Optional;

/**
 * What travels between simulated validators when the sender is Byzantine: canonical bytes on a
 * topic, decoded at the receiver with the chain's real codecs, as a node decodes gossip. Whatever
 * does not decode is dropped (and counted); whatever decodes reaches the receiver's state machine,
 * however absurd its contents. A decoder that throws anything but {@link CodecException} escapes
 * and fails the run.
 */
final class Wire {
  private Wire() {}

  /** A gossip topic and the type carried on it. */
  enum Topic {
    PROPOSAL(Block.CODEC),
    VOTE(Vote.CODEC),
    TIMEOUT(Timeout.CODEC),
    EVIDENCE(Evidence.CODEC);

    final Codec<?> codec;

    Topic(Codec<?> codec) {
      this.codec = codec;
    }

    static Topic of(Object message) {
      return switch (message) {
        case Block b -> PROPOSAL;
        case Vote v -> VOTE;
        case Timeout t -> TIMEOUT;
        case Evidence e -> EVIDENCE;
        default -> throw new IllegalArgumentException("not a message: " + message);
      };
    }
  }

  /** Raw bytes a Byzantine validator sends on {@code topic}. */
  record Bytes(Topic topic, byte[] data) {}

  @SuppressWarnings("unchecked")
  static byte[] encode(Object message) {
    return ((Codec<Object>) Topic.of(message).codec).encode(message);
  }

  /** The message the receiver's decoder makes of {@code data}, or empty when it refuses it. */
  static Optional<Object> decode(Topic topic, byte[] data) {
    try {
      return Optional.of(topic.codec.decode(data));
    } catch (CodecException e) {
      return Optional.empty();
    }
  }
}
