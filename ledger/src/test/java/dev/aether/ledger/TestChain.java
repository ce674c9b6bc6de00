package dev.aether.ledger;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A ledger over a store with funded test wallets, and a block builder that fills in the roots. */
public final class TestChain {
  public final StateStore store;
  public final Ledger ledger;
  public final List<Wallet> wallets;
  public final GenesisAllocation genesis;

  public TestChain(StateStore store, int walletCount, long swrEach) {
    this(store, walletCount, swrEach, LedgerConfig.defaults(Txs.CHAIN));
  }

  public TestChain(StateStore store, int walletCount, long swrEach, LedgerConfig config) {
    this.store = store;
    this.wallets = wallets(walletCount);
    this.genesis = allocation(wallets, swrEach);
    Genesis.load(store, genesis);
    this.ledger = Ledger.open(store, config);
  }

  public static List<Wallet> wallets(int n) {
    List<Wallet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Wallet.fromSeed(1000 + i));
    }
    return out;
  }

  public static GenesisAllocation allocation(List<Wallet> wallets, long swrEach) {
    List<GenesisAllocation.Balance> balances = new ArrayList<>();
    for (Wallet w : wallets) {
      balances.add(new GenesisAllocation.Balance(w.address(), AssetId.SWR, Amount.of(swrEach)));
      balances.add(new GenesisAllocation.Balance(w.address(), AssetId.AIC, Amount.of(swrEach)));
    }
    return new GenesisAllocation(balances, List.of());
  }

  /** The header the proposer would build for {@code executed} on the current head. */
  public static Header header(Head head, long slot, ExecutedBlock executed) {
    return new Header(
        0,
        head.height() + 1,
        slot,
        head.height() + 1,
        head.blockId(),
        0,
        Bytes.EMPTY,
        0,
        dev.aether.types.OpCert.NONE,
        H256.ZERO,
        executed.stateRoot(),
        executed.receiptsRoot(),
        H256.ZERO,
        QuorumCert.genesis(head.blockId()),
        Optional.empty());
  }

  /** Executes {@code txs} as the next block (slot = height) and commits it. */
  public Block commit(List<Tx> txs) {
    return commit(txs, false);
  }

  public Block commit(List<Tx> txs, boolean sigsVerified) {
    Head head = ledger.head();
    BlockContext ctx = new BlockContext(head.height() + 1, head.height() + 1, sigsVerified);
    ExecutedBlock ex = ledger.execute(ctx, txs);
    Block block = new Block(header(head, ctx.slot(), ex), txs, Bytes.EMPTY);
    ledger.commit(block, ex);
    return block;
  }
}
