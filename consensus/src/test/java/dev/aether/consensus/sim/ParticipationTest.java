package dev.aether.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.Participation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipationTest {
  @Test
  void crashedValidatorMissesEveryQcOfLaterEpochsAndOthersAgree() {
    // 24-slot epochs: epoch 1 is slots 24..47
    Scenario sc =
        Scenario.builder("crash-at-start", List.of(100L, 100L, 100L, 100L))
            .tail(10)
            .crash(3, 0)
            .build();
    Simulation sim = new Simulation(sc, 1);
    sim.run();
    Participation p = sim.node(0).participation(1).orElseThrow();
    assertThat(p.certifiedRounds()).isGreaterThan(10);
    assertThat(p.signed().get(3)).isZero();
    assertThat(p.missed(3)).isEqualTo(p.certifiedRounds());
    assertThat(p.proposed().get(3)).isZero();
    // Three live validators of 100 each: every QC needs all three of them.
    for (int i = 0; i < 3; i++) {
      assertThat(p.signed().get(i)).isEqualTo(p.certifiedRounds());
    }
    long blocks = p.proposed().stream().mapToLong(Long::longValue).sum();
    assertThat(blocks).isBetween(p.certifiedRounds(), p.certifiedRounds() + 1);
    // Derived from the finalized chain only, so every live validator computes the same numbers.
    assertThat(sim.node(1).participation(1)).contains(p);
    assertThat(sim.node(2).participation(1)).contains(p);
  }
}
