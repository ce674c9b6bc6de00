package dev.aether.node;

import dev.aether.network.PeerId;
import dev.aether.types.Header;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A header of an epoch whose set this node does not know means it is epochs behind (restarted after
 * a while, or state sync was not possible). This asks peers for the header's parent — a committed
 * block comes with 63 ancestors — so consensus can walk the chain and learn each epoch's set. At
 * most once a slot, whatever the number of such headers.
 */
final class CatchUpRequests {
  private final Wire wire;
  private final long slotMs;

  /** When this node last asked peers for the chain behind a header it could not check. */
  private final AtomicLong askedAt = new AtomicLong(Long.MIN_VALUE / 2);

  CatchUpRequests(Wire wire, long slotMs) {
    this.wire = wire;
    this.slotMs = slotMs;
  }

  void behind(Header h) {
    long now = System.currentTimeMillis();
    long last = askedAt.get();
    if (now - last < slotMs || !askedAt.compareAndSet(last, now)) {
      return;
    }
    for (PeerId p : wire.network().connectedPeers()) {
      wire.send(p, Node.FETCH_REQUEST, h.parent().toArray());
    }
  }
}
