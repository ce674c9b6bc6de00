package dev.aether.ledger;

import static dev.aether.ledger.Txs.swr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.StateObject.Account;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Block execution, fees, failures, receipts and proofs. */
class LedgerTest {
  private final TestChain chain = new TestChain(new MemoryStateStore(), 3, 10_000_000);
  private final Wallet alice = chain.wallets.get(0);
  private final Wallet bob = chain.wallets.get(1);

  private Amount swrOf(Wallet w) {
    return chain.ledger.account(w.address()).balance().get(AssetId.SWR);
  }

  @Test
  void transferMovesValueChargesFeeAndBumpsNonce() {
    Tx tx = Txs.transfer(alice, 0, bob.address(), 1234);
    chain.commit(List.of(tx));
    Receipt r = chain.ledger.receipt(tx.id()).orElseThrow().receipt();
    Amount fee = LinearFeeSchedule.GENESIS.fee(tx, tx.sizeBytes(), 0, 0);
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r.feePaid()).isEqualTo(fee);
    assertThat(r.events()).hasSize(1);
    assertThat(swrOf(alice)).isEqualTo(Amount.of(10_000_000 - 1234).subtract(fee));
    assertThat(swrOf(bob)).isEqualTo(Amount.of(10_000_000 + 1234));
    assertThat(chain.ledger.account(alice.address()).nonce()).isEqualTo(1);
    assertThat(chain.ledger.account(StateKeys.FEE_POOL).balance().get(AssetId.SWR)).isEqualTo(fee);
  }

  @Test
  void failedExecutionPaysFeeAndChangesNothingElse() {
    // Alice tries to send more AIC than she has: the call fails during execution.
    Tx tx =
        Txs.from(alice, 0)
            .transfer(bob.address(), Value_of(AssetId.AIC, 20_000_000))
            .output(bob.address(), swr(50))
            .signedBy(alice);
    chain.commit(List.of(tx));
    Receipt r = chain.ledger.receipt(tx.id()).orElseThrow().receipt();
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(305);
    assertThat(r.events()).isEmpty();
    assertThat(swrOf(alice)).isEqualTo(Amount.of(10_000_000).subtract(r.feePaid()));
    assertThat(swrOf(bob)).isEqualTo(Amount.of(10_000_000));
    assertThat(chain.ledger.account(alice.address()).balance().get(AssetId.AIC))
        .isEqualTo(Amount.of(10_000_000));
    assertThat(chain.ledger.utxo(new dev.aether.types.UtxoRef(tx.id(), 0))).isEmpty();
    assertThat(chain.ledger.account(alice.address()).nonce()).isEqualTo(1);
  }

  private static dev.aether.types.Value Value_of(AssetId a, long n) {
    return dev.aether.types.Value.of(a, n);
  }

  @Test
  void touchingUndeclaredKeyFailsWithAccessViolation() {
    Wallet carol = chain.wallets.get(2);
    // The call credits carol, but the transaction declares only bob's account.
    Tx tx =
        Txs.from(alice, 0)
            .write(StateKeys.account(bob.address()))
            .call(BankProgram.transfer(carol.address(), swr(10)))
            .signedBy(alice);
    chain.commit(List.of(tx));
    Receipt r = chain.ledger.receipt(tx.id()).orElseThrow().receipt();
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(new LedgerError.AccessViolation(H256.ZERO, "").number());
    assertThat(swrOf(carol)).isEqualTo(Amount.of(10_000_000));
  }

  @Test
  void unknownProgramFails() {
    Tx tx = Txs.from(alice, 0).call(new Call(H256.ZERO, "nope", Bytes.EMPTY)).signedBy(alice);
    chain.commit(List.of(tx));
    assertThat(chain.ledger.receipt(tx.id()).orElseThrow().receipt().errorCode()).isEqualTo(303);
  }

  @Test
  void feeAboveCapFailsAndChargesTheCap() {
    // A runtime stand-in that reports many steps: the metered fee exceeds the cap.
    Ledger metered =
        new Ledger(
            chain.store,
            LedgerConfig.defaults(Txs.CHAIN),
            new JdkEd25519Verifier(),
            (ctx, st) -> ExecutionResult.success(1_000_000, 0, List.of()),
            new SerialExecutor());
    Tx tx = Txs.from(alice, 0).call(new Call(H256.ZERO, "spin", Bytes.EMPTY)).signedBy(alice);
    BlockState st = metered.newBlockState();
    TxOutcome out = metered.applyTx(new BlockContext(1, 1, false), tx, st);
    Receipt r = ((TxOutcome.Applied) out).receipt();
    assertThat(r.errorCode()).isEqualTo(302);
    assertThat(r.feePaid()).isEqualTo(Amount.of(Txs.FEE_CAP));
    assertThat(r.steps()).isEqualTo(1_000_000);
  }

  @Test
  void receiptsProveAgainstHeaderRoot() {
    List<Tx> txs =
        List.of(
            Txs.transfer(alice, 0, bob.address(), 1),
            Txs.transfer(alice, 1, bob.address(), 2),
            Txs.transfer(bob, 0, alice.address(), 3));
    Block block = chain.commit(txs);
    for (Tx tx : txs) {
      StoredReceipt sr = chain.ledger.receipt(tx.id()).orElseThrow();
      assertThat(sr.proof().verify(block.header().receiptsRoot(), sr.receipt())).isTrue();
      Receipt forged =
          new Receipt(
              sr.receipt().txId(),
              sr.receipt().status(),
              sr.receipt().feePaid().add(Amount.of(1)),
              0,
              0,
              List.of(),
              0);
      assertThat(sr.proof().verify(block.header().receiptsRoot(), forged)).isFalse();
    }
    assertThat(chain.ledger.header(1)).contains(block.header());
  }

  @Test
  void headerWithWrongStateRootIsRefusedAndNothingChanges() {
    Head before = chain.ledger.head();
    Tx tx = Txs.transfer(alice, 0, bob.address(), 1);
    BlockContext ctx = new BlockContext(1, 1, false);
    ExecutedBlock ex = chain.ledger.execute(ctx, List.of(tx));
    Header good = TestChain.header(before, 1, ex);
    Header bad =
        new Header(
            0,
            good.height(),
            good.slot(),
            good.round(),
            good.parent(),
            good.proposer(),
            good.vrfProof(),
            good.kesPeriod(),
            dev.aether.types.OpCert.NONE,
            good.txRoot(),
            H256.ZERO,
            good.receiptsRoot(),
            good.shredRoot(),
            good.parentQc(),
            Optional.empty());
    assertThatThrownBy(() -> chain.ledger.apply(new Block(bad, List.of(tx), Bytes.EMPTY), false))
        .extracting(e -> ((LedgerException) e).error().code())
        .isEqualTo("ledger.root_mismatch");
    assertThat(chain.ledger.head()).isEqualTo(before);
    assertThat(chain.ledger.account(alice.address()).nonce()).isZero();
    // The same block with the right roots applies.
    chain.ledger.apply(new Block(good, List.of(tx), Bytes.EMPTY), false);
    assertThat(chain.ledger.head().height()).isEqualTo(1);
  }

  @Test
  void blockMustExtendHead() {
    Tx tx = Txs.transfer(alice, 0, bob.address(), 1);
    Block b1 = chain.commit(List.of(tx));
    assertThatThrownBy(() -> chain.ledger.apply(b1, false))
        .extracting(e -> ((LedgerException) e).error().code())
        .isEqualTo("ledger.block_out_of_order");
  }

  @Test
  void statePresenceAndAbsenceProveAgainstHeadRoot() {
    chain.commit(List.of(Txs.transfer(alice, 0, bob.address(), 1)));
    H256 root = chain.ledger.head().stateRoot();
    H256 key = StateKeys.account(alice.address());
    Account a = chain.ledger.account(alice.address());
    StateProof p = chain.ledger.prove(key);
    assertThat(p.verify(root, key, Optional.of(Ledger.valueHash(a)))).isTrue();
    H256 absent = StateKeys.account(Wallet.fromSeed(77).address());
    assertThat(chain.ledger.prove(absent).verify(root, absent, Optional.empty())).isTrue();
    assertThat(chain.ledger.prove(absent).verify(root, key, Optional.empty())).isFalse();
  }
}
