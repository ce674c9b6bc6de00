package dev.aether.node;

import dev.aether.consensus.ValidatorSetSource;
import dev.aether.genesis.GenesisConfig;
import dev.aether.network.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the node learns each consensus epoch's validators. Answers only from final state and may
 * answer empty (not recorded yet): callers wait, never guess. Implementations must be thread-safe
 * (consensus, network and RPC threads ask).
 */
interface EpochSets {
  Optional<EpochView> view(long epoch);

  /** The consensus seam over the same answers. */
  default ValidatorSetSource source() {
    return epoch -> view(epoch).map(EpochView::set);
  }

  /** The genesis validators for every epoch (a chain whose ledger records no sets). */
  static EpochSets genesis(GenesisConfig g) {
    List<PeerId> peers = new ArrayList<>();
    for (GenesisConfig.Validator v : g.validators()) {
      peers.add(new PeerId(v.nodeKey().toArray()));
    }
    var set = NodeGenesis.validators(g);
    return epoch -> Optional.of(new EpochView(epoch, set, peers));
  }
}
