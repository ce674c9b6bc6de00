package dev.aether.da.bench;

import dev.aether.da.NodeId;
import dev.aether.da.Shred;
import dev.aether.da.ShreddedBlock;
import dev.aether.da.Shredder;
import dev.aether.da.StakedNode;
import dev.aether.da.TurbineTree;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated Turbine propagation (no sockets): for block sizes and 4 / 16 / 64 receivers, the
 * bytes the leader sends (every shred once, to its tree root), the most any relay sends, and the
 * baseline of the leader sending the whole block to every receiver. Deterministic; run with
 * {@code java -cp ... dev.aether.da.bench.TurbineEgressReport}.
 */
public final class TurbineEgressReport {
  private TurbineEgressReport() {}

  public static void main(final String[] args) throws Exception {
    final int fanout = 8;
    final int[] sizes = {64 << 10, 512 << 10, 2_000_000};
    final int[] receivers = {4, 16, 64};
    final Shredder shredder = Shredder.withDefaults();
    System.out.println(
        "| block bytes | receivers | leader egress | egress / block | naive N×block | naive /"
            + " turbine | max relay egress | tree depth |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (final int size : sizes) {
      final byte[] block = new byte[size];
      new SplittableRandom(size).nextBytes(block);
      final ShreddedBlock sb = shredder.shred(1, block);
      for (final int n : receivers) {
        final List<StakedNode> table = new ArrayList<>();
        final MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i <= n; i++) {
          table.add(
              new StakedNode(
                  new NodeId(md.digest(ByteBuffer.allocate(4).putInt(i).array())), 1 + i));
        }
        final NodeId leader = table.getFirst().id();
        long leaderBytes = 0;
        final Map<NodeId, Long> relayBytes = new HashMap<>();
        int depth = 0;
        for (final Shred s : sb.shreds()) {
          final int wire = s.encode().length + 5 + 4; // + direct-frame header + length prefix
          final TurbineTree t = TurbineTree.build(1, s.index(), leader, table, fanout);
          leaderBytes += wire;
          depth = Math.max(depth, t.depth());
          for (final NodeId x : t.order()) {
            relayBytes.merge(x, (long) wire * t.children(x).size(), Long::sum);
          }
        }
        final long naive = (long) n * size;
        final long maxRelay = relayBytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf(
            "| %,d | %d | %,d | %.2f× | %,d | %.1f× | %,d | %d |%n",
            size,
            n,
            leaderBytes,
            (double) leaderBytes / size,
            naive,
            (double) naive / leaderBytes,
            maxRelay,
            depth);
      }
    }
  }
}
