package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.sim.Scenario;
import dev.aether.consensus.sim.Simulation;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** eta_0 has one definition, shared by every node and the simulator. */
class ConsensusConfigTest {
  private static Block genesis(H256 txRoot) {
    Header h =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            txRoot,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            new QuorumCert(0, 0, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    return new Block(h, List.of(), Bytes.EMPTY);
  }

  @Test
  void genesisNonceIsDerivedFromTheGenesisBlockAndBindsAllOfIt() {
    Block a = genesis(H256.ZERO);
    Block b = genesis(Hashing.tagged("another config", new byte[0]));
    ValidatorSetSource vs =
        ValidatorSetSource.fixed(
            new ValidatorSet(List.of(new Validator(0, 1, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY))));
    ConsensusConfig ca = new ConsensusConfig(ConsensusParams.defaults(), a, vs);
    assertThat(ca.genesisNonce()).isEqualTo(Hashing.tagged("aether/eta0/v1", a.id().toArray()));
    assertThat(ca.root().eta()).isEqualTo(ca.genesisNonce());
    assertThat(ca.root().rho()).isEqualTo(EpochNonce.start(ca.genesisNonce(), 0));
    assertThat(new ConsensusConfig(ConsensusParams.defaults(), b, vs).genesisNonce())
        .isNotEqualTo(ca.genesisNonce());
  }

  @Test
  void theSimulatorUsesTheSameFunction() {
    Simulation sim = new Simulation(Scenario.of("happy", 1), 1);
    assertThat(sim.config().genesisNonce()).isEqualTo(EpochNonce.genesis(sim.config().genesis()));
  }
}
