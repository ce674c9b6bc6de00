package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.network.PeerId;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private static PeerId peer(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) i;
    return new PeerId(k);
  }

  @Test
  void eachPeerGetsItsOwnBudgetPerSecond() {
    RequestBudget b = new RequestBudget(3);
    for (int i = 0; i < 3; i++) {
      assertThat(b.tryTake(peer(1), 1_000 + i)).isTrue();
    }
    assertThat(b.tryTake(peer(1), 1_500)).isFalse();
    assertThat(b.tryTake(peer(2), 1_500)).isTrue(); // another peer is unaffected
    assertThat(b.tryTake(peer(1), 2_000)).isTrue(); // the next second refills
  }
}
