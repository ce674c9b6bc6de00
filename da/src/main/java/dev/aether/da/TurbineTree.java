package dev.aether.da;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turbine-style retransmit tree for one shred: the leader sends the shred to the tree's root only,
 * and each node forwards it to at most {@code fanout} children, so the leader's egress is about one
 * block size however many validators there are.
 *
 * <p>The order is a stake-weighted shuffle of every node except the leader (heavier stake ⇒ nearer
 * the root, so stake receives shreds first), seeded by {@code SHA-256("aether/turbine/v1" || slot
 * || shredIndex)} through {@link DeterministicRng}: every node computes the same tree without
 * talking, and each shred gets a different tree, so no single relay sits on the path of all shreds.
 * Zero-stake nodes follow all staked ones, in a uniform shuffle. The shuffled list is laid out as a
 * {@code fanout}-ary heap: position {@code i}'s children are {@code i·F+1 … i·F+F}.
 */
public final class TurbineTree {
  private static final byte[] DOMAIN = "aether/turbine/v1".getBytes(StandardCharsets.US_ASCII);

  private final List<NodeId> order;
  private final int fanout;

  private TurbineTree(final List<NodeId> order, final int fanout) {
    this.order = List.copyOf(order);
    this.fanout = fanout;
  }

  /**
   * The stake table prepared once (sorted, leader removed, prefix sums built) so that each shred's
   * tree costs only the shuffle itself. Immutable; build one per (leader, stake table).
   */
  public static final class Schedule {
    private final NodeId[] staked;
    private final long[] stakes;
    private final long[] fenwick;
    private final long total;
    private final NodeId[] unstaked;
    private final int fanout;

    private Schedule(
        final List<NodeId> staked,
        final List<Long> stakes,
        final long total,
        final List<NodeId> unstaked,
        final int fanout) {
      this.staked = staked.toArray(new NodeId[0]);
      this.stakes = stakes.stream().mapToLong(Long::longValue).toArray();
      this.total = total;
      this.unstaked = unstaked.toArray(new NodeId[0]);
      this.fanout = fanout;
      final int n = this.staked.length;
      this.fenwick = new long[n + 1];
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j <= n; j += j & -j) {
          fenwick[j] += this.stakes[i];
        }
      }
    }

    /** Nodes in the tree (everyone but the leader). */
    public int size() {
      return staked.length + unstaked.length;
    }

    /** The tree of shred {@code shredIndex} of {@code slot}. */
    public TurbineTree tree(final long slot, final int shredIndex) {
      final DeterministicRng rng = new DeterministicRng(seed(slot, shredIndex));
      final List<NodeId> order = new ArrayList<>(size());
      weightedShuffle(rng, order);
      // Fisher–Yates from the same stream for the unstaked tail.
      final List<NodeId> tail = new ArrayList<>(List.of(unstaked));
      for (int i = tail.size() - 1; i > 0; i--) {
        Collections.swap(tail, i, (int) rng.nextBelow(i + 1L));
      }
      order.addAll(tail);
      return new TurbineTree(order, fanout);
    }

    /**
     * Sampling without replacement proportional to stake, O(n log n) with a Fenwick tree: draw r in
     * [0, remaining stake), take the node whose cumulative range holds r, zero its weight.
     */
    private void weightedShuffle(final DeterministicRng rng, final List<NodeId> out) {
      final int n = staked.length;
      final long[] tree = fenwick.clone();
      final int top = Integer.highestOneBit(Math.max(n, 1));
      long remaining = total;
      for (int k = 0; k < n; k++) {
        long r = rng.nextBelow(remaining);
        int pos = 0;
        for (int step = top; step > 0; step >>= 1) {
          final int next = pos + step;
          if (next <= n && tree[next] <= r) {
            pos = next;
            r -= tree[next];
          }
        }
        // pos = how many leading entries sum to <= r: the chosen entry is pos (0-based).
        final long w = stakes[pos];
        for (int j = pos + 1; j <= n; j += j & -j) {
          tree[j] -= w;
        }
        remaining -= w;
        out.add(staked[pos]);
      }
    }
  }

  /**
   * Prepares the trees of {@code leader}'s shreds over {@code nodes}.
   *
   * @param leader the slot leader, left out of the tree (it only sends to the root)
   * @param nodes the stake table; order does not matter, ids must be distinct
   * @param fanout children per node, at least 1
   */
  public static Schedule schedule(
      final NodeId leader, final List<StakedNode> nodes, final int fanout) throws DaException {
    if (fanout < 1) {
      throw new DaException(new DaError.BadParameter("fanout must be at least 1"));
    }
    final TreeMap<NodeId, Long> table = new TreeMap<>();
    for (final StakedNode n : nodes) {
      if (table.put(n.id(), n.stake()) != null) {
        throw new DaException(new DaError.BadParameter("duplicate node " + n.id()));
      }
    }
    table.remove(leader);
    final List<NodeId> staked = new ArrayList<>();
    final List<Long> stakes = new ArrayList<>();
    final List<NodeId> unstaked = new ArrayList<>();
    long total = 0;
    for (final Map.Entry<NodeId, Long> e : table.entrySet()) {
      if (e.getValue() > 0) {
        staked.add(e.getKey());
        stakes.add(e.getValue());
        try {
          total = Math.addExact(total, e.getValue());
        } catch (ArithmeticException overflow) {
          throw new DaException(new DaError.BadParameter("total stake overflows 64 bits"));
        }
      } else {
        unstaked.add(e.getKey());
      }
    }
    return new Schedule(staked, stakes, total, unstaked, fanout);
  }

  /**
   * Builds the tree for shred {@code shredIndex} of {@code slot} in one call; relays handling many
   * shreds should keep a {@link #schedule} instead.
   */
  public static TurbineTree build(
      final long slot,
      final int shredIndex,
      final NodeId leader,
      final List<StakedNode> nodes,
      final int fanout)
      throws DaException {
    return schedule(leader, nodes, fanout).tree(slot, shredIndex);
  }

  static byte[] seed(final long slot, final int shredIndex) {
    return ByteBuffer.allocate(DOMAIN.length + 12)
        .put(DOMAIN)
        .putLong(slot)
        .putInt(shredIndex)
        .array();
  }

  private int positionOf(final NodeId node) {
    // A linear scan: a relay asks about itself once per tree, cheaper than building an index.
    return order.indexOf(node);
  }

  /** The node the leader sends this shred to; empty when the leader is alone. */
  public Optional<NodeId> root() {
    return order.isEmpty() ? Optional.empty() : Optional.of(order.getFirst());
  }

  /** The shuffled order (root first). */
  public List<NodeId> order() {
    return order;
  }

  public int fanout() {
    return fanout;
  }

  /** Whom {@code node} forwards the shred to; empty for leaves and for nodes not in the tree. */
  public List<NodeId> children(final NodeId node) {
    final int p = positionOf(node);
    if (p < 0) {
      return List.of();
    }
    final long first = (long) p * fanout + 1;
    if (first >= order.size()) {
      return List.of();
    }
    return order.subList((int) first, (int) Math.min(order.size(), first + fanout));
  }

  /**
   * Who sends {@code node} the shred: its tree parent, or empty for the root (fed by the leader).
   */
  public Optional<NodeId> parent(final NodeId node) {
    final int p = positionOf(node);
    if (p <= 0) {
      return Optional.empty();
    }
    return Optional.of(order.get((p - 1) / fanout));
  }

  /** Every node's children, keyed in node-id order. */
  public Map<NodeId, List<NodeId>> childrenByNode() {
    final TreeMap<NodeId, List<NodeId>> out = new TreeMap<>();
    for (final NodeId n : order) {
      out.put(n, children(n));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Hops from the leader to the deepest node (the leader→root hop counts as 1). */
  public int depth() {
    int depth = 0;
    long reach = 0;
    long levelWidth = 1;
    while (reach < order.size()) {
      reach += levelWidth;
      levelWidth *= fanout;
      depth++;
    }
    return depth;
  }
}
