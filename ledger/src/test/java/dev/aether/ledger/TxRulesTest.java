package dev.aether.ledger;

import static dev.aether.ledger.Txs.swr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each validation rule rejects with its own code, and a rejected tx changes nothing. */
class TxRulesTest {
  private final TestChain chain = new TestChain(new MemoryStateStore(), 3, 10_000_000);
  private final Wallet alice = chain.wallets.get(0);
  private final Wallet bob = chain.wallets.get(1);
  private final BlockContext ctx = new BlockContext(1, 1, false);

  private Optional<LedgerError> check(Tx tx) {
    return chain.ledger.rules().validate(tx, ctx, chain.ledger.state());
  }

  private String code(Tx tx) {
    return check(tx).map(LedgerError::code).orElse("ok");
  }

  @Test
  void validTransferPasses() {
    assertThat(code(Txs.transfer(alice, 0, bob.address(), 5))).isEqualTo("ok");
  }

  @Test
  void rejectsWrongChain() {
    Tx tx = Txs.from(alice, 0).chain("other-chain").signedBy(alice);
    assertThat(check(tx)).get().isInstanceOf(LedgerError.WrongChain.class);
    assertThat(check(tx).get().number()).isEqualTo(101);
  }

  @Test
  void rejectsOversizedTx() {
    TestChain small =
        new TestChain(
            new MemoryStateStore(),
            1,
            1_000_000,
            new LedgerConfig(Txs.CHAIN, 200, LinearFeeSchedule.GENESIS, MintPolicy.NONE));
    Wallet w = small.wallets.get(0);
    Tx tx = Txs.transfer(w, 0, bob.address(), 1);
    assertThat(small.ledger.rules().validate(tx, ctx, small.ledger.state()))
        .get()
        .isInstanceOf(LedgerError.TxTooLarge.class);
  }

  @Test
  void rejectsOutsideValidityInterval() {
    Tx early = Txs.from(alice, 0).validity(5, 9).signedBy(alice);
    Tx late = Txs.from(alice, 0).validity(0, 0).signedBy(alice);
    assertThat(code(early)).isEqualTo("ledger.outside_validity");
    assertThat(code(late)).isEqualTo("ledger.outside_validity");
    assertThat(code(Txs.from(alice, 0).validity(1, 1).signedBy(alice))).isEqualTo("ok");
  }

  @Test
  void rejectsBadSignatureUnlessPreVerified() {
    Tx good = Txs.transfer(alice, 0, bob.address(), 5);
    TxSignature s = good.signatures().get(0);
    byte[] sig = s.signature().toArray();
    sig[10] ^= 1;
    Tx bad = new Tx(good.body(), List.of(new TxSignature(s.publicKey(), Bytes.of(sig))));
    assertThat(check(bad)).contains(new LedgerError.BadSignature(0));
    // The node's batch verifier already checked signatures: only signer presence is checked.
    assertThat(
            chain.ledger.rules().validate(bad, new BlockContext(1, 1, true), chain.ledger.state()))
        .isEmpty();
  }

  @Test
  void rejectsMissingPayerSignature() {
    Tx tx = Txs.from(alice, 0).transfer(bob.address(), swr(1)).signedBy(bob);
    assertThat(check(tx)).contains(new LedgerError.MissingSignature(alice.address()));
  }

  @Test
  void rejectsUnauthorisedMint() {
    Tx tx = Txs.from(alice, 0).mint(swr(100)).output(alice.address(), swr(100)).signedBy(alice);
    assertThat(check(tx)).contains(new LedgerError.UnauthorizedMint(AssetId.SWR));
  }

  @Test
  void rejectsFeeCapBelowMinimumFee() {
    Tx tx = Txs.from(alice, 0).feeCap(10).signedBy(alice);
    assertThat(code(tx)).isEqualTo("ledger.fee_cap_too_low");
  }

  @Test
  void rejectsPayerWithoutAccount() {
    Wallet stranger = Wallet.fromSeed(99);
    Tx tx = Txs.from(stranger, 0).signedBy(stranger);
    assertThat(check(tx)).contains(new LedgerError.PayerMissing(stranger.address()));
  }

  @Test
  void rejectsReplayedAndFutureNonces() {
    Tx first = Txs.transfer(alice, 0, bob.address(), 5);
    chain.commit(List.of(first));
    assertThat(check(first)).contains(new LedgerError.NonceMismatch(1, 0));
    assertThat(check(Txs.transfer(alice, 7, bob.address(), 5)))
        .contains(new LedgerError.NonceMismatch(1, 7));
  }

  @Test
  void rejectsFeeCapAboveSwrBalance() {
    Tx tx = Txs.from(alice, 0).feeCap(20_000_000).signedBy(alice);
    assertThat(check(tx))
        .contains(
            new LedgerError.InsufficientFunds(
                AssetId.SWR, Amount.of(10_000_000), Amount.of(20_000_000)));
  }

  @Test
  void rejectsMissingInput() {
    UtxoRef ghost = new UtxoRef(dev.aether.types.H256.ZERO, 0);
    Tx tx = Txs.from(alice, 0).inputs(List.of(ghost)).signedBy(alice);
    assertThat(check(tx)).contains(new LedgerError.InputMissing(ghost));
  }

  @Test
  void rejectedTxInBlockInvalidatesBlockAndChangesNothing() {
    Head before = chain.ledger.head();
    Tx ok = Txs.transfer(alice, 0, bob.address(), 5);
    Tx replay = Txs.transfer(alice, 0, bob.address(), 5);
    var ctx2 = new BlockContext(1, 1, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> chain.ledger.execute(ctx2, List.of(ok, replay)))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).error())
        .isEqualTo(new LedgerError.InvalidBlock(1, new LedgerError.NonceMismatch(1, 0)));
    assertThat(chain.ledger.head()).isEqualTo(before);
    assertThat(chain.ledger.account(alice.address()).nonce()).isZero();
  }

  /** Alice pays {@code v} from her account into a UTxO owned by {@code owner}; returns its ref. */
  private UtxoRef fundUtxo(Wallet owner, Value v) {
    long nonce = chain.ledger.account(alice.address()).nonce();
    Tx tx = Txs.from(alice, nonce).output(owner.address(), v).signedBy(alice);
    chain.commit(List.of(tx));
    return new UtxoRef(tx.id(), 0);
  }

  @Test
  void spendsUtxoSignedByItsOwner() {
    UtxoRef ref = fundUtxo(bob, swr(500));
    Wallet carol = chain.wallets.get(2);
    Tx spend =
        Txs.from(bob, 0).inputs(List.of(ref)).output(carol.address(), swr(500)).signedBy(bob);
    assertThat(code(spend)).isEqualTo("ok");
    chain.commit(List.of(spend));
    assertThat(chain.ledger.utxo(ref)).isEmpty();
    assertThat(chain.ledger.utxo(new UtxoRef(spend.id(), 0)).orElseThrow().owner())
        .isEqualTo(carol.address());
  }

  @Test
  void rejectsInputWithoutOwnerSignature() {
    UtxoRef ref = fundUtxo(bob, swr(500));
    Tx steal =
        Txs.from(alice, 1).inputs(List.of(ref)).output(alice.address(), swr(500)).signedBy(alice);
    assertThat(check(steal)).contains(new LedgerError.MissingSignature(bob.address()));
  }

  @Test
  void rejectsValueThatVanishes() {
    UtxoRef ref = fundUtxo(bob, swr(500));
    Tx tx = Txs.from(bob, 0).inputs(List.of(ref)).output(bob.address(), swr(100)).signedBy(bob);
    assertThat(check(tx))
        .contains(new LedgerError.ValueNotConserved(AssetId.SWR, Amount.of(500), Amount.of(100)));
  }

  @Test
  void burnBalancesInputs() {
    UtxoRef ref = fundUtxo(bob, swr(500));
    Tx tx =
        Txs.from(bob, 0)
            .inputs(List.of(ref))
            .output(bob.address(), swr(100))
            .burn(swr(400))
            .signedBy(bob);
    assertThat(code(tx)).isEqualTo("ok");
  }

  @Test
  void rejectsOutputSumOverflow() {
    Value max = Value.of(AssetId.USDT, Amount.MAX);
    Tx tx =
        Txs.from(alice, 0).output(bob.address(), max).output(bob.address(), max).signedBy(alice);
    assertThat(check(tx)).contains(new LedgerError.Overflow("outputs + burn"));
  }

  @Test
  void rejectsOutputsThePayerCannotFund() {
    Tx tx = Txs.from(alice, 0).output(bob.address(), Value.of(AssetId.USDT, 1)).signedBy(alice);
    assertThat(check(tx))
        .contains(new LedgerError.InsufficientFunds(AssetId.USDT, Amount.ZERO, Amount.of(1)));
  }

  @Test
  void rejectsDoubleSpendWithinBlockAndAcrossBlocks() {
    UtxoRef ref = fundUtxo(bob, swr(500));
    Tx a = Txs.from(bob, 0).inputs(List.of(ref)).output(alice.address(), swr(500)).signedBy(bob);
    Tx b = Txs.from(bob, 1).inputs(List.of(ref)).output(bob.address(), swr(500)).signedBy(bob);
    var ctx2 = new BlockContext(chain.ledger.head().height() + 1, 5, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> chain.ledger.execute(ctx2, List.of(a, b)))
        .extracting(e -> ((LedgerException) e).error())
        .isEqualTo(new LedgerError.InvalidBlock(1, new LedgerError.InputMissing(ref)));
    chain.commit(List.of(a));
    assertThat(check(b)).contains(new LedgerError.InputMissing(ref));
  }
}
