package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConnectionPolicyTest {
  private static PeerId id(final int i) {
    // Any 32 bytes will do as an id here; no key generation needed.
    final byte[] k = new byte[32];
    java.nio.ByteBuffer.wrap(k).putInt(i);
    return new PeerId(k);
  }

  @Test
  void unstakedPeersCannotTakeReservedSlots() {
    final ConnectionPolicy p = new ConnectionPolicy(10, 4);
    final Map<PeerId, ConnectionPolicy.Inbound> cur = new TreeMap<>();
    int i = 0;
    while (p.admit(0, cur) instanceof ConnectionPolicy.Decision.Admit) {
      cur.put(id(i++), new ConnectionPolicy.Inbound(0, 0));
    }
    assertThat(cur).hasSize(6);
    // A validator still gets in, four times, without evicting anyone.
    for (int v = 0; v < 4; v++) {
      assertThat(p.admit(50, cur)).isInstanceOf(ConnectionPolicy.Decision.Admit.class);
      cur.put(id(1000 + v), new ConnectionPolicy.Inbound(50, 0));
    }
    assertThat(p.admit(0, cur)).isInstanceOf(ConnectionPolicy.Decision.Refuse.class);
  }

  @Test
  void stakedNewcomerEvictsTheWorstUnstakedPeerWhenFull() {
    final ConnectionPolicy p = new ConnectionPolicy(3, 0);
    final Map<PeerId, ConnectionPolicy.Inbound> cur = new TreeMap<>();
    cur.put(id(1), new ConnectionPolicy.Inbound(0, 5));
    cur.put(id(2), new ConnectionPolicy.Inbound(0, -20));
    cur.put(id(3), new ConnectionPolicy.Inbound(7, 0));
    assertThat(p.admit(1, cur)).isEqualTo(new ConnectionPolicy.Decision.AdmitEvicting(id(2)));
  }

  @Test
  void whenOnlyStakedPeersRemainSmallerStakeIsEvictedOrNewcomerRefused() {
    final ConnectionPolicy p = new ConnectionPolicy(2, 2);
    final Map<PeerId, ConnectionPolicy.Inbound> cur = new TreeMap<>();
    cur.put(id(1), new ConnectionPolicy.Inbound(10, 0));
    cur.put(id(2), new ConnectionPolicy.Inbound(30, 0));
    assertThat(p.admit(20, cur)).isEqualTo(new ConnectionPolicy.Decision.AdmitEvicting(id(1)));
    assertThat(p.admit(5, cur)).isInstanceOf(ConnectionPolicy.Decision.Refuse.class);
  }

  @Test
  void floodOfUnstakedDialsNeverLeavesAValidatorOut() {
    // Property over random arrival orders: validators always end up connected.
    final SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 200; round++) {
      final ConnectionPolicy p = new ConnectionPolicy(8, 3);
      final Map<PeerId, ConnectionPolicy.Inbound> cur = new TreeMap<>();
      int validators = 0;
      for (int k = 0; k < 40; k++) {
        final boolean isValidator = r.nextInt(10) == 0 && validators < 3;
        final long stake = isValidator ? 1 + r.nextInt(100) : 0;
        final PeerId who = id(round * 100 + k);
        switch (p.admit(stake, cur)) {
          case ConnectionPolicy.Decision.Admit a ->
              cur.put(who, new ConnectionPolicy.Inbound(stake, r.nextInt(10)));
          case ConnectionPolicy.Decision.AdmitEvicting e -> {
            cur.remove(e.victim());
            cur.put(who, new ConnectionPolicy.Inbound(stake, r.nextInt(10)));
          }
          case ConnectionPolicy.Decision.Refuse x -> assertThat(stake).isZero();
        }
        if (isValidator) {
          validators++;
        }
      }
      assertThat(cur.values().stream().filter(x -> x.stake() > 0).count()).isEqualTo(validators);
    }
  }
}
