package dev.aether.consensus;

import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks this node misses and has asked peers for. A request still open after {@code retryMs} is
 * sent again to the next validator in index order (the request or the answer may have been lost, or
 * the peer may be down). Insertion-ordered, so retries come out in a deterministic order.
 */
final class Fetcher {
  private static final int MAX_OPEN = 1024;

  /** An open request: the peer asked last and when. */
  private static final class Open {
    int peer;
    long askedAt;

    Open(int peer, long askedAt) {
      this.peer = peer;
      this.askedAt = askedAt;
    }
  }

  private final Map<H256, Open> open = new LinkedHashMap<>();

  /** The request to send, unless one for {@code id} is already open. */
  Optional<Action.FetchBlock> request(H256 id, int from, long now) {
    if (open.containsKey(id)) {
      return Optional.empty();
    }
    if (open.size() >= MAX_OPEN) {
      open.remove(open.keySet().iterator().next());
    }
    open.put(id, new Open(from, now));
    return Optional.of(new Action.FetchBlock(id, from));
  }

  void arrived(H256 id) {
    open.remove(id);
  }

  /**
   * Requests open for at least {@code retryMs}, re-addressed to the next peer (never {@code me}).
   */
  List<Action.FetchBlock> retry(long now, long retryMs, int validators, int me) {
    List<Action.FetchBlock> out = new ArrayList<>();
    for (Map.Entry<H256, Open> e : open.entrySet()) {
      Open o = e.getValue();
      if (now - o.askedAt >= retryMs) {
        o.peer = (o.peer + 1) % validators;
        if (o.peer == me && validators > 1) {
          o.peer = (o.peer + 1) % validators;
        }
        o.askedAt = now;
        out.add(new Action.FetchBlock(e.getKey(), o.peer));
      }
    }
    return out;
  }
}
