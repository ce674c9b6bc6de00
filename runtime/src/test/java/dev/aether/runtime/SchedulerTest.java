package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SchedulerTest {
  private final Scheduler scheduler = new Scheduler();

  private static AccessSet set(int[] reads, int[] writes) {
    List<H256> r = new ArrayList<>();
    List<H256> w = new ArrayList<>();
    for (int k : reads) {
      r.add(Workloads.key(k));
    }
    for (int k : writes) {
      w.add(Workloads.key(k));
    }
    return AccessSet.of(r, w);
  }

  @Test
  void readersOfOneKeyRunTogetherButWaitForItsWriter() {
    Plan p =
        scheduler.plan(
            List.of(
                set(new int[] {}, new int[] {1}),
                set(new int[] {1}, new int[] {2}),
                set(new int[] {1}, new int[] {3}),
                set(new int[] {}, new int[] {1})));
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
                set(new int[] {9}, new int[] {1}),
                set(new int[] {9}, new int[] {2}),
                set(new int[] {9}, new int[] {3})));
    for (int i = 0; i < 3; i++) {
      assertThat(p.predecessors(i)).isEmpty();
    }
    assertThat(p.depth()).isEqualTo(1);
  }

  @Test
  void aKeyInBothSetsCountsAsAWrite() {
    AccessSet a = set(new int[] {1, 2}, new int[] {2});
    assertThat(a.reads()).containsExactly(Workloads.key(1));
    assertThat(a.writes()).containsExactly(Workloads.key(2));
  }

  private static Gen<AccessSet> accessSets(int keys) {
    Gen<List<Integer>> ks = lists().of(integers().between(0, keys - 1)).ofSizeBetween(0, 4);
    return ks.zip(
        ks,
        (r, w) ->
            set(
                r.stream().mapToInt(Integer::intValue).toArray(),
                w.stream().mapToInt(Integer::intValue).toArray()));
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
                  assertThat(block.get(a).conflictsWith(block.get(b))).isTrue();
                }
                for (int a = 0; a < b; a++) {
                  if (block.get(a).conflictsWith(block.get(b))) {
                    assertThat(p.orders(a, b)).as("%d before %d", a, b).isTrue();
                  }
                }
              }
            });
  }
}
