package dev.aether.network;

/**
 * Per-topic check a message must pass before it is delivered or forwarded. The node plugs in its
 * real checks here (signature, fee, slot); it runs on the network's logic thread, so it should be
 * quick.
 */
@FunctionalInterface
public interface MessageValidator {
  /** Judges {@code data} received on a topic from {@code from}. */
  Validation validate(PeerId from, byte[] data);

  /** Accepts everything (tests, topics checked downstream). */
  static MessageValidator acceptAll() {
    return (from, data) -> Validation.ACCEPT;
  }
}
