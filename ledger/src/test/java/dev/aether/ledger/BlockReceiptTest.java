package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every executed block has its own receipt — the fees shared out and its hooks' events — as the
 * last leaf of its receipts tree, stored and provable like a transaction's; and a hook that moves
 * value without saying so is caught (docs/adr/0053, 0054).
 */
class BlockReceiptTest {
  static final H256 HOOK = Hashing.tagged("aether/program/v1", "test-hook".getBytes());
  final List<Wallet> wallets = TestChain.wallets(3);
  final Address carol = Wallet.fromSeed(77).address();

  Ledger ledger(BlockHook hook) {
    MemoryStateStore s = new MemoryStateStore();
    TreeMap<H256, Bytes> data = new TreeMap<>();
    data.put(ChainParams.STATE_KEY, Bytes.of(ChainParams.CODEC.encode(ChainParamsTest.PARAMS)));
    Genesis.load(s, TestChain.allocation(wallets, 10_000_000_000L).withData(data));
    return new Ledger(
        s,
        LedgerConfig.defaults(Txs.CHAIN).withSupportedProtocol(2),
        new ChainEd25519Verifier(),
        new BankProgram(),
        new SerialExecutor(),
        FeeMarket.NONE,
        hook);
  }

  static Block commit(Ledger l, ExecutedBlock ex, List<Tx> txs) {
    Block b = new Block(TestChain.header(l.head(), ex.context().slot(), ex), txs, Bytes.EMPTY);
    l.commit(b, ex);
    return b;
  }

  @Test
  void theFeesSharedOutAreTheBlockReceiptAndItIsTheLastLeaf() {
    Ledger l = ledger(BlockHook.NONE);
    List<Tx> txs =
        List.of(
            Txs.transfer(wallets.get(0), 0, wallets.get(1).address(), 7),
            Txs.transfer(wallets.get(2), 0, wallets.get(1).address(), 9));
    ExecutedBlock ex = l.execute(new BlockContext(1, 1, false), txs);
    BigInteger fees = ex.receipts().get(0).feePaid().add(ex.receipts().get(1).feePaid()).value();
    BigInteger share = fees.multiply(BigInteger.valueOf(2_500)).divide(BigInteger.valueOf(10_000));
    assertThat(ex.blockReceipt())
        .isEqualTo(
            new BlockReceipt(
                1,
                List.of(
                    ValueEvent.credit(
                            StateKeys.FEE_POOL,
                            AssetId.SWR,
                            new Amount(fees.subtract(share)),
                            "fee_pool",
                            Bytes.EMPTY)
                        .toEvent(BlockReceipt.LEDGER),
                    ValueEvent.credit(
                            StateKeys.TREASURY,
                            AssetId.SWR,
                            new Amount(share),
                            "fee_treasury",
                            Bytes.EMPTY)
                        .toEvent(BlockReceipt.LEDGER))));
    assertThat(ex.receiptsRoot()).isEqualTo(ReceiptsTree.root(ex.receipts(), ex.blockReceipt()));
    assertThat(ex.receiptsRoot()).isNotEqualTo(ReceiptsTree.root(ex.receipts()));

    Block b = commit(l, ex, txs);
    H256 root = b.header().receiptsRoot();
    StoredBlockReceipt own = l.blockReceipt(1).orElseThrow();
    assertThat(own.receipt()).isEqualTo(ex.blockReceipt());
    assertThat(own.proof().index()).isEqualTo(2);
    assertThat(own.proof().count()).isEqualTo(3);
    assertThat(own.proof().verify(root, own.receipt())).isTrue();
    for (Tx tx : txs) {
      StoredReceipt r = l.receipt(tx.id()).orElseThrow();
      assertThat(r.proof().count()).isEqualTo(3);
      assertThat(r.proof().verify(root, r.receipt())).isTrue();
    }
    // A forged amount, another height, or a transaction's proof do not pass for the block receipt.
    BlockReceipt forged =
        new BlockReceipt(
            1,
            List.of(
                ValueEvent.credit(
                        StateKeys.FEE_POOL, AssetId.SWR, new Amount(fees), "fee_pool", Bytes.EMPTY)
                    .toEvent(BlockReceipt.LEDGER)));
    assertThat(own.proof().verify(root, forged)).isFalse();
    assertThat(own.proof().verify(root, new BlockReceipt(2, own.receipt().events()))).isFalse();
    assertThat(l.receipt(txs.get(1).id()).orElseThrow().proof().verify(root, own.receipt()))
        .isFalse();
    assertThat(l.blockReceipt(0)).isEmpty();
    assertThat(l.blockReceipt(2)).isEmpty();
  }

  @Test
  void anEmptyBlockHasAnEmptyReceiptUnderItsRoot() {
    Ledger l = ledger(BlockHook.NONE);
    ExecutedBlock ex = l.execute(new BlockContext(1, 1, false), List.of());
    assertThat(ex.blockReceipt()).isEqualTo(new BlockReceipt(1, List.of()));
    Block b = commit(l, ex, List.of());
    StoredBlockReceipt own = l.blockReceipt(1).orElseThrow();
    assertThat(own.proof().count()).isEqualTo(1);
    assertThat(own.proof().verify(b.header().receiptsRoot(), own.receipt())).isTrue();
  }

  @Test
  void aHooksEventsFollowTheFeesInTheOrderEmitted() {
    BlockHook pays =
        (ctx, state, events) -> {
          credit(state, carol, AssetId.AIC, 5);
          events.emit(
              HOOK, ValueEvent.credit(carol, AssetId.AIC, Amount.of(5), "gift", Bytes.EMPTY));
          events.emit(new Event(HOOK, Bytes.of("note".getBytes()), Bytes.EMPTY));
        };
    Ledger l = ledger(pays);
    List<Tx> txs = List.of(Txs.transfer(wallets.get(0), 0, wallets.get(1).address(), 7));
    ExecutedBlock ex = l.execute(new BlockContext(1, 1, false), txs);
    List<Event> events = ex.blockReceipt().events();
    assertThat(events).hasSize(4);
    assertThat(events.get(2).emitter()).isEqualTo(HOOK);
    assertThat(ex.blockReceipt().valueEvents()).hasSize(3); // the note moves nothing
    commit(l, ex, txs);
    assertThat(l.account(carol).balance().get(AssetId.AIC)).isEqualTo(Amount.of(5));
  }

  @Test
  void aHookThatMovesValueWithoutSayingSoFailsTheBlock() {
    BlockHook silent = (ctx, state, events) -> credit(state, carol, AssetId.SWR, 5);
    assertThatThrownBy(() -> ledger(silent).execute(new BlockContext(1, 1, false), List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with state key " + StateKeys.account(carol))
        .hasMessageContaining("changed by {SWR=5}");
  }

  @Test
  void aHookThatSaysWhatItDidNotDoFailsTheBlock() {
    BlockHook boasts =
        (ctx, state, events) ->
            events.emit(
                HOOK, ValueEvent.credit(carol, AssetId.SWR, Amount.of(5), "gift", Bytes.EMPTY));
    assertThatThrownBy(() -> ledger(boasts).execute(new BlockContext(1, 1, false), List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("events say");
  }

  @Test
  void aWrongAssetOrAmountIsCaughtToo() {
    BlockHook wrongAsset =
        (ctx, state, events) -> {
          credit(state, carol, AssetId.SWR, 5);
          events.emit(
              HOOK, ValueEvent.credit(carol, AssetId.AIC, Amount.of(5), "gift", Bytes.EMPTY));
        };
    BlockHook wrongAmount =
        (ctx, state, events) -> {
          credit(state, carol, AssetId.SWR, 5);
          events.emit(
              HOOK, ValueEvent.credit(carol, AssetId.SWR, Amount.of(4), "gift", Bytes.EMPTY));
        };
    for (BlockHook h : List.of(wrongAsset, wrongAmount)) {
      assertThatThrownBy(() -> ledger(h).execute(new BlockContext(1, 1, false), List.of()))
          .isInstanceOf(AssertionError.class);
    }
    // A debit and a credit that cancel on one account, and a burn, need no balance change.
    BlockHook cancels =
        (ctx, state, events) -> {
          events.emit(HOOK, ValueEvent.credit(carol, AssetId.SWR, Amount.of(5), "in", Bytes.EMPTY));
          events.emit(HOOK, ValueEvent.debit(carol, AssetId.SWR, Amount.of(5), "out", Bytes.EMPTY));
          events.emit(HOOK, ValueEvent.burn(AssetId.SWR, Amount.of(5), "gone", Bytes.EMPTY));
        };
    assertThat(ledger(cancels).execute(new BlockContext(1, 1, false), List.of()).blockReceipt())
        .extracting(r -> r.events().size())
        .isEqualTo(3);
  }

  @Test
  void emittingPastTheBoundIsRefused() {
    BlockEvents events = new BlockEvents();
    Event e = new Event(HOOK, Bytes.EMPTY, Bytes.EMPTY);
    for (int i = 0; i < BlockReceipt.MAX_EVENTS; i++) {
      events.emit(e);
    }
    assertThatThrownBy(() -> events.emit(e)).isInstanceOf(IllegalStateException.class);
  }

  private static void credit(BlockState state, Address to, AssetId asset, long amount) {
    StateObject.Account a =
        (StateObject.Account) state.get(StateKeys.account(to)).orElse(StateObject.Account.EMPTY);
    state.put(
        StateKeys.account(to),
        new StateObject.Account(a.balance().add(Value.of(asset, Amount.of(amount))), a.nonce()));
  }
}
