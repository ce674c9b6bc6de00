package dev.aether.network;

import dev.aether.da.DaError;
import dev.aether.da.DaException;
import dev.aether.da.NodeId;
import dev.aether.da.Reassembler;
import dev.aether.da.RepairRequest;
import dev.aether.da.Shred;
import dev.aether.da.ShreddedBlock;
import dev.aether.da.StakedNode;
import dev.aether.da.TurbineTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves shreds over the {@link Network} along {@link TurbineTree}s: the leader sends each shred to
 * its tree's root, every node verifies a shred against the leader-signed root before forwarding it
 * to its children, rebuilds the block from any 10 of 12 shreds per FEC set, and asks peers for what
 * is still missing ({@link RepairRequest}). Shreds failing verification are dropped, not forwarded,
 * and their sender is penalised.
 *
 * <p>All state lives on the network's logic thread; public methods hop onto it.
 */
public final class TurbineRelay {
  /** Direct channel for shreds travelling down a Turbine tree. */
  public static final int CHANNEL_SHRED = 1;

  /** Direct channel for repair requests. */
  public static final int CHANNEL_REPAIR_REQUEST = 2;

  /** Direct channel for repair answers (shreds not forwarded further). */
  public static final int CHANNEL_REPAIR_RESPONSE = 3;

  private static final int MAX_PENDING = 8_192;
  private static final int MAX_BLOCKS = 64;
  private static final int MAX_REPAIR_ANSWER = 256;
  private static final double BAD_SHRED_PENALTY = 2;

  /**
   * Repair requests answered per peer per second: an answer can be up to {@link #MAX_REPAIR_ANSWER}
   * shreds, so unmetered requests would turn us into an amplifier.
   */
  private static final double REPAIR_REQUESTS_PER_SECOND = 20;

  /** Receives each rebuilt block once. */
  @FunctionalInterface
  public interface BlockHandler {
    /** Block of {@code slot} whose shreds prove into {@code root}. */
    void onBlock(long slot, byte[] root, byte[] block);
  }

  private record Key(long slot, String root) {
    static Key of(final long slot, final byte[] root) {
      return new Key(slot, HexFormat.of().formatHex(root));
    }
  }

  private record Expected(Reassembler reassembler, PeerId leader) {}

  private final Network network;
  private final int fanout;
  private final int maxShredSize;
  private final int maxBlockBytes;
  private final BlockHandler handler;
  private final NodeId self;

  // Logic-thread state.
  private List<StakedNode> stakeTable = List.of();
  private final Map<PeerId, TurbineTree.Schedule> schedules = new LinkedHashMap<>();
  private final Map<Key, Expected> expected = new LinkedHashMap<>();
  private final Map<Key, ShreddedBlock> served = new LinkedHashMap<>();
  private final ArrayDeque<Map.Entry<PeerId, Shred>> pending = new ArrayDeque<>();
  private final Map<PeerId, TokenBucket> repairBudget = new LinkedHashMap<>();

  /** Our own repair requests per peer, kept at half what a peer serves us (see requestRepairs). */
  private final Map<PeerId, TokenBucket> repairPacing = new LinkedHashMap<>();

  private final long startNanos = System.nanoTime();

  /**
   * Attaches to {@code network} and starts asking for repairs every {@code repairMillis}.
   *
   * @param fanout Turbine fanout F
   */
  public TurbineRelay(
      final Network network,
      final int fanout,
      final int maxShredSize,
      final int maxBlockBytes,
      final long repairMillis,
      final BlockHandler handler) {
    if (fanout < 1) {
      throw new IllegalArgumentException("fanout must be at least 1");
    }
    this.network = network;
    this.fanout = fanout;
    this.maxShredSize = maxShredSize;
    this.maxBlockBytes = maxBlockBytes;
    this.handler = handler;
    this.self = nodeId(network.id());
    network.onDirect(CHANNEL_SHRED, (from, data) -> onShred(from, data, true));
    network.onDirect(CHANNEL_REPAIR_RESPONSE, (from, data) -> onShred(from, data, false));
    network.onDirect(CHANNEL_REPAIR_REQUEST, this::onRepairRequest);
    network.every(repairMillis, this::requestRepairs);
  }

  static NodeId nodeId(final PeerId p) {
    return new NodeId(p.key());
  }

  static PeerId peerId(final NodeId n) {
    return new PeerId(n.key());
  }

  /** The validator set (every node's stake) the trees are drawn from. */
  public void setStakeTable(final List<StakedNode> table) {
    final List<StakedNode> copy = List.copyOf(table);
    network.runOnLogic(
        () -> {
          stakeTable = copy;
          schedules.clear();
        });
  }

  /**
   * Expects the block of {@code slot} with shred root {@code root} from {@code leader}; the node
   * calls this once it has checked the leader's signature on the header carrying the root.
   */
  public void expect(final long slot, final byte[] root, final PeerId leader) {
    final byte[] r = root.clone();
    network.runOnLogic(
        () -> {
          final Key k = Key.of(slot, r);
          if (expected.containsKey(k) || served.containsKey(k)) {
            return;
          }
          expected.put(
              k, new Expected(new Reassembler(slot, r, maxShredSize, maxBlockBytes), leader));
          trim(expected);
          final List<Map.Entry<PeerId, Shred>> replay = new ArrayList<>(pending);
          pending.clear();
          for (final Map.Entry<PeerId, Shred> e : replay) {
            accept(e.getKey(), e.getValue(), true);
          }
        });
  }

  /** Stops waiting for the block with {@code root} in {@code slot} (its header was dropped). */
  public void forget(final long slot, final byte[] root) {
    final byte[] r = root.clone();
    network.runOnLogic(() -> expected.remove(Key.of(slot, r)));
  }

  /** Leader: sends every shred of {@code block} to its tree's root. */
  public void broadcast(final ShreddedBlock block) {
    broadcast(block, block.shreds());
  }

  /**
   * Leader: sends {@code shreds} (a subset of {@code block}'s, e.g. under injected loss) to their
   * trees' roots; the whole block is kept to answer repairs.
   */
  public void broadcast(final ShreddedBlock block, final List<Shred> shreds) {
    network.runOnLogic(
        () -> {
          served.put(Key.of(block.slot(), block.root()), block);
          trim(served);
          for (final Shred s : shreds) {
            tree(s, network.id())
                .flatMap(TurbineTree::root)
                .ifPresent(root -> send(peerId(root), CHANNEL_SHRED, s.encode()));
          }
        });
  }

  private Optional<TurbineTree> tree(final Shred s, final PeerId leader) {
    TurbineTree.Schedule sched = schedules.get(leader);
    if (sched == null) {
      try {
        sched = TurbineTree.schedule(nodeId(leader), stakeTable, fanout);
      } catch (DaException e) {
        return Optional.empty();
      }
      schedules.put(leader, sched);
      if (schedules.size() > MAX_BLOCKS) {
        schedules.remove(schedules.keySet().iterator().next());
      }
    }
    return Optional.of(sched.tree(s.slot(), s.index()));
  }

  private void onShred(final PeerId from, final byte[] data, final boolean viaTree) {
    final Shred s;
    try {
      s = Shred.decode(data, maxShredSize);
    } catch (DaException e) {
      network.penalize(from, BAD_SHRED_PENALTY);
      return;
    }
    accept(from, s, viaTree);
  }

  private void accept(final PeerId from, final Shred s, final boolean viaTree) {
    final Key k = Key.of(s.slot(), s.root());
    final Expected exp = expected.get(k);
    if (exp == null) {
      if (!served.containsKey(k) && pending.size() < MAX_PENDING) {
        // Shreds can outrun the header that announces their root; keep them briefly.
        pending.add(Map.entry(from, s));
      }
      return;
    }
    switch (exp.reassembler().add(s)) {
      case Reassembler.Outcome.Rejected r -> {
        if (!(r.error() instanceof DaError.InconsistentErasure)) {
          network.penalize(from, BAD_SHRED_PENALTY);
        }
      }
      case Reassembler.Outcome.Duplicate d -> {}
      case Reassembler.Outcome.Accepted a -> forward(s, exp.leader(), viaTree);
      case Reassembler.Outcome.Complete c -> {
        forward(s, exp.leader(), viaTree);
        exp.reassembler().shreddedBlock().ifPresent(b -> served.put(k, b));
        trim(served);
        expected.remove(k);
        handler.onBlock(s.slot(), s.root(), c.block());
      }
    }
  }

  private void forward(final Shred s, final PeerId leader, final boolean viaTree) {
    if (!viaTree) {
      return;
    }
    tree(s, leader)
        .ifPresent(
            t -> {
              final byte[] wire = s.encode();
              for (final NodeId child : t.children(self)) {
                send(peerId(child), CHANNEL_SHRED, wire);
              }
            });
  }

  /**
   * Asks for the shreds still missing. A node that fell behind can miss many blocks at once, so
   * requests to each peer are paced at half that peer's serving budget: an honest node never trips
   * the over-budget penalty, which is then left for floods (a lagging validator that was graylisted
   * by everyone it asked could never catch up).
   */
  private void requestRepairs() {
    final List<PeerId> peers = new ArrayList<>(network.connectedPeersOnLogic());
    if (peers.isEmpty()) {
      return;
    }
    final long now = (System.nanoTime() - startNanos) / 1_000_000;
    int i = 0;
    for (final Map.Entry<Key, Expected> e : expected.entrySet()) {
      final Optional<RepairRequest> req = e.getValue().reassembler().repairRequest();
      if (req.isEmpty()) {
        continue;
      }
      // Ask the leader (it holds every shred) and one other peer, rotating.
      final byte[] wire = req.get().encode();
      requestRepair(e.getValue().leader(), wire, now);
      requestRepair(peers.get(i++ % peers.size()), wire, now);
    }
  }

  private void requestRepair(final PeerId peer, final byte[] wire, final long now) {
    final TokenBucket pace =
        repairPacing.computeIfAbsent(
            peer, p -> new TokenBucket(REPAIR_REQUESTS_PER_SECOND / 2, now));
    if (repairPacing.size() > 4 * MAX_BLOCKS) {
      repairPacing.remove(repairPacing.keySet().iterator().next());
    }
    if (pace.tryTake(1, now)) {
      send(peer, CHANNEL_REPAIR_REQUEST, wire);
    }
  }

  private void onRepairRequest(final PeerId from, final byte[] data) {
    final long now = (System.nanoTime() - startNanos) / 1_000_000;
    final TokenBucket budget =
        repairBudget.computeIfAbsent(from, p -> new TokenBucket(REPAIR_REQUESTS_PER_SECOND, now));
    if (repairBudget.size() > 4 * MAX_BLOCKS) {
      repairBudget.remove(repairBudget.keySet().iterator().next());
    }
    if (!budget.tryTake(1, now)) {
      network.penalize(from, 0.1);
      return;
    }
    final RepairRequest req;
    try {
      req = RepairRequest.decode(data);
    } catch (DaException e) {
      network.penalize(from, BAD_SHRED_PENALTY);
      return;
    }
    final ShreddedBlock b = served.get(Key.of(req.slot(), req.root()));
    if (b == null) {
      return;
    }
    for (final Shred s : b.serve(req, MAX_REPAIR_ANSWER)) {
      send(from, CHANNEL_REPAIR_RESPONSE, s.encode());
    }
  }

  private void send(final PeerId to, final int channel, final byte[] data) {
    try {
      network.sendDirect(to, channel, data);
    } catch (NetworkException e) {
      // Closed or oversize: nothing to send; repair covers the loss.
    }
  }

  private static <V> void trim(final Map<Key, V> m) {
    while (m.size() > MAX_BLOCKS) {
      m.remove(m.keySet().iterator().next());
    }
  }
}
