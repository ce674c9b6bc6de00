package dev.aether.da;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TurbineTreeTest {
  private static NodeId id(final int i) {
    try {
      // Hashed so that id order and stake order are unrelated.
      return new NodeId(
          MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(4).putInt(i).array()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<StakedNode> table(final long seed, final int n) {
    final SplittableRandom r = new SplittableRandom(seed);
    final List<StakedNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new StakedNode(id(i), r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(1_000_000)));
    }
    return out;
  }

  @Test
  void everyNodeReceivesEveryShredExactlyOnce() {
    qt().withExamples(200)
        .forAll(longs().all(), integers().between(1, 300), integers().between(1, 12))
        .checkAssert(
            (seed, n, fanout) -> {
              try {
                final List<StakedNode> nodes = table(seed, n);
                final NodeId leader = nodes.get((int) Math.floorMod(seed, (long) n)).id();
                final TurbineTree t =
                    TurbineTree.build(seed >>> 3, (int) (seed & 0xFFFF), leader, nodes, fanout);
                // Walk the tree from the leader, as the shred would travel.
                final Map<NodeId, Integer> received = new HashMap<>();
                final ArrayDeque<NodeId> queue = new ArrayDeque<>();
                t.root().ifPresent(queue::add);
                while (!queue.isEmpty()) {
                  final NodeId x = queue.poll();
                  received.merge(x, 1, Integer::sum);
                  assertThat(t.children(x)).hasSizeLessThanOrEqualTo(fanout);
                  queue.addAll(t.children(x));
                }
                assertThat(received).doesNotContainKey(leader);
                assertThat(received).hasSize(n - 1);
                assertThat(received.values()).allMatch(c -> c == 1);
                for (final NodeId x : t.order()) {
                  for (final NodeId c : t.children(x)) {
                    assertThat(t.parent(c)).contains(x);
                  }
                }
              } catch (DaException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void treeIsIndependentOfTableOrderAndDiffersPerShred() throws DaException {
    final List<StakedNode> nodes = table(4, 50);
    final List<StakedNode> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new java.util.Random(9));
    final NodeId leader = nodes.get(0).id();
    final TurbineTree a = TurbineTree.build(100, 7, leader, nodes, 4);
    final TurbineTree b = TurbineTree.build(100, 7, leader, shuffled, 4);
    assertThat(a.order()).isEqualTo(b.order());
    assertThat(a.childrenByNode()).isEqualTo(b.childrenByNode());
    assertThat(TurbineTree.build(100, 8, leader, nodes, 4).order()).isNotEqualTo(a.order());
    assertThat(TurbineTree.build(101, 7, leader, nodes, 4).order()).isNotEqualTo(a.order());
  }

  @Test
  void heavierStakeIsNearerTheRoot() throws DaException {
    // Stakes 1..20; node 19 has 20/210 of the stake and should be root ~9.5% of shreds, node 0
    // 1/210 ~0.5%. 2,000 trees make the gap far beyond sampling noise.
    final List<StakedNode> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(new StakedNode(id(i), i + 1));
    }
    final NodeId leader = id(999);
    final Map<NodeId, Integer> roots = new HashMap<>();
    for (int s = 0; s < 2000; s++) {
      roots.merge(TurbineTree.build(1, s, leader, nodes, 3).root().orElseThrow(), 1, Integer::sum);
    }
    final int heavy = roots.getOrDefault(id(19), 0);
    final int light = roots.getOrDefault(id(0), 0);
    assertThat(heavy).isBetween(130, 260);
    assertThat(light).isLessThan(40);
  }

  @Test
  void unstakedNodesComeAfterAllStakedOnes() throws DaException {
    final List<StakedNode> nodes = table(17, 80);
    final TurbineTree t = TurbineTree.build(5, 5, id(10_000), nodes, 2);
    final Set<NodeId> unstaked = new HashSet<>();
    nodes.stream().filter(n -> n.stake() == 0).forEach(n -> unstaked.add(n.id()));
    final int firstUnstaked = t.order().size() - unstaked.size();
    assertThat(t.order().subList(firstUnstaked, t.order().size())).containsAll(unstaked);
  }

  @Test
  void rngIsSha256CounterMode() throws Exception {
    final byte[] seed = TurbineTree.seed(3, 4);
    final DeterministicRng rng = new DeterministicRng(seed);
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(seed);
    md.update(new byte[8]);
    final ByteBuffer block0 = ByteBuffer.wrap(md.digest());
    for (int i = 0; i < 4; i++) {
      assertThat(rng.nextLong()).isEqualTo(block0.getLong());
    }
    md.update(seed);
    md.update(ByteBuffer.allocate(8).putLong(1).array());
    assertThat(rng.nextLong()).isEqualTo(ByteBuffer.wrap(md.digest()).getLong());
    assertThat(ByteBuffer.wrap(seed, 0, 17).array())
        .startsWith("aether/turbine/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void boundedDrawsAreInRangeAndRoughlyUniform() {
    final DeterministicRng rng = new DeterministicRng(new byte[] {1});
    final int[] hist = new int[6];
    for (int i = 0; i < 6000; i++) {
      hist[(int) rng.nextBelow(6)]++;
    }
    for (final int h : hist) {
      assertThat(h).isBetween(850, 1150);
    }
  }

  @Test
  void depthIsLogarithmicInFanout() throws DaException {
    final TurbineTree t = TurbineTree.build(1, 1, id(5000), table(2, 64), 8);
    // 64 nodes: root (1) + 8 + 55 -> 3 hops from the leader.
    assertThat(t.depth()).isEqualTo(3);
  }

  @Test
  void orderMatchesANaiveReimplementationOfTheSpec() throws DaException {
    // docs/da.md defines the shuffle; this re-derives it the slow, obvious way (linear scan of
    // cumulative stake, unstaked tail by Fisher-Yates) from the same PRNG and compares.
    for (int seed = 0; seed < 20; seed++) {
      final List<StakedNode> nodes = table(seed, 40);
      final NodeId leader = nodes.get(seed).id();
      final TurbineTree fast = TurbineTree.build(seed * 7L, seed * 3, leader, nodes, 3);
      final List<StakedNode> sorted = new ArrayList<>(nodes);
      sorted.removeIf(n -> n.id().equals(leader));
      sorted.sort((a, b) -> a.id().compareTo(b.id()));
      final List<StakedNode> staked =
          new ArrayList<>(sorted.stream().filter(n -> n.stake() > 0).toList());
      final List<NodeId> unstaked =
          new ArrayList<>(sorted.stream().filter(n -> n.stake() == 0).map(StakedNode::id).toList());
      final DeterministicRng rng = new DeterministicRng(TurbineTree.seed(seed * 7L, seed * 3));
      final List<NodeId> expected = new ArrayList<>();
      while (!staked.isEmpty()) {
        final long total = staked.stream().mapToLong(StakedNode::stake).sum();
        long r = rng.nextBelow(total);
        int k = 0;
        while (r >= staked.get(k).stake()) {
          r -= staked.get(k).stake();
          k++;
        }
        expected.add(staked.remove(k).id());
      }
      for (int i = unstaked.size() - 1; i > 0; i--) {
        Collections.swap(unstaked, i, (int) rng.nextBelow(i + 1L));
      }
      expected.addAll(unstaked);
      assertThat(fast.order()).isEqualTo(expected);
    }
  }
}
