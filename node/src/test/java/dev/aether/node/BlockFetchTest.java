package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.network.PeerId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockFetchTest {
  private static PeerId peer(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) (i + 1);
    return new PeerId(k);
  }

  private final Map<Integer, PeerId> validators = Map.of(0, peer(0), 1, peer(1), 2, peer(2));
  private final BlockFetch fetch = new BlockFetch(validators::get);

  @Test
  void asksTheNamedValidatorAloneWhenItIsConnected() {
    Set<PeerId> connected = Set.of(peer(0), peer(1), peer(2), peer(7));
    assertThat(fetch.ask(1, connected, 0)).contains(peer(1));
    // Its answers are welcome; nobody else's are.
    assertThat(fetch.answerWelcome(peer(1), 1)).isTrue();
    assertThat(fetch.answerWelcome(peer(0), 1)).isFalse();
    assertThat(fetch.answerWelcome(peer(7), 1)).isFalse();
  }

  @Test
  void otherwiseAsksOneConnectedPeerInTurn() {
    Set<PeerId> connected = Set.of(peer(5), peer(6));
    Set<PeerId> asked = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      asked.add(fetch.ask(0, connected, 0).orElseThrow());
    }
    assertThat(asked).containsExactlyInAnyOrder(peer(5), peer(6));
    assertThat(fetch.ask(0, Set.of(), 0)).isEmpty();
  }

  @Test
  void oneRequestWelcomesOneBatchOfAnswersForALimitedTime() {
    fetch.ask(2, Set.of(peer(2)), 0);
    for (int i = 0; i < Node.FETCH_BATCH + 1; i++) {
      assertThat(fetch.answerWelcome(peer(2), 100)).isTrue();
    }
    assertThat(fetch.answerWelcome(peer(2), 100)).as("more than it was asked for").isFalse();

    fetch.ask(2, Set.of(peer(2)), 0);
    assertThat(fetch.answerWelcome(peer(2), BlockFetch.ANSWER_TTL_MS + 1)).as("too late").isFalse();
  }

  @Test
  void servingIsBudgetedPerPeer() {
    int served = 0;
    for (int i = 0; i < 100; i++) {
      if (fetch.mayServe(peer(3), 5_000)) {
        served++;
      }
    }
    assertThat(served).isEqualTo(BlockFetch.REQUESTS_PER_SECOND);
    assertThat(fetch.mayServe(peer(4), 5_000)).as("another peer has its own budget").isTrue();
    assertThat(fetch.mayServe(peer(3), 6_000)).as("the next second").isTrue();
  }
}
