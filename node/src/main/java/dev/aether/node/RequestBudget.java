package dev.aether.node;

import dev.aether.network.PeerId;
import java.util.Map;

/**
 * At most {@code perSecond} requests per peer per one-second window, for requests that cost the
 * server real work (state chunks). Remembers the most recent 1 024 peers. Thread-safe.
 */
final class RequestBudget {
  private static final int MAX_PEERS = 1_024;

  private record Window(long second, int used) {}

  private final int perSecond;
  private final Map<PeerId, Window> windows = BoundedMap.keepingNewest(MAX_PEERS);

  RequestBudget(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether {@code peer} may make one more request at {@code nowMs}; counts it if so. */
  synchronized boolean tryTake(PeerId peer, long nowMs) {
    long second = Math.floorDiv(nowMs, 1_000);
    Window w = windows.get(peer);
    if (w == null || w.second() != second) {
      w = new Window(second, 0);
    }
    if (w.used() >= perSecond) {
      return false;
    }
    windows.put(peer, new Window(second, w.used() + 1));
    return true;
  }
}
