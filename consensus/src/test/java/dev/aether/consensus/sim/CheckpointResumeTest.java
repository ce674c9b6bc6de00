package dev.aether.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A validator that crashed and lost its data comes back rooted at a peer's {@link
 * dev.aether.consensus.Checkpoint} (state sync) instead of genesis: it must never commit a block
 * that conflicts with the others (checked by the simulator after every step), must accept the
 * blocks after the checkpoint without walking back to genesis, and must keep finalizing across
 * epoch boundaries (24-slot epochs, so its nonces come from the checkpoint's eta/rho).
 */
class CheckpointResumeTest {
  private static Scenario crashAt(long crashMs, long durationMs) {
    return Scenario.builder("resync", Collections.nCopies(4, 100L))
        .rtt(60)
        .tail(10)
        .crash(3, crashMs)
        .duration(durationMs)
        .build();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void resyncedValidatorRejoinsAndFinalizesTheSameChain(long seed) {
    Simulation sim = new Simulation(crashAt(5_000, 90_000), seed).resyncAt(3, 40_000);
    SimResult r = sim.run();

    long others = sim.node(0).committedHeight();
    long resumed = sim.node(3).committedHeight();
    assertThat(others).isGreaterThan(100);
    // Crashed at 5 s, back at 40 s rooted at a height reached by then (~70), and by the end it
    // finalizes what the others finalize (within a couple of blocks in flight).
    assertThat(resumed).isGreaterThan(others - 5);
    assertThat(sim.node(3).committedId())
        .isIn(
            List.of(
                sim.node(0).committedId(), sim.node(1).committedId(), sim.node(2).committedId()))
        .as("resumed node's head is on the common chain");
    assertThat(r.finalBlocks()).isGreaterThan(100);
  }
}
