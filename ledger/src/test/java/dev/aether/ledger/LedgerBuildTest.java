package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Ledger#build}: a proposer's block leaves out exactly the candidates that are invalid in
 * order on the parent, and still is a block the same ledger executes to the same roots; and the fee
 * market sees only the state it is given.
 */
class LedgerBuildTest {
  private final TestChain chain = new TestChain(new MemoryStateStore(), 3, 1_000_000);
  private final Wallet alice = chain.wallets.get(0);
  private final Wallet bob = chain.wallets.get(1);
  private final Address carol = chain.wallets.get(2).address();

  @Test
  void leavesOutInvalidCandidatesAndBuildsTheRest() {
    Tx ok = Txs.transfer(alice, 0, carol, 10);
    Tx badNonce = Txs.transfer(alice, 5, carol, 10);
    Tx tooBig = Txs.from(bob, 0).transfer(carol, Txs.swr(1)).feeCap(2_000_000).signedBy(bob);
    Tx okToo = Txs.transfer(bob, 0, carol, 1);
    Ledger.Built built =
        chain.ledger.build(
            Optional.empty(),
            chain.ledger.head().blockId(),
            new BlockContext(1, 1, false),
            List.of(ok, badNonce, tooBig, okToo));
    assertThat(built.included()).containsExactly(ok, okToo);
    assertThat(built.dropped())
        .extracting(d -> d.reason().code())
        .containsExactly("ledger.nonce_mismatch", "ledger.insufficient_funds");
    // The built block is an ordinary block: executing its transactions gives the same roots.
    ExecutedBlock again = chain.ledger.execute(new BlockContext(1, 1, false), built.included());
    assertThat(again.stateRoot()).isEqualTo(built.block().stateRoot());
    assertThat(again.receiptsRoot()).isEqualTo(built.block().receiptsRoot());
  }

  @Test
  void allCandidatesInvalidGivesAnEmptyBlockNotAFailure() {
    Tx badNonce = Txs.transfer(alice, 9, carol, 10);
    Ledger.Built built =
        chain.ledger.build(
            Optional.empty(),
            chain.ledger.head().blockId(),
            new BlockContext(1, 1, false),
            List.of(badNonce));
    assertThat(built.included()).isEmpty();
    assertThat(built.dropped()).hasSize(1);
    assertThat(built.block().receipts()).isEmpty();
  }

  /** A toy market: the multiplier is 1000 + (the parent's counter), and each block bumps it. */
  private static final H256 COUNTER = Hashing.tagged("test/market", new byte[] {1});

  private static final FeeMarket COUNTING =
      new FeeMarket() {
        @Override
        public FeeMultipliers pricesAfter(StateReader parent) {
          long n = read(parent);
          return tx -> FeeMultipliers.UNIT + 100 * n;
        }

        @Override
        public void advance(List<Tx> txs, BlockState state) {
          state.put(COUNTER, new StateObject.Data(Bytes.of(new byte[] {(byte) (read(state) + 1)})));
        }

        private long read(StateReader s) {
          return s.get(COUNTER)
              .map(o -> (long) ((StateObject.Data) o).bytes().toArray()[0])
              .orElse(0L);
        }
      };

  @Test
  void everyBlockIsPricedFromItsOwnParentWhateverRanBefore() {
    Ledger ledger =
        new Ledger(
            chain.store,
            LedgerConfig.defaults(Txs.CHAIN),
            new ChainEd25519Verifier(),
            new BankProgram(),
            new SerialExecutor(),
            COUNTING);
    Tx t = Txs.transfer(alice, 0, carol, 10);
    // Two competing blocks on the committed head, then a child of the first, in both orders.
    ExecutedBlock a1 = ledger.execute(new BlockContext(1, 1, false), List.of(t));
    ExecutedBlock b1 = ledger.execute(new BlockContext(1, 2, false), List.of());
    ExecutedBlock a2 = ledger.executeOn(a1, H256.ZERO, new BlockContext(2, 3, false), List.of());
    ExecutedBlock b1Again = ledger.execute(new BlockContext(1, 2, false), List.of());
    ExecutedBlock a1Again = ledger.execute(new BlockContext(1, 1, false), List.of(t));
    assertThat(a1Again.stateRoot()).isEqualTo(a1.stateRoot());
    assertThat(a1Again.receiptsRoot()).isEqualTo(a1.receiptsRoot());
    assertThat(b1Again.stateRoot()).isEqualTo(b1.stateRoot());
    // The fee was charged at the parent's 1x (counter 0), never at a sibling's or child's price.
    assertThat(a1.receipts().get(0).feePaid())
        .isEqualTo(LedgerConfig.defaults(Txs.CHAIN).fees().fee(t, t.sizeBytes(), 0, 0));
    assertThat(ledger.pricesAfter(a2.stateAfter()).permilleFor(t)).isEqualTo(1_200);
    assertThat(ledger.pricesAfter(ledger.state()).permilleFor(t)).isEqualTo(FeeMultipliers.UNIT);
  }
}
