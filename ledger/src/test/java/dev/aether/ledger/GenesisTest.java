package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GenesisTest {
  private final List<Wallet> wallets = TestChain.wallets(4);

  private GenesisAllocation alloc() {
    List<GenesisAllocation.Balance> b = new ArrayList<>();
    for (Wallet w : wallets) {
      b.add(new GenesisAllocation.Balance(w.address(), AssetId.SWR, Amount.of(1000)));
      b.add(new GenesisAllocation.Balance(w.address(), AssetId.AIC, Amount.of(7)));
    }
    List<GenesisAllocation.Stake> s =
        List.of(
            new GenesisAllocation.Stake(wallets.get(0).address(), Amount.of(500)),
            new GenesisAllocation.Stake(wallets.get(1).address(), Amount.of(300)));
    return new GenesisAllocation(b, s);
  }

  @Test
  void loadsBalancesAndStakesWithTheRootItPredicts() {
    MemoryStateStore store = new MemoryStateStore();
    Head head = Genesis.load(store, alloc());
    assertThat(head.height()).isZero();
    assertThat(head.stateRoot()).isEqualTo(Genesis.stateRoot(alloc()));
    Ledger l = Ledger.open(store, LedgerConfig.defaults(Txs.CHAIN));
    assertThat(l.account(wallets.get(2).address()).balance().get(AssetId.AIC))
        .isEqualTo(Amount.of(7));
    assertThat(l.get(StateKeys.stake(wallets.get(1).address())))
        .contains(new StateObject.Data(Bytes.of(Amount.CODEC.encode(Amount.of(300)))));
    // Loading again is a no-op that returns the same head.
    assertThat(Genesis.load(store, alloc())).isEqualTo(head);
  }

  @Test
  void rootIndependentOfEntryOrder() {
    GenesisAllocation a = alloc();
    List<GenesisAllocation.Balance> shuffled = new ArrayList<>(a.balances());
    Collections.shuffle(shuffled, new Random(1));
    assertThat(Genesis.stateRoot(new GenesisAllocation(shuffled, a.stakes())))
        .isEqualTo(Genesis.stateRoot(a));
  }

  @Test
  void rejectsDuplicatesZerosAndAForeignChain() {
    GenesisAllocation a = alloc();
    List<GenesisAllocation.Balance> dup = new ArrayList<>(a.balances());
    dup.add(a.balances().get(0));
    assertThatThrownBy(() -> Genesis.state(new GenesisAllocation(dup, List.of())))
        .hasMessageContaining("ledger.genesis_invalid")
        .hasMessageContaining("two balances");
    var zero =
        List.of(new GenesisAllocation.Balance(wallets.get(0).address(), AssetId.SWR, Amount.ZERO));
    assertThatThrownBy(() -> Genesis.state(new GenesisAllocation(zero, List.of())))
        .hasMessageContaining("zero balance");
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(store, a);
    GenesisAllocation other = new GenesisAllocation(a.balances().subList(0, 2), List.of());
    assertThatThrownBy(() -> Genesis.load(store, other)).hasMessageContaining("another genesis");
  }

  @Test
  void loadsTheRepositoryGenesisFile() {
    java.nio.file.Path repo =
        java.nio.file.Path.of(System.getProperty("aether.root", "..")).toAbsolutePath();
    java.nio.file.Path file = repo.resolve("config/genesis.toml");
    if (!java.nio.file.Files.exists(file)) {
      file = java.nio.file.Path.of("../config/genesis.toml");
    }
    dev.aether.genesis.GenesisConfig config = dev.aether.genesis.GenesisParser.parse(file);
    MemoryStateStore store = new MemoryStateStore();
    Head head = Genesis.load(store, config);
    H256 root = Genesis.stateRoot(Genesis.allocation(config));
    assertThat(head.stateRoot()).isEqualTo(root).isNotEqualTo(H256.ZERO);
    assertThat(head.blockId()).isEqualTo(dev.aether.genesis.GenesisBlock.of(config, root).id());
    Ledger l = Ledger.open(store, LedgerConfig.fromGenesis(config));
    assertThat(l.header(0).orElseThrow().stateRoot()).isEqualTo(root);
    for (var b : config.balances()) {
      assertThat(l.account(b.address()).balance().get(b.asset())).isEqualTo(b.amount());
    }
    for (var v : config.validators()) {
      assertThat(l.get(StateKeys.stake(v.address()))).isPresent();
    }
    assertThat(l.rules().config().chainId()).isEqualTo(config.chain().chainId());
  }
}
