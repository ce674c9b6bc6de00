package dev.aether.programs.staking;

import static dev.aether.programs.staking.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.RocksStateStore;
import dev.aether.programs.staking.StakingChain.Keys;
import dev.aether.programs.staking.StakingChain.User;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staking program on the real store: blocks across several epoch boundaries committed to
 * RocksDB reach the same state roots as in memory, and a ledger reopened on the same directory
 * continues from the committed staking state (cursor, sets, delegations).
 */
class StakingOnRocksTest {
  @TempDir Path dir;

  @Test
  void epochBoundariesOnRocksDbMatchMemoryAndSurviveAReopen() {
    User alice = User.of("alice");
    List<Keys> ks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ks.add(Keys.of("v" + i));
    }
    List<Address> funded = new ArrayList<>(List.of(alice.address()));
    ks.forEach(k -> funded.add(k.operator()));
    var config = StakingChain.config(ks, funded, StakingChain.stakingParams());
    StakingChain mem = new StakingChain(config, ks, new MemoryStateStore());
    List<H256> roots = new ArrayList<>();
    List<List<Tx>> blocks = new ArrayList<>();
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("state"))) {
      StakingChain rocks = new StakingChain(config, ks, store);
      Address v0 = ks.get(0).operator();
      for (int b = 0; b < 35; b++) {
        List<Tx> txs =
            switch (b) {
              case 2 ->
                  List.of(rocks.tx(alice.key(), StakingCalls.delegate(v0, BigInteger.TEN.pow(8))));
              case 15 ->
                  List.of(
                      rocks.tx(alice.key(), StakingCalls.undelegate(v0, BigInteger.TEN.pow(7))));
              case 25 -> List.of(rocks.tx(alice.key(), StakingCalls.claim(v0)));
              default -> List.of();
            };
        rocks.block(txs).forEach(Fixtures::ok);
        mem.block(txs).forEach(Fixtures::ok);
        blocks.add(txs);
        roots.add(rocks.ledger.head().stateRoot());
        assertThat(mem.ledger.head().stateRoot()).isEqualTo(rocks.ledger.head().stateRoot());
      }
      assertThat(rocks.epoch()).isEqualTo(3);
      assertThat(rocks.set(4)).isPresent(); // recorded at the boundary into epoch 3
      assertThat(rocks.set(5)).isEmpty();
    }
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("state"))) {
      StakingChain reopened = new StakingChain(config, ks, store);
      assertThat(reopened.ledger.head().stateRoot()).isEqualTo(roots.getLast());
      reopened.slot = mem.slot;
      var view = reopened.view();
      assertThat(view.stake(alice.address(), 3).unbonding()).hasSize(1);
      assertThat(view.stake(alice.address(), 3).delegations().getFirst().tokens())
          .isEqualTo(BigInteger.TEN.pow(8).subtract(BigInteger.TEN.pow(7)));
      // the next boundary on the reopened store agrees with the in-memory chain
      reopened.toEpoch(4);
      mem.toEpoch(4);
      assertThat(reopened.ledger.head().stateRoot()).isEqualTo(mem.ledger.head().stateRoot());
      ok(reopened.one(reopened.tx(alice.key(), StakingCalls.claim(ks.get(0).operator()))));
    }
  }
}
