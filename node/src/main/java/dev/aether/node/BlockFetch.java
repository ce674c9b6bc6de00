package dev.aether.node;

import dev.aether.network.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Who a missing block is asked from, and which answers are welcome — the bookkeeping of the block
 * fetch channels ({@link Node#FETCH_REQUEST}/{@link Node#FETCH_RESPONSE}), without I/O.
 *
 * <p><b>One peer at a time.</b> Consensus names the validator to ask and re-addresses its request
 * to the next validator when no answer came ({@code Fetcher}); here that validator's peer is asked
 * if connected, else one connected peer in turn (sorted order, rotating). Asking every peer at once
 * made each miss cost every peer a batch of up to {@link Node#FETCH_BATCH} blocks.
 *
 * <p><b>Budgets.</b> A peer may make {@link #REQUESTS_PER_SECOND} fetch requests a second (more are
 * dropped unanswered), and its answers are accepted only against requests we made of it: each
 * request grants {@code FETCH_BATCH + 1} answer messages for {@link #ANSWER_TTL_MS}. Unrequested
 * answers are dropped (and cost the sender score), so nobody can push blocks into consensus.
 * Thread-safe.
 */
final class BlockFetch {
  static final int REQUESTS_PER_SECOND = 20;
  static final long ANSWER_TTL_MS = 10_000;
  private static final int MAX_PEERS = 1_024;

  private record Credit(int messages, long until) {}

  private final IntFunction<PeerId> validatorPeer;
  private final RequestBudget requests = new RequestBudget(REQUESTS_PER_SECOND);
  private final Map<PeerId, Credit> credits = new HashMap<>();
  private int rotation;

  BlockFetch(IntFunction<PeerId> validatorPeer) {
    this.validatorPeer = validatorPeer;
  }

  /**
   * The one peer to ask for a block consensus wants from validator {@code from}, if any peer is
   * connected; counts the answers that peer may now send.
   */
  synchronized Optional<PeerId> ask(int from, Set<PeerId> connected, long nowMs) {
    PeerId preferred = validatorPeer.apply(from);
    PeerId peer;
    if (preferred != null && connected.contains(preferred)) {
      peer = preferred;
    } else if (!connected.isEmpty()) {
      List<PeerId> sorted = new ArrayList<>(connected);
      sorted.sort(Comparator.naturalOrder());
      peer = sorted.get(Math.floorMod(rotation++, sorted.size()));
    } else {
      return Optional.empty();
    }
    Credit c = credits.get(peer);
    int left = c == null || c.until() < nowMs ? 0 : c.messages();
    if (credits.size() >= MAX_PEERS && c == null) {
      credits.clear();
    }
    credits.put(peer, new Credit(left + Node.FETCH_BATCH + 1, nowMs + ANSWER_TTL_MS));
    return Optional.of(peer);
  }

  /** Whether an answer from {@code peer} was asked for (spends one answer if so). */
  synchronized boolean answerWelcome(PeerId peer, long nowMs) {
    Credit c = credits.get(peer);
    if (c == null || c.until() < nowMs || c.messages() <= 0) {
      return false;
    }
    credits.put(peer, new Credit(c.messages() - 1, c.until()));
    return true;
  }

  /** Whether a fetch request from {@code peer} is within its budget (counts it if so). */
  boolean mayServe(PeerId peer, long nowMs) {
    return requests.tryTake(peer, nowMs);
  }
}
