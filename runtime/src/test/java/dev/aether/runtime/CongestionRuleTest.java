package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.AccessSet;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CongestionRuleTest {
  private final CongestionRule rule = new CongestionRule(10, 5_000);
  private final H256 hot = SchedulerTest.key(0);
  private final H256 cold = SchedulerTest.key(1);

  private List<AccessSet> block(int hotWriters, int coldWriters) {
    List<AccessSet> b = new ArrayList<>();
    for (int i = 0; i < hotWriters; i++) {
      b.add(new AccessSet(new TreeSet<>(), new TreeSet<>(List.of(hot))));
    }
    for (int i = 0; i < coldWriters; i++) {
      b.add(
          new AccessSet(
              new TreeSet<>(List.of(hot)), new TreeSet<>(List.of(cold)))); // readers do not heat
    }
    return b;
  }

  @Test
  void raisesOnlyTheObjectThatBlocksFillWith() {
    CongestionTable t = rule.next(CongestionTable.EMPTY, block(30, 10));
    // m = 1000 + 1000*(30-10)/(8*10) = 1250
    assertThat(t.of(hot)).isEqualTo(1_250);
    assertThat(t.of(cold)).isEqualTo(1_000);
    assertThat(t.permille()).containsOnlyKeys(hot);
    assertThat(t.forWrites(List.of(cold))).isEqualTo(1_000);
    assertThat(t.forWrites(List.of(cold, hot))).isEqualTo(1_250);
  }

  @Test
  void decaysBackToOneAndIsDroppedWhenLeftAlone() {
    CongestionTable t = CongestionTable.EMPTY;
    for (int i = 0; i < 20; i++) {
      t = rule.next(t, block(100, 0));
    }
    assertThat(t.of(hot)).isEqualTo(5_000); // capped
    long prev = t.of(hot);
    int blocks = 0;
    while (!t.permille().isEmpty()) {
      t = rule.next(t, block(0, 5));
      assertThat(t.of(hot)).isLessThan(prev);
      prev = t.of(hot);
      blocks++;
    }
    // 1/8 decay per idle block: 5x -> 1x within ~13 blocks
    assertThat(blocks).isBetween(10, 20);
  }

  @Test
  void atTargetItStillDecaysByAtLeastOne() {
    CongestionTable t = new CongestionTable(new java.util.TreeMap<>(java.util.Map.of(hot, 1_001L)));
    assertThat(rule.next(t, block(10, 0)).permille()).isEmpty();
  }

  @Test
  void tableRoundTripsThroughItsCodec() {
    CongestionTable t = rule.next(CongestionTable.EMPTY, block(40, 0));
    assertThat(CongestionTable.CODEC.decode(CongestionTable.CODEC.encode(t))).isEqualTo(t);
  }
}
