package dev.aether.network;

import java.util.function.Consumer;

/**
 * A topic validator that answers later, from any thread, so that expensive checks (signature
 * verification, state reads) run off the network's logic thread. Until the verdict arrives the
 * message is neither delivered nor forwarded; the verdict then has the same effect an immediate one
 * would have had (see {@link Network#subscribeAsync}).
 */
@FunctionalInterface
public interface AsyncMessageValidator {
  /**
   * Judges {@code data} received from {@code from}, calling {@code verdict} exactly once — now or
   * later, from any thread — with {@link Validation#ACCEPT}, {@link Validation#REJECT} or {@link
   * Validation#IGNORE}. {@code data} must not be modified.
   */
  void validate(PeerId from, byte[] data, Consumer<Validation> verdict);
}
