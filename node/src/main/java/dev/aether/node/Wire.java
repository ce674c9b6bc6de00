package dev.aether.node;

import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's outbound side of the network, best effort: a failed send or publish is logged (fine)
 * and dropped — peers retry, and consensus re-addresses what matters. Also the one place peer bytes
 * are decoded, so a malformed frame is an empty answer rather than an exception on a network
 * thread.
 */
final class Wire {
  private static final Logger LOG = Logger.getLogger(Wire.class.getName());

  private final Network network;

  Wire(Network network) {
    this.network = network;
  }

  Network network() {
    return network;
  }

  void send(PeerId peer, int channel, byte[] data) {
    try {
      network.sendDirect(peer, channel, data);
    } catch (NetworkException e) {
      LOG.fine("send to " + peer + " failed: " + e.getMessage());
    }
  }

  void publish(Topic topic, byte[] data) {
    try {
      network.publish(topic, data);
    } catch (NetworkException e) {
      LOG.fine("publish on " + topic + " failed: " + e.getMessage());
    }
  }

  static <T> Optional<T> decode(byte[] data, Codec<T> codec) {
    try {
      return Optional.of(codec.decode(data));
    } catch (CodecException e) {
      return Optional.empty();
    }
  }
}
