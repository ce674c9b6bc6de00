package dev.aether.node;

import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.ValidatorSetSource;
import dev.aether.genesis.GenesisBlock;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.Genesis;
import dev.aether.types.Block;
import java.util.ArrayList;
import java.util.List;

/** What a node derives from the genesis file: the genesis block and consensus parameters. */
public final class NodeGenesis {
  private NodeGenesis() {}

  /** The genesis state: balances plus the native programs' genesis (staking registrations). */
  public static dev.aether.ledger.GenesisAllocation allocation(GenesisConfig g) {
    return dev.aether.programs.NativePrograms.genesis(g);
  }

  public static Block block(GenesisConfig g) {
    return GenesisBlock.of(g, Genesis.stateRoot(allocation(g)));
  }

  /** Loads the genesis state into {@code store} (or checks the chain there is this one's). */
  public static dev.aether.ledger.Head load(dev.aether.ledger.StateStore store, GenesisConfig g) {
    return Genesis.load(store, g, allocation(g));
  }

  /**
   * Consensus parameters: slot length, epoch length and tau from genesis; the vote window closes
   * 0.3 slot after the slot starts, round timeouts of 3 slots doubling up to 8, KES periods of 129
   * 600 slots (18 h at 500 ms) — consensus' defaults, scaled to the genesis slot length.
   */
  public static ConsensusParams params(GenesisConfig g) {
    long slot = g.chain().slotMs();
    return new ConsensusParams(
        slot,
        g.chain().epochSlots(),
        g.consensus().tau().numerator(),
        g.consensus().tau().denominator(),
        Math.max(10, 3 * slot / 10),
        3 * slot,
        8 * slot,
        129_600);
  }

  public static ValidatorSet validators(GenesisConfig g) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < g.validators().size(); i++) {
      GenesisConfig.Validator v = g.validators().get(i);
      vs.add(new Validator(i, v.stake().longValueExact(), v.blsKey(), v.vrfKey(), v.kesKey()));
    }
    return new ValidatorSet(vs);
  }

  /**
   * The chain's consensus configuration. The genesis epoch nonce is derived inside {@link
   * ConsensusConfig} from the genesis block ({@code EpochNonce.genesis}), the same function the
   * simulator uses.
   */
  public static ConsensusConfig consensus(GenesisConfig g, Block genesis) {
    return new ConsensusConfig(params(g), genesis, ValidatorSetSource.fixed(validators(g)));
  }
}
