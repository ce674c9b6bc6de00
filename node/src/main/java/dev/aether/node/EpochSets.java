package dev.aether.node;

import dev.aether.consensus.StakeWeights;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.ValidatorSetSource;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.network.PeerId;
import dev.aether.programs.staking.EpochValidator;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.ValidatorSets;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the node learns each consensus epoch's validators: the staking program's record ({@link
 * ValidatorSets#read}) in <em>final</em> state. Answers may be empty (not recorded, or not final
 * yet): callers wait, never guess. A set once read never changes, so answers are cached.
 * Thread-safe (consensus, network and RPC threads ask).
 */
interface EpochSets {
  Optional<EpochView> view(long epoch);

  /** The consensus seam over the same answers. */
  default ValidatorSetSource source() {
    return epoch -> view(epoch).map(EpochView::set);
  }

  /**
   * Sets recorded in the state {@code state} supplies (the ledger's committed state, read anew on
   * each miss so later epochs appear as blocks become final).
   */
  static EpochSets recordedIn(Supplier<StateReader> state) {
    Map<Long, EpochView> cache = new ConcurrentHashMap<>();
    return epoch -> {
      EpochView v = cache.get(epoch);
      if (v != null) {
        return Optional.of(v);
      }
      Optional<EpochView> read = ValidatorSets.read(state.get(), epoch).map(EpochSets::view);
      read.ifPresent(
          x -> {
            cache.put(epoch, x);
            cache.keySet().removeIf(k -> k + 64 < epoch);
          });
      return read;
    };
  }

  /**
   * The sets genesis records (epochs 0 and 1), read from the genesis allocation: what a node knows
   * before it has a ledger (state sync) — the same sets, in the same order, as the ledger's.
   */
  static EpochSets genesis(GenesisConfig g) {
    GenesisAllocation alloc = NodeGenesis.allocation(g);
    StateReader state =
        key -> Optional.ofNullable(alloc.data().get(key)).map(StateObject.Data::new);
    return recordedIn(() -> state);
  }

  /**
   * The consensus form of a recorded set: members in the recorded (canonical) order, weights by
   * {@link StakeWeights}, network identities from their node keys.
   */
  static EpochView view(EpochValidatorSet recorded) {
    List<BigInteger> stakes = new ArrayList<>();
    for (EpochValidator v : recorded.validators()) {
      stakes.add(v.stake());
    }
    long[] weights = StakeWeights.of(stakes);
    List<Validator> vs = new ArrayList<>();
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      EpochValidator v = recorded.validators().get(i);
      vs.add(new Validator(i, weights[i], v.blsKey(), v.vrfKey(), v.coldKey()));
      peers.add(new PeerId(v.nodeKey().toArray()));
    }
    return new EpochView(recorded.epoch(), new ValidatorSet(vs), peers);
  }
}
