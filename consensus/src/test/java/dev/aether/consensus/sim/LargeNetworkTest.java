package dev.aether.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 100 validators, 33 of them Byzantine, loss and a partition until GST (slow: soak only). */
@Tag("soak")
class LargeNetworkTest {
  @Test
  void hundredValidatorsWithAByzantineThirdStaySafeAndLive() {
    int n = 100;
    Behavior[] bad = {
      Behavior.EQUIVOCATING_LEADER,
      Behavior.DOUBLE_VOTER,
      Behavior.WITHHOLD_VOTES,
      Behavior.STALE_REPLAY
    };
    Map<Integer, Behavior> behaviors = new TreeMap<>();
    for (int i = 0; i < 33; i++) {
      behaviors.put(i * 3, bad[i % bad.length]);
    }
    List<Integer> partition = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      partition.add(i < 60 ? 0 : 1);
    }
    Scenario sc =
        Scenario.builder("hundred", Collections.nCopies(n, 100L))
            .rtt(120)
            .tail(50)
            .loss(50)
            .gst(5_000)
            .partition(partition)
            .behaviors(behaviors)
            .duration(55_000)
            .build();
    SimResult r = new Simulation(sc, 1).run();
    // The Byzantine validators craft their own messages (ADR 0018): 8 or 9 equivocators each
    // waste about one round before they are convicted, so the run is 50 s after GST (measured:
    // 56 final blocks; 29 in the first 30 s).
    assertThat(r.finalBlocks()).isGreaterThan(40);
  }
}
