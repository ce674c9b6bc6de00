package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.aether.ledger.AccessSet;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SchedulerTest {
  private final Scheduler scheduler = new Scheduler();

  static H256 key(int i) {
    return Hashing.tagged("test/key", ByteBuffer.allocate(4).putInt(i).array());
  }

  private static AccessSet set(List<Integer> reads, List<Integer> writes) {
    TreeSet<H256> r = new TreeSet<>();
    TreeSet<H256> w = new TreeSet<>();
    reads.forEach(k -> r.add(key(k)));
    writes.forEach(k -> w.add(key(k)));
    return new AccessSet(r, w);
  }

  @Test
  void readersOfOneKeyRunTogetherButWaitForItsWriter() {
    Plan p =
        scheduler.plan(
            List.of(
                set(List.of(), List.of(1)),
                set(List.of(1), List.of(2)),
                set(List.of(1), List.of(3)),
                set(List.of(), List.of(1))));
    assertThat(p.predecessors(0)).isEmpty();
    assertThat(p.predecessors(1)).containsExactly(0);
    assertThat(p.predecessors(2)).containsExactly(0);
    assertThat(p.predecessors(3)).containsExactly(0, 1, 2);
    assertThat(p.orders(1, 2)).isFalse();
    assertThat(p.depth()).isEqualTo(3);
  }

  @Test
  void disjointTransactionsHaveNoEdges() {
    Plan p =
        scheduler.plan(
            List.of(
                set(List.of(9), List.of(1)),
                set(List.of(9), List.of(2)),
                set(List.of(9), List.of(3))));
    for (int i = 0; i < 3; i++) {
      assertThat(p.predecessors(i)).isEmpty();
    }
    assertThat(p.depth()).isEqualTo(1);
  }

  @Test
  void aKeyBothReadAndWrittenGivesNoSelfEdge() {
    Plan p =
        scheduler.plan(List.of(set(List.of(1), List.of(1)), set(List.of(1, 2), List.of(1, 2))));
    assertThat(p.predecessors(0)).isEmpty();
    assertThat(p.predecessors(1)).containsExactly(0);
  }

  private static Gen<AccessSet> accessSets(int keys) {
    Gen<List<Integer>> ks = lists().of(integers().between(0, keys - 1)).ofSizeBetween(0, 4);
    return ks.zip(ks, SchedulerTest::set);
  }

  @Test
  void everyConflictingPairIsOrderedAndEveryEdgeIsAConflict() {
    qt().withExamples(300)
        .forAll(lists().of(accessSets(12)).ofSizeBetween(0, 40))
        .checkAssert(
            block -> {
              Plan p = scheduler.plan(block);
              for (int b = 0; b < block.size(); b++) {
                for (int a : p.predecessors(b)) {
                  assertThat(a).isLessThan(b);
                  assertThat(block.get(a).independentOf(block.get(b))).isFalse();
                }
                for (int a = 0; a < b; a++) {
                  if (!block.get(a).independentOf(block.get(b))) {
                    assertThat(p.orders(a, b)).as("%d before %d", a, b).isTrue();
                  }
                }
              }
            });
  }
}
