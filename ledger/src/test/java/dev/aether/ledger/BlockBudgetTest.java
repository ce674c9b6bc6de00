package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-block step budget is a consensus rule: a block whose receipts use more steps than {@code
 * blockStepsMax} is invalid when a validator executes it (not only when a proposer builds it),
 * execution stops as soon as the total passes the budget, and {@link Ledger#build} never builds
 * such a block — it defers what does not fit instead.
 */
class BlockBudgetTest {
  private static final long BUDGET = 10_000;

  /** Reports the steps a call's args ask for: the ledger sees only the receipts' steps. */
  private static final class StepsExecutor implements CallExecutor {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ExecutionResult execute(TxContext ctx, TxState state) {
      calls.incrementAndGet();
      long steps = 0;
      for (Call c : ctx.tx().body().calls()) {
        steps += ByteBuffer.wrap(c.args().toArray()).getLong();
      }
      return ExecutionResult.success(steps, 0, List.of());
    }
  }

  private final StepsExecutor calls = new StepsExecutor();
  private final TestChain chain = new TestChain(new MemoryStateStore(), 6, 10_000_000);
  private final Ledger ledger =
      new Ledger(
          chain.store,
          new LedgerConfig(
              Txs.CHAIN,
              dev.aether.types.Tx.MAX_BYTES,
              LinearFeeSchedule.GENESIS,
              MintPolicy.NONE,
              BUDGET),
          new ChainEd25519Verifier(),
          calls,
          new SerialExecutor());

  private Tx burning(int wallet, long nonce, long steps) {
    Call c =
        new Call(
            Hashing.tagged("test/burner", new byte[] {1}),
            "burn",
            Bytes.of(ByteBuffer.allocate(8).putLong(steps).array()));
    Wallet w = chain.wallets.get(wallet);
    return Txs.from(w, nonce).call(c).feeCap(1_000_000).signedBy(w);
  }

  private BlockContext next() {
    return new BlockContext(ledger.head().height() + 1, 1, false);
  }

  @Test
  void aBlockExactlyAtTheBudgetIsValid() {
    ExecutedBlock ex = ledger.execute(next(), List.of(burning(0, 0, 4_000), burning(1, 0, 6_000)));
    assertThat(ex.receipts()).extracting(r -> r.steps()).containsExactly(4_000L, 6_000L);
  }

  @Test
  void aBlockOverTheBudgetIsInvalidWhenValidated() {
    assertThatThrownBy(
            () -> ledger.execute(next(), List.of(burning(0, 0, 4_000), burning(1, 0, 6_001))))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.error()).isInstanceOf(LedgerError.BlockOverBudget.class);
              assertThat(e.error().code()).isEqualTo("ledger.block_over_budget");
              assertThat(e.error().number()).isEqualTo(404);
            });
    // Nothing changed: the head is still genesis.
    assertThat(ledger.head().height()).isZero();
  }

  @Test
  void validationStopsAsSoonAsTheBudgetIsPassed() {
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      txs.add(burning(i, 0, 6_000));
    }
    assertThatThrownBy(() -> ledger.execute(next(), txs)).isInstanceOf(LedgerException.class);
    // The second transaction passed the budget; the other four never ran.
    assertThat(calls.calls.get()).isEqualTo(2);
  }

  @Test
  void buildDefersWhatDoesNotFitAndTheBlockValidates() {
    Tx a = burning(0, 0, 6_000);
    Tx big = burning(1, 0, 7_000);
    Tx b = burning(2, 0, 3_000);
    Tx c = burning(3, 0, 2_000);
    Ledger.Built built =
        ledger.build(Optional.empty(), ledger.head().blockId(), next(), List.of(a, big, b, c));
    assertThat(built.included()).containsExactly(a, b);
    assertThat(built.deferred()).containsExactly(big, c);
    assertThat(built.dropped()).isEmpty();
    ExecutedBlock again = ledger.execute(next(), built.included());
    assertThat(again.stateRoot()).isEqualTo(built.block().stateRoot());
    assertThat(again.receiptsRoot()).isEqualTo(built.block().receiptsRoot());
  }

  @Test
  void buildingBoundsWhatItTriesWhenNothingFits() {
    // Every candidate fits the budget alone, but after the first the rest do not: the builder
    // stops trying once it has spent twice the budget, whatever the number of candidates.
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      txs.add(burning(i, 0, 9_000));
    }
    calls.calls.set(0);
    Ledger.Built built = ledger.build(Optional.empty(), ledger.head().blockId(), next(), txs);
    assertThat(built.included()).containsExactly(txs.get(0));
    assertThat(built.deferred()).hasSize(5);
    // The fast path ran two (9,000 + 9,000 > budget); the serial pass tried three (27,000 >=
    // 2 x budget) and the block itself re-ran the one kept.
    assertThat(calls.calls.get()).isEqualTo(2 + 3 + 1);
  }
}
