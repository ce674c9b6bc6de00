package dev.aether.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.Evidence;
import dev.aether.consensus.Mutant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default simulation suite: 40 seeds for each of the 25 scenarios (1 000 runs, two at a time).
 * Each run checks safety after every step and liveness after GST, and fails with its seed and
 * replay command.
 */
class SimulationTest {
  static final int SEEDS_PER_SCENARIO = 40;

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (String name : Scenario.NAMES) {
      for (long seed = 1; seed <= SEEDS_PER_SCENARIO; seed++) {
        out.add(Arguments.of(name, seed));
      }
    }
    return out.stream();
  }

  /** Scenarios that promise safety only: the adversary owns the network for the whole run. */
  static final List<String> SAFETY_ONLY = List.of("lock-storm", "restart-storm");

  @Execution(ExecutionMode.CONCURRENT)
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("runs")
  void staysSafeAndLive(String scenario, long seed) {
    SimResult r = new Simulation(Scenario.of(scenario, seed), seed).run();
    // Liveness is checked inside run(); also demand real progress, not an idle chain.
    if (!SAFETY_ONLY.contains(scenario)) {
      assertThat(r.finalBlocks()).as("final blocks").isGreaterThan(10);
    }
  }

  /** Runs that once failed in a long sweep, kept in the default suite once fixed. */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({
    "skewed-stake, 60333", // evidence gossiped once and lost: validators disagreed on convictions
    "restart, 57659", // committed blocks served after a restart (the simulator's block server)
    "fork-vote, 76040" // the only QC proving an epoch's end formed at some validators only
  })
  void regressionSeeds(String scenario, long seed) {
    assertThat(new Simulation(Scenario.of(scenario, seed), seed).run().finalBlocks())
        .isGreaterThan(10);
  }

  /**
   * Both seeds drew a long run of rounds that Byzantine lottery winners broke by sending their
   * best-ranked proposal to part of the honest validators (about 30 s with no final block, rounds
   * 7–28 of seed 6918). Liveness is owed only in rounds the adversary does not lead ({@link
   * SplitRounds}); those runs must still finish and the chain move on after them.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"split, 6918", "byzantine-mix, 13273"})
  void roundsBrokenByByzantineLeadersAreNotCountedAgainstLiveness(String scenario, long seed) {
    assertThat(new Simulation(Scenario.of(scenario, seed), seed).run().finalBlocks())
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void theLivenessCheckStillFiresInRoundsAByzantineLeaderBroke() {
    // The excuse for broken rounds is capped at one round's worth of timeouts: validators that
    // cannot leave such a round (a test-only broken rule) are still a liveness failure.
    Scenario sc = Scenario.of("split", 6918);
    Map<Integer, Mutant> broken = new TreeMap<>();
    for (int i = 0; i < sc.n(); i++) {
      broken.put(i, Mutant.NEVER_TIMES_OUT);
    }
    assertThatThrownBy(() -> new Simulation(sc, 6918, new Simulation.Options(broken, false)).run())
        .isInstanceOf(Simulation.SimFailure.class)
        .hasMessageContaining("liveness");
  }

  @Test
  void sameSeedReplaysIdentically() {
    SimResult a = new Simulation(Scenario.of("chaos", 7), 7).run();
    SimResult b = new Simulation(Scenario.of("chaos", 7), 7).run();
    assertThat(a).isEqualTo(b);
    SimResult c = new Simulation(Scenario.of("chaos", 8), 8).run();
    assertThat(c.latenciesMs()).isNotEqualTo(a.latenciesMs());
  }

  /** Rejection codes, undecodable messages and restarts summed over seeds 1..5 of a scenario. */
  private static Map<String, Long> effects(String scenario) {
    Map<String, Long> out = new TreeMap<>();
    for (long seed = 1; seed <= 5; seed++) {
      SimResult r = new Simulation(Scenario.of(scenario, seed), seed).run();
      r.rejected().forEach((k, v) -> out.merge(k, v, Long::sum));
      out.merge("undecodable", r.undecodable(), Long::sum);
      out.merge("restarts", r.restarts(), Long::sum);
      out.merge("evidence", (long) r.evidence().size(), Long::sum);
    }
    return out;
  }

  @Test
  void everyAdversaryReachesTheStateMachineAndIsTurnedAway() {
    // An attack that never gets past the network proves nothing: each must show up in what the
    // honest validators rejected (by stable error code), decoded, or convicted.
    assertThat(effects("stale-qc"))
        .containsKeys(
            "CONSENSUS_BAD_CERTIFICATE",
            "CONSENSUS_MALFORMED_PROPOSAL",
            "CONSENSUS_MALFORMED_TIMEOUT");
    assertThat(effects("forged-timeout"))
        .containsKeys(
            "CONSENSUS_BAD_CERTIFICATE", "CONSENSUS_BAD_SIGNATURE", "CONSENSUS_MALFORMED_TIMEOUT");
    Map<String, Long> garbage = effects("garbage");
    assertThat(garbage.get("undecodable")).isPositive();
    assertThat(garbage)
        .containsKeys(
            "CONSENSUS_UNKNOWN_VALIDATOR",
            "CONSENSUS_BAD_SIGNATURE",
            "CONSENSUS_MALFORMED_PROPOSAL",
            "CONSENSUS_MALFORMED_TIMEOUT");
    assertThat(effects("cross-round")).containsKey("CONSENSUS_MALFORMED_PROPOSAL");
    assertThat(effects("equivocate").get("evidence")).isPositive();
    assertThat(effects("restart").get("restarts")).isPositive();
    assertThat(effects("restart-all").get("restarts")).isPositive();
  }

  @Test
  void equivocatingLeadersAreCaughtWithVerifiableEvidence() {
    long proposals = 0;
    for (long seed = 1; seed <= 5; seed++) {
      SimResult r = new Simulation(Scenario.of("equivocate", seed), seed).run();
      proposals += r.evidence().stream().filter(e -> e instanceof Evidence.DoubleProposal).count();
    }
    // The simulator itself rejects evidence that fails verify() or names an honest validator.
    assertThat(proposals).isPositive();
  }

  @Test
  void doubleVotersAreCaught() {
    long votes = 0;
    for (long seed = 1; seed <= 5; seed++) {
      SimResult r = new Simulation(Scenario.of("double-vote", seed), seed).run();
      votes += r.evidence().stream().filter(e -> e instanceof Evidence.DoubleVote).count();
    }
    assertThat(votes).isPositive();
  }

  @Test
  void steadyNetworkFinalizesWithinOneSecondAtP95() {
    SimResult r = new Simulation(Scenario.steady(16, 100, 30_000), 1).run();
    assertThat(r.latencyPercentile(95)).isBetween(500L, 1_000L);
    assertThat(r.finalBlocks()).isGreaterThan(40);
  }

  @Test
  void theLivenessCheckFiresWhenValidatorsStopTimingOut() {
    // A checker that cannot fail proves nothing. Validators that never time out (a test-only
    // broken rule) cannot leave a round that failed — here the rounds the partition broke before
    // GST — so after GST nothing is finalized and the liveness check must say so.
    Scenario sc = Scenario.of("partition", 3);
    Map<Integer, Mutant> broken = new TreeMap<>();
    for (int i = 0; i < sc.n(); i++) {
      broken.put(i, Mutant.NEVER_TIMES_OUT);
    }
    assertThatThrownBy(() -> new Simulation(sc, 3, new Simulation.Options(broken, false)).run())
        .isInstanceOf(Simulation.SimFailure.class)
        .hasMessageContaining("liveness")
        .hasMessageContaining("seed=3")
        .hasMessageContaining("replay: make sim");
    new Simulation(sc, 3).run(); // and the real rules are live there
  }

  @Tag("soak")
  @Execution(ExecutionMode.CONCURRENT)
  @ParameterizedTest(name = "soak seed {0}")
  @MethodSource("soakSeeds")
  void soak(long seed) {
    String name = Scenario.NAMES.get((int) (seed % Scenario.NAMES.size()));
    new Simulation(Scenario.of(name, seed), seed).run();
  }

  static Stream<Long> soakSeeds() {
    return Stream.iterate(1_000L, s -> s + 1).limit(5_000);
  }
}
