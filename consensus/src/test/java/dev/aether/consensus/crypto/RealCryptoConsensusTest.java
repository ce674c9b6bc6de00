package dev.aether.consensus.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.sim.Behavior;
import dev.aether.consensus.sim.Scenario;
import dev.aether.consensus.sim.SimResult;
import dev.aether.consensus.sim.Simulation;
import dev.aether.types.QuorumCert;
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
        i -> keys.get(i).signer(),
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

  /**
   * Issue 16: a hot key covers 64 KES periods; a chain must outlive it. With one slot per KES
   * period, 70 s of 500 ms slots cross 140 periods: every validator rotates its operational
   * certificate (cold Ed25519 key signing a fresh Sum6KES hot key, counter + 1) twice, and the
   * chain keeps finalizing — real BLS, ECVRF, Ed25519 and KES throughout.
   */
  @Test
  void chainOutlivesSixtyFourKesPeriodsByRotatingCertificates() {
    List<RealCrypto.KeySet> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(RealCrypto.KeySet.fromSeed(i));
    }
    Simulation.Keys rotating =
        new Simulation.Keys(
            new ChainCrypto(),
            i -> keys.get(i).rotatingSigner(),
            (i, stake) -> keys.get(i).validator(i, stake));
    Scenario base = Scenario.steady(4, 100, 70_000);
    Scenario sc =
        new Scenario(
            "kes-rotation",
            base.stakes(),
            base.links(),
            base.clocks(),
            base.outages(),
            base.behaviors(),
            base.durationMs(),
            base.params().withKesSlotsPerPeriod(1));
    Simulation sim = new Simulation(sc, 5, rotating);
    SimResult r = sim.run(); // liveness is checked inside: no 30 s without a final block
    assertThat(r.rejected()).isEmpty();
    Consensus node = sim.node(0);
    dev.aether.types.Header head = node.block(node.committedId()).orElseThrow().header();
    assertThat(head.kesPeriod()).isGreaterThan(2 * 64);
    assertThat(head.opCert().counter()).isGreaterThanOrEqualTo(2);
    assertThat(r.finalBlocks()).isGreaterThan(100);
  }

  @Test
  void equivocationEvidenceVerifiesWithRealKeys() {
    Scenario base = Scenario.of("equivocate", 3);
    Scenario sc = base.toBuilder().tail(0).duration(12_000).build();
    SimResult r = new Simulation(sc, 3, realKeys(sc.n())).run();
    // The simulator rejects any evidence that fails verify() against the real keys.
    assertThat(r.evidence()).isNotEmpty();
    assertThat(r.evidence()).allMatch(e -> e instanceof Evidence.DoubleProposal);
  }

  @Test
  void theCoalitionsForgeriesFailWithRealKeysToo() {
    // The simulation double is forgeable by construction (its verifier recomputes signatures),
    // so the attacks never forge with it; here BLS, ECVRF and KES check that what they build —
    // TCs naming honest signers, lowered TC reports, forged QCs in timeouts, timeouts signed over
    // another QC round — fails for the reasons a real forgery fails.
    Scenario sc =
        Scenario.builder("forgers-real", java.util.Collections.nCopies(7, 100L))
            .behavior(5, Behavior.STALE_QC_PROPOSER)
            .behavior(6, Behavior.TIMEOUT_FORGER)
            .loss(150)
            .gst(3_000)
            .duration(12_000)
            .build();
    SimResult r = new Simulation(sc, 4, realKeys(7)).run();
    assertThat(r.rejected())
        .containsKeys(
            "CONSENSUS_BAD_CERTIFICATE", "CONSENSUS_BAD_SIGNATURE", "CONSENSUS_MALFORMED_TIMEOUT");
    assertThat(r.finalBlocks()).isGreaterThan(5);
  }

  @Test
  void checkpointOfAFinalBlockVerifiesWithRealKeysAndTamperingIsCaught() {
    Simulation sim = new Simulation(Scenario.steady(4, 100, 8_000), 2, realKeys(4));
    sim.run();
    Consensus node = sim.node(0);
    Checkpoint cp = node.checkpointOf(node.committedId()).orElseThrow();
    ChainCrypto crypto = new ChainCrypto();
    assertThat(cp.height()).isGreaterThan(5);
    assertThat(cp.verify(sim.config(), crypto)).isEmpty();
    assertThat(Checkpoint.CODEC.decode(Checkpoint.CODEC.encode(cp))).isEqualTo(cp);

    // A wrong epoch nonce: the block's own VRF proof does not verify under it.
    Checkpoint wrongEta = new Checkpoint(cp.block(), cp.qc(), cp.rho(), cp.rho(), cp.counters());
    assertThat(wrongEta.verify(sim.config(), crypto)).get().asString().contains("VRF");
    // A QC whose aggregate signature is someone else's (the parent's QC signature).
    QuorumCert parentQc = cp.block().header().parentQc();
    QuorumCert forged =
        new QuorumCert(
            cp.qc().epoch(),
            cp.qc().round(),
            cp.qc().blockId(),
            cp.qc().signers(),
            parentQc.aggregateSignature());
    Checkpoint badQc = new Checkpoint(cp.block(), forged, cp.eta(), cp.rho(), cp.counters());
    assertThat(badQc.verify(sim.config(), crypto)).get().asString().contains("QC");
    // A checkpoint whose QC names another block does not even decode.
    byte[] mismatched =
        new dev.aether.types.codec.Writer()
            .fixed(dev.aether.types.Block.CODEC.encode(cp.block()))
            .fixed(QuorumCert.CODEC.encode(parentQc))
            .fixed(cp.eta().toArray())
            .fixed(cp.rho().toArray())
            .fixed(dev.aether.consensus.CertCounters.CODEC.encode(cp.counters()))
            .toByteArray();
    assertThatThrownBy(() -> Checkpoint.CODEC.decode(mismatched))
        .isInstanceOf(dev.aether.types.codec.CodecException.class);
  }
}
