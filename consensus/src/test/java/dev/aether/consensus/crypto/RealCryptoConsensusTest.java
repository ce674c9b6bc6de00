package dev.aether.consensus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.Evidence;
import dev.aether.consensus.sim.Scenario;
import dev.aether.consensus.sim.SimResult;
import dev.aether.consensus.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of consensus with real BLS, ECVRF and KES keys instead of the simulation double.
 */
class RealCryptoConsensusTest {
  private static Simulation.Keys realKeys(int n) {
    List<RealCrypto.KeySet> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(RealCrypto.KeySet.fromSeed(i));
    }
    return new Simulation.Keys(
        new ChainCrypto(),
        i -> keys.get(i).signer(i),
        (i, stake) -> keys.get(i).validator(i, stake));
  }

  @Test
  void fourValidatorsFinalizeBlocksWithRealSignatures() {
    Scenario sc = Scenario.steady(4, 100, 8_000);
    SimResult r = new Simulation(sc, 1, realKeys(4)).run();
    assertThat(r.finalBlocks()).isGreaterThanOrEqualTo(10);
    assertThat(r.rejected()).isEmpty();
    assertThat(r.latencyPercentile(50)).isBetween(500L, 1_000L);
  }

  @Test
  void equivocationEvidenceVerifiesWithRealKeys() {
    Scenario base = Scenario.of("equivocate", 3);
    Scenario sc =
        new Scenario(
            "equivocate-real",
            base.stakes(),
            base.rttMs(),
            0,
            0,
            0,
            base.partition(),
            base.crashes(),
            base.behaviors(),
            12_000,
            base.params());
    SimResult r = new Simulation(sc, 3, realKeys(sc.n())).run();
    // The simulator rejects any evidence that fails verify() against the real keys.
    assertThat(r.evidence()).isNotEmpty();
    assertThat(r.evidence()).allMatch(e -> e instanceof Evidence.DoubleProposal);
  }
}
