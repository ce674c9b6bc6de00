package dev.aether.node;

import dev.aether.consensus.ValidatorSet;
import dev.aether.network.PeerId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consensus epoch's validators as the node needs them: the consensus set (indices, weights,
 * keys) and, per index, the validator's network identity (its node key), for direct messages, stake
 * quotas and Turbine trees.
 */
record EpochView(long epoch, ValidatorSet set, List<PeerId> peers) {
  EpochView {
    peers = List.copyOf(peers);
    if (peers.size() != set.size()) {
      throw new IllegalArgumentException("one peer per validator");
    }
  }

  Optional<PeerId> peer(int index) {
    return index >= 0 && index < peers.size() ? Optional.of(peers.get(index)) : Optional.empty();
  }

  /** Consensus weight per validator's peer (a node key in two slots adds up). */
  Map<PeerId, Long> stakes() {
    Map<PeerId, Long> m = new HashMap<>();
    for (int i = 0; i < peers.size(); i++) {
      m.merge(peers.get(i), set.validators().get(i).stake(), Long::sum);
    }
    return m;
  }
}
