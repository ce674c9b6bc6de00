package dev.aether.network;

/** Receives point-to-point messages of one direct channel (called on the network thread). */
@FunctionalInterface
public interface DirectHandler {
  /** {@code data} sent to us by {@code from}. */
  void onDirect(PeerId from, byte[] data);
}
