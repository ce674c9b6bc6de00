package dev.aether.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.Mutant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Proof that the checkers can fire: each test breaks one rule on purpose (a test-only {@link
 * Mutant} on every honest validator, or a driver that syncs the safety state after sending) and
 * demands that the simulator catch it within a fixed set of seeds, with a safety failure — and that
 * the same seeds pass with the rules intact, so it is the broken rule that was caught.
 */
class MutationTest {
  /** Runs {@code seeds} seeds; returns the failure message per caught seed. */
  private static Map<Long, String> sweep(
      LongFunction<Scenario> scenario, int seeds, Mutant mutant, boolean lateSync) {
    Map<Long, String> caught = new TreeMap<>();
    for (long seed = 1; seed <= seeds; seed++) {
      Scenario sc = scenario.apply(seed);
      Map<Integer, Mutant> m = new TreeMap<>();
      for (int i = 0; i < sc.n() && mutant != null; i++) {
        if (!sc.behavior(i).byzantine()) {
          m.put(i, mutant);
        }
      }
      try {
        new Simulation(sc, seed, new Simulation.Options(m, lateSync)).run();
      } catch (Simulation.SimFailure f) {
        caught.put(seed, f.getMessage());
      }
    }
    return caught;
  }

  /** The caught seeds replayed with the real rules and a correct driver: all must pass. */
  private static void intactRulesPass(LongFunction<Scenario> scenario, Map<Long, String> caught) {
    for (long seed : caught.keySet()) {
      new Simulation(scenario.apply(seed), seed).run();
    }
  }

  private static final List<String> FORKS =
      List.of("conflicting final blocks", "a final block was reverted");

  private static LongFunction<Scenario> named(String name) {
    return seed -> Scenario.of(name, seed);
  }

  private static void assertForks(Map<Long, String> caught) {
    assertThat(caught.values())
        .allSatisfy(m -> assertThat(FORKS.stream().anyMatch(m::contains)).as(m).isTrue());
  }

  @Test
  void votingTwiceInARoundIsCaught() {
    Map<Long, String> caught = sweep(named("happy"), 5, Mutant.VOTE_TWICE, false);
    // Several lottery winners per slot are common: the broken rule votes for each of them, and
    // the checker sees a second vote for the same round on the wire at once.
    assertThat(caught).hasSize(5);
    assertThat(caught.values()).allSatisfy(m -> assertThat(m).contains("sent a second vote"));
    intactRulesPass(named("happy"), caught);
  }

  @Test
  void ignoringTheLockIsCaught() {
    Map<Long, String> caught = sweep(named("lock-storm"), 20, Mutant.IGNORE_LOCK, false);
    // Measured: 12 of the first 30 seeds end in conflicting finality.
    assertThat(caught).hasSizeGreaterThanOrEqualTo(3);
    assertForks(caught);
    intactRulesPass(named("lock-storm"), caught);
  }

  @Test
  void committingOnOneQcIsCaught() {
    Map<Long, String> caught = sweep(named("hidden-qc"), 10, Mutant.COMMIT_ON_ONE_QC, false);
    // Measured: 37 of the first 40 seeds.
    assertThat(caught).hasSizeGreaterThanOrEqualTo(8);
    assertForks(caught);
    intactRulesPass(named("hidden-qc"), caught);
  }

  @Test
  void committingWithoutConsecutiveRoundsIsCaught() {
    // The subtle one (it needs three hidden rounds in a row with the right proposers): measured
    // 3 of the first 150 seeds, seeds 61, 78 and 79 (with consensus epochs, whose boundary rounds
    // change every schedule; before them, seeds 1 and 11).
    Map<Long, String> caught = sweep(named("hidden-qc"), 80, Mutant.COMMIT_NON_CONSECUTIVE, false);
    assertThat(caught).isNotEmpty();
    assertForks(caught);
    intactRulesPass(named("hidden-qc"), caught);
  }

  @Test
  void sendingBeforeTheSafetyStateIsSyncedIsCaught() {
    Map<Long, String> caught = sweep(named("restart-storm"), 10, null, true);
    // Measured: 18 of the first 20 seeds. A restart resumes from the state synced before the
    // last vote or proposal left, and then signs a second one for the same round.
    assertThat(caught).hasSizeGreaterThanOrEqualTo(6);
    assertThat(caught.values())
        .allSatisfy(
            m ->
                assertThat(
                        m.contains("second vote")
                            || m.contains("second proposal")
                            || m.contains("after timing out"))
                    .as(m)
                    .isTrue());
    intactRulesPass(named("restart-storm"), caught);
  }
}
