package dev.aether.network;

/** Receives validated gossip messages of a subscribed topic (called on the network thread). */
@FunctionalInterface
public interface MessageHandler {
  /** A message that passed the topic's validator. */
  void onMessage(Topic topic, byte[] data, PeerId from);
}
