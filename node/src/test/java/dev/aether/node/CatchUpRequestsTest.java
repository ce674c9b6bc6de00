package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.network.PeerId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node epochs behind asks for the chain behind a header it cannot check. The answers (a batch of
 * up to {@link Node#FETCH_BATCH} blocks) must be welcome at the receiving end: when these requests
 * went to every peer outside {@link BlockFetch}'s bookkeeping, each answer counted as unrequested,
 * and a node joining a running devnet graylisted all its peers at its first batch and never caught
 * up (DevnetStakingTest).
 */
class CatchUpRequestsTest {
  private static PeerId peer(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) (i + 1);
    return new PeerId(k);
  }

  @Test
  void theAskedPeersWholeBatchIsWelcomeAndNobodyElses() {
    BlockFetch fetch = new BlockFetch(i -> null);
    CatchUpRequests catchUp = new CatchUpRequests(null, fetch, 500);
    Set<PeerId> connected = Set.of(peer(0), peer(1), peer(2));

    PeerId asked = catchUp.pick(connected, 1_000).orElseThrow();
    for (int i = 0; i < Node.FETCH_BATCH + 1; i++) {
      assertThat(fetch.answerWelcome(asked, 1_001)).as("answer %d", i).isTrue();
    }
    for (PeerId other : connected) {
      if (!other.equals(asked)) {
        assertThat(fetch.answerWelcome(other, 1_001)).isFalse();
      }
    }
  }

  @Test
  void asksOnePeerAtATimeInTurn() {
    BlockFetch fetch = new BlockFetch(i -> null);
    CatchUpRequests catchUp = new CatchUpRequests(null, fetch, 500);
    Set<PeerId> connected = Set.of(peer(0), peer(1), peer(2));
    Set<PeerId> asked = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      asked.add(catchUp.pick(connected, i).orElseThrow());
    }
    assertThat(asked).isEqualTo(connected);
    assertThat(catchUp.pick(Set.of(), 5)).isEmpty();
  }
}
