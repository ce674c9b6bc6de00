package dev.aether.node;

import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.StakeWeights;
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
  /** Slots per KES period: 129 600 (18 h at 500 ms slots; a hot key lasts 64 periods, 48 days). */
  public static final long KES_SLOTS_PER_PERIOD = 129_600;

  private NodeGenesis() {}

  /** The genesis state: balances plus every native program's genesis objects. */
  public static dev.aether.ledger.GenesisAllocation allocation(GenesisConfig g) {
    return dev.aether.programs.NativePrograms.genesis(g);
  }

  /** The genesis block: it commits to {@link #allocation}'s state root. */
  public static Block block(GenesisConfig g) {
    return GenesisBlock.of(g, Genesis.stateRoot(allocation(g)));
  }

  /** Loads the genesis state and block into a fresh store (a no-op check on a used one). */
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
        KES_SLOTS_PER_PERIOD);
  }

  /** The genesis validators as a consensus set, weights by {@link StakeWeights}. */
  public static ValidatorSet validators(GenesisConfig g) {
    List<java.math.BigInteger> stakes = new ArrayList<>();
    for (GenesisConfig.Validator v : g.validators()) {
      stakes.add(v.stake().value());
    }
    long[] weights = StakeWeights.of(stakes);
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < g.validators().size(); i++) {
      GenesisConfig.Validator v = g.validators().get(i);
      vs.add(new Validator(i, weights[i], v.blsKey(), v.vrfKey(), v.coldKey()));
    }
    return new ValidatorSet(vs);
  }

  /** The genesis validators for every epoch (tests and tools without a ledger). */
  public static ConsensusConfig consensus(GenesisConfig g, Block genesis) {
    return consensus(g, genesis, ValidatorSetSource.fixed(validators(g)));
  }

  /**
   * The chain's consensus configuration. The genesis epoch nonce is derived inside {@link
   * ConsensusConfig} from the genesis block ({@code EpochNonce.genesis}), the same function the
   * simulator uses.
   */
  public static ConsensusConfig consensus(
      GenesisConfig g, Block genesis, ValidatorSetSource validators) {
    return new ConsensusConfig(params(g), genesis, validators);
  }
}
