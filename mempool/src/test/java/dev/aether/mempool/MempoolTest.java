package dev.aether.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Ratio;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MempoolTest {
  final FakeView view = new FakeView();
  final TestKeys alice = new TestKeys(1);
  final TestKeys bob = new TestKeys(2);
  Mempool pool;

  @BeforeEach
  void setUp() {
    pool = new Mempool(MempoolConfig.defaults(), TestKeys::verifyAll);
    view.accounts.put(alice.address(), new PoolView.Account(Amount.of(1_000_000), 5));
    view.accounts.put(bob.address(), new PoolView.Account(Amount.of(1_000_000), 0));
  }

  TxBody body(TestKeys payer, long nonce, long feeCap, List<UtxoRef> inputs, List<H256> writes) {
    return new TxBody(
        "aether-test",
        payer.address(),
        nonce,
        inputs,
        List.of(),
        writes,
        List.of(),
        List.of(),
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(feeCap),
        0,
        1_000);
  }

  Tx tx(TestKeys payer, long nonce, long feeCap) {
    return payer.signed(body(payer, nonce, feeCap, List.of(), List.of()));
  }

  Admission admit(Tx tx) {
    return pool.admit(Tx.CODEC.encode(tx), view);
  }

  Rejection rejection(Admission a) {
    assertThat(a).isInstanceOf(Admission.Rejected.class);
    return ((Admission.Rejected) a).reason();
  }

  @Test
  void admitsAValidTransactionOnce() {
    Tx t = tx(alice, 5, 10_000);
    assertThat(admit(t)).isInstanceOf(Admission.Admitted.class);
    assertThat(pool.contains(t.id())).isTrue();
    assertThat(rejection(admit(t))).isEqualTo(Rejection.ALREADY_KNOWN);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void eachInvalidTransactionGetsItsReasonAndChangesNothing() {
    assertThat(rejection(pool.admit(new byte[] {1, 2, 3}, view))).isEqualTo(Rejection.MALFORMED);
    assertThat(rejection(pool.admit(new byte[Tx.MAX_BYTES + 1], view)))
        .isEqualTo(Rejection.TOO_LARGE);
    assertThat(rejection(admit(tx(alice, 4, 10_000)))).isEqualTo(Rejection.NONCE_TOO_LOW);
    assertThat(rejection(admit(tx(alice, 5 + 65, 10_000)))).isEqualTo(Rejection.NONCE_GAP);
    assertThat(rejection(admit(tx(alice, 5, 10)))).isEqualTo(Rejection.FEE_TOO_LOW);
    assertThat(rejection(admit(tx(alice, 5, 2_000_000)))).isEqualTo(Rejection.INSUFFICIENT_BALANCE);
    TestKeys stranger = new TestKeys(99);
    assertThat(rejection(admit(tx(stranger, 0, 10_000)))).isEqualTo(Rejection.UNKNOWN_PAYER);
    TxBody otherChain =
        new TxBody(
            "other-chain",
            alice.address(),
            5,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(10_000),
            0,
            1_000);
    assertThat(rejection(admit(alice.signed(otherChain)))).isEqualTo(Rejection.WRONG_CHAIN);
    view.slot = 2_000;
    assertThat(rejection(admit(tx(alice, 5, 10_000)))).isEqualTo(Rejection.EXPIRED);
    view.slot = 100;
    // signed by bob, paid by alice
    TxBody paidByAlice = body(alice, 5, 10_000, List.of(), List.of());
    assertThat(rejection(admit(new Tx(paidByAlice, List.of(bob.sign(paidByAlice))))))
        .isEqualTo(Rejection.MISSING_SIGNATURE);
    // a signature over other bytes
    TxSignature wrong = alice.sign(body(alice, 6, 10_000, List.of(), List.of()));
    assertThat(rejection(admit(new Tx(paidByAlice, List.of(wrong)))))
        .isEqualTo(Rejection.BAD_SIGNATURE);
    UtxoRef missing = new UtxoRef(H256.ZERO, 0);
    assertThat(rejection(admit(alice.signed(body(alice, 5, 10_000, List.of(missing), List.of())))))
        .isEqualTo(Rejection.UNKNOWN_INPUT);
    assertThat(pool.size()).isZero();
    assertThat(pool.bytes()).isZero();
  }

  @Test
  void spendingSomeoneElsesOutputNeedsTheirSignature() {
    UtxoRef bobs = new UtxoRef(H256.fromHex("0x" + "11".repeat(32)), 0);
    view.utxos.put(bobs, bob.address());
    Tx t = alice.signed(body(alice, 5, 10_000, List.of(bobs), List.of()));
    assertThat(rejection(admit(t))).isEqualTo(Rejection.MISSING_SIGNATURE);
    TxBody b = body(alice, 5, 10_000, List.of(bobs), List.of());
    assertThat(admit(new Tx(b, List.of(alice.sign(b), bob.sign(b)))))
        .isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void sameNonceReplacesOnlyWithAHigherBid() {
    Tx low = tx(alice, 5, 10_000);
    assertThat(admit(low)).isInstanceOf(Admission.Admitted.class);
    assertThat(rejection(admit(tx(alice, 5, 9_999)))).isEqualTo(Rejection.CONFLICT);
    Tx high = tx(alice, 5, 20_000);
    Admission a = admit(high);
    assertThat(a).isEqualTo(new Admission.Admitted(high.id(), List.of(low.id())));
    assertThat(pool.contains(low.id())).isFalse();
  }

  @Test
  void selectsBestBidsFirstKeepingEachPayersNonceOrder() {
    Tx a5 = tx(alice, 5, 1_000);
    Tx a6 = tx(alice, 6, 90_000);
    Tx b0 = tx(bob, 0, 50_000);
    for (Tx t : List.of(a6, b0, a5)) {
      assertThat(admit(t)).isInstanceOf(Admission.Admitted.class);
    }
    // a6 bids most but needs a5 first; b0 beats a5.
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactly(b0, a5, a6);
    assertThat(pool.select(Long.MAX_VALUE, 2, view)).containsExactly(b0, a5);
  }

  @Test
  void congestionDiscountsTheBidOfTransactionsWritingAHotObject() {
    H256 hotObject = H256.fromHex("0x" + "aa".repeat(32));
    view.hot.put(hotObject, new Ratio(4, 1));
    Tx hot = alice.signed(body(alice, 5, 40_000, List.of(), List.of(hotObject)));
    Tx cold = tx(bob, 0, 20_000);
    assertThat(admit(hot)).isInstanceOf(Admission.Admitted.class);
    assertThat(admit(cold)).isInstanceOf(Admission.Admitted.class);
    // hot pays twice as much but its object is 4x congested: cold goes first
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactly(cold, hot);
  }

  @Test
  void selectSkipsATransactionWhoseFeeCapTheBlocksStateNoLongerCoversAndItsPayersLaterOnes() {
    H256 hotObject = H256.fromHex("0x" + "bb".repeat(32));
    Tx a5 = alice.signed(body(alice, 5, 2_000, List.of(), List.of(hotObject)));
    Tx a6 = tx(alice, 6, 90_000);
    Tx b0 = tx(bob, 0, 50_000);
    for (Tx t : List.of(a5, a6, b0)) {
      assertThat(admit(t)).isInstanceOf(Admission.Admitted.class);
    }
    // The state the next block executes on prices the object at 20x: a5's cap no longer covers
    // its minimum fee. It is not picked (a block holding it would be invalid), nor is a6, which
    // cannot come before it; both stay pooled for when the price falls.
    FakeView hot = new FakeView();
    hot.accounts.putAll(view.accounts);
    hot.hot.put(hotObject, new Ratio(20, 1));
    assertThat(pool.select(Long.MAX_VALUE, 10, hot)).containsExactly(b0);
    assertThat(pool.contains(a5.id())).isTrue();
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactly(b0, a5, a6);
  }

  @Test
  void evictRemovesTheTransactionAndItsPayersLaterNonces() {
    Tx a5 = tx(alice, 5, 10_000);
    Tx a6 = tx(alice, 6, 10_000);
    Tx a7 = tx(alice, 7, 10_000);
    Tx b0 = tx(bob, 0, 10_000);
    for (Tx t : List.of(a5, a6, a7, b0)) {
      admit(t);
    }
    assertThat(pool.evict(List.of(a6.id(), H256.ZERO))).containsExactlyInAnyOrder(a6.id(), a7.id());
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactlyInAnyOrder(a5, b0);
  }

  @Test
  void fullPoolEvictsTheLowestBidOrRefusesALowerOne() {
    pool = new Mempool(new MempoolConfig(2, 1 << 20, Tx.MAX_BYTES, 64, 100), TestKeys::verifyAll);
    Tx a5 = tx(alice, 5, 10_000);
    Tx b0 = tx(bob, 0, 30_000);
    admit(a5);
    admit(b0);
    assertThat(rejection(admit(tx(alice, 6, 9_000)))).isEqualTo(Rejection.POOL_FULL);
    Tx a6 = tx(alice, 6, 50_000);
    assertThat(admit(a6)).isEqualTo(new Admission.Admitted(a6.id(), List.of(a5.id())));
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void afterABlockIncludedAndInvalidatedTransactionsLeave() {
    Tx a5 = tx(alice, 5, 10_000);
    Tx a6 = tx(alice, 6, 10_000);
    Tx b0 = tx(bob, 0, 10_000);
    admit(a5);
    admit(a6);
    admit(b0);
    // The block included a5 and a transaction we never saw that used bob's nonce 0.
    Tx otherB0 = tx(bob, 0, 20_000);
    view.accounts.put(alice.address(), new PoolView.Account(Amount.of(1_000_000), 6));
    view.accounts.put(bob.address(), new PoolView.Account(Amount.of(1_000_000), 1));
    List<H256> removed = pool.onBlockCommitted(List.of(a5.id(), otherB0.id()), view);
    assertThat(removed).containsExactlyInAnyOrder(a5.id(), b0.id());
    assertThat(pool.contains(a6.id())).isTrue();
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactly(a6);
  }

  @Test
  void afterABlockOfKnownTransactionsOnlyTheirPayersAndExpiredOnesAreRechecked() {
    Tx a5 = tx(alice, 5, 10_000);
    Tx a6 = tx(alice, 6, 10_000);
    Tx b0 = tx(bob, 0, 10_000);
    TestKeys carol = new TestKeys(3);
    view.accounts.put(carol.address(), new PoolView.Account(Amount.of(1_000_000), 0));
    Tx shortLived =
        carol.signed(
            new TxBody(
                "aether-test",
                carol.address(),
                0,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Value.EMPTY,
                Value.EMPTY,
                Amount.of(10_000),
                0,
                150));
    admit(a5);
    admit(a6);
    admit(b0);
    admit(shortLived);
    // The block held only a5. Bob's account changing anyway is impossible on a real chain; here it
    // shows that his transactions are not re-read. Carol's expired by slot.
    view.accounts.put(alice.address(), new PoolView.Account(Amount.of(5_000), 6));
    view.accounts.put(bob.address(), new PoolView.Account(Amount.of(1_000_000), 1));
    view.slot = 200;
    view.accountReads = 0;
    assertThat(pool.onBlockCommitted(List.of(a5.id()), view))
        .containsExactlyInAnyOrder(a5.id(), a6.id(), shortLived.id()); // a6: balance now too low
    assertThat(view.accountReads).isEqualTo(1);
    assertThat(pool.contains(b0.id())).isTrue();
    // The periodic full re-check catches what the incremental one cannot see.
    List<H256> removed = new java.util.ArrayList<>();
    for (int i = 1; i < Mempool.FULL_RECHECK_EVERY; i++) {
      removed.addAll(pool.onBlockCommitted(List.of(), view));
    }
    assertThat(removed).containsExactly(b0.id());
    assertThat(pool.size()).isZero();
  }

  @Test
  void holdsVerifiedOnlyTheExactTransactionItAdmitted() {
    Tx t = tx(alice, 5, 10_000);
    assertThat(pool.holdsVerified(t)).isFalse();
    admit(t);
    assertThat(pool.holdsVerified(t)).isTrue();
    // Same id (the body), other signatures: not what admission verified.
    assertThat(pool.holdsVerified(new Tx(t.body(), List.of()))).isFalse();
    assertThat(pool.holdsVerified(new Tx(t.body(), List.of(bob.sign(t.body()))))).isFalse();
  }

  @Test
  void aSlowSignatureCheckDoesNotHoldThePoolLock() throws Exception {
    Tx slow = tx(alice, 5, 10_000);
    Tx other = tx(bob, 0, 10_000);
    java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    pool =
        new Mempool(
            MempoolConfig.defaults(),
            t -> {
              if (t.equals(slow)) {
                checking.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return TestKeys.verifyAll(t);
            });
    java.util.concurrent.CompletableFuture<Admission> first =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> admit(slow));
    checking.await();
    // While the first admission is stuck in its signature check, the pool keeps serving.
    assertThat(admit(other)).isInstanceOf(Admission.Admitted.class);
    assertThat(pool.select(Long.MAX_VALUE, 10, view)).containsExactly(other);
    assertThat(pool.onBlockCommitted(List.of(), view)).isEmpty();
    assertThat(first).isNotDone();
    release.countDown();
    assertThat(first.get()).isInstanceOf(Admission.Admitted.class);
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void aBlockCommittedDuringTheUnlockedChecksIsTakenIntoAccount() {
    Tx t = tx(alice, 5, 10_000);
    pool =
        new Mempool(
            MempoolConfig.defaults(),
            x -> {
              // A block using alice's nonce 5 commits while her transaction's signature is checked.
              view.accounts.put(alice.address(), new PoolView.Account(Amount.of(1_000_000), 6));
              pool.onBlockCommitted(List.of(), view);
              return TestKeys.verifyAll(x);
            });
    assertThat(rejection(admit(t))).isEqualTo(Rejection.NONCE_TOO_LOW);
    assertThat(pool.size()).isZero();
  }

  @Test
  void doubleSpendOfAnInputWithinThePoolIsAConflict() {
    UtxoRef mine = new UtxoRef(H256.fromHex("0x" + "22".repeat(32)), 1);
    view.utxos.put(mine, alice.address());
    Tx first = alice.signed(body(alice, 5, 10_000, List.of(mine), List.of()));
    Tx second = alice.signed(body(alice, 6, 10_000, List.of(mine), List.of()));
    assertThat(admit(first)).isInstanceOf(Admission.Admitted.class);
    assertThat(rejection(admit(second))).isEqualTo(Rejection.CONFLICT);
  }

  @Test
  void rejectionMessageCarriesStableCode() {
    Admission.Rejected r = (Admission.Rejected) pool.admit(new byte[] {0}, view);
    assertThat(r.message()).startsWith("mempool.malformed:");
    assertThat(Bytes.EMPTY.length()).isZero();
  }
}
