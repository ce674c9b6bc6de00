package dev.aether.node;

import dev.aether.types.Block;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Headers whose bodies are still arriving, by (slot, shred root), oldest first. At most {@code max}
 * in all and {@code maxPerProposer} of one proposer: a validator signing many headers evicts only
 * its own, never other proposers' expected bodies. Not thread-safe (network thread only).
 */
final class WaitingHeaders {
  private final int max;
  private final int maxPerProposer;
  private final LinkedHashMap<String, Block> waiting = new LinkedHashMap<>();

  WaitingHeaders(int max, int maxPerProposer) {
    this.max = max;
    this.maxPerProposer = maxPerProposer;
  }

  /**
   * Waits for {@code header}'s body; returns the headers no longer waited for to make room (their
   * proposer's oldest, then the oldest overall). Nothing changes if it is already waited for.
   */
  List<Block> add(Block header) {
    String key = key(header.header().slot(), header.header().shredRoot().toArray());
    List<Block> dropped = new ArrayList<>();
    if (waiting.containsKey(key)) {
      return dropped;
    }
    // A proposer is an index into its epoch's validator set: the same index in another epoch may
    // be another validator.
    int proposer = header.header().proposer();
    long epoch = header.header().epoch();
    List<String> mine = new ArrayList<>();
    for (Map.Entry<String, Block> e : waiting.entrySet()) {
      if (e.getValue().header().proposer() == proposer && e.getValue().header().epoch() == epoch) {
        mine.add(e.getKey());
      }
    }
    for (int i = 0; i + maxPerProposer <= mine.size(); i++) {
      dropped.add(waiting.remove(mine.get(i)));
    }
    waiting.put(key, header);
    while (waiting.size() > max) {
      String eldest = waiting.keySet().iterator().next();
      dropped.add(waiting.remove(eldest));
    }
    return dropped;
  }

  /** The header waiting for the body with {@code root} in {@code slot}, no longer waiting. */
  Optional<Block> take(long slot, byte[] root) {
    return Optional.ofNullable(waiting.remove(key(slot, root)));
  }

  int size() {
    return waiting.size();
  }

  private static String key(long slot, byte[] root) {
    return slot + ":" + HexFormat.of().formatHex(root);
  }
}
