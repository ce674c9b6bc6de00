package dev.aether.node;

import dev.aether.network.PeerId;
import dev.aether.types.Header;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A header of an epoch whose set this node does not know means it is epochs behind (restarted after
 * a while, or state sync was not possible). This asks peers for the header's parent — a committed
 * block comes with 63 ancestors — so consensus can walk the chain and learn each epoch's set. At
 * most once a slot, whatever the number of such headers.
 */
final class CatchUpRequests {
  private final Wire wire;
  private final BlockFetch fetch;
  private final long slotMs;

  /** Not a validator index: {@link BlockFetch} rotates over the connected peers. */
  private static final int NO_VALIDATOR = -1;

  /** When this node last asked peers for the chain behind a header it could not check. */
  private final AtomicLong askedAt = new AtomicLong(Long.MIN_VALUE / 2);

  CatchUpRequests(Wire wire, BlockFetch fetch, long slotMs) {
    this.wire = wire;
    this.fetch = fetch;
    this.slotMs = slotMs;
  }

  void behind(Header h) {
    long now = System.currentTimeMillis();
    long last = askedAt.get();
    if (now - last < slotMs || !askedAt.compareAndSet(last, now)) {
      return;
    }
    pick(wire.network().connectedPeers(), now)
        .ifPresent(p -> wire.send(p, Node.FETCH_REQUEST, h.parent().toArray()));
  }

  /** The one peer to ask, if any is connected; its answers are now welcome (no I/O). */
  Optional<PeerId> pick(Set<PeerId> connected, long nowMs) {
    return fetch.ask(NO_VALIDATOR, connected, nowMs);
  }
}
