package dev.aether.runtime;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.SerialExecutor;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallel executor gives the serial executor's state root, receipts root and receipts, block
 * after block, on random workloads: bank transfers with a tunable hot spot, overdrafts, UTxO
 * spends, contract calls (token, counter, out-of-gas burns, undeclared writes).
 */
class ParallelEquivalenceTest {
  private static ParallelExecutor two;
  private static ParallelExecutor four;

  @BeforeAll
  static void start() {
    two = new ParallelExecutor(2);
    four = new ParallelExecutor(4);
  }

  @AfterAll
  static void stop() {
    two.close();
    four.close();
  }

  /** Generates valid-to-admit transactions; many fail during execution. */
  static final class Workload {
    final SplittableRandom r;
    final int users;
    final long[] nonce;
    final List<UtxoRef> unspent = new ArrayList<>();
    final List<Integer> unspentOwner = new ArrayList<>();
    final int hotPct;
    final int wasmPct;

    Workload(long seed, int users, int hotPct, int wasmPct) {
      this.r = new SplittableRandom(seed);
      this.users = users;
      this.nonce = new long[users];
      this.hotPct = hotPct;
      this.wasmPct = wasmPct;
    }

    List<Tx> setup() {
      List<Tx> txs = new ArrayList<>();
      for (String c : List.of("token", "counter", "stress")) {
        txs.add(deploy(0, nonce[0]++, wasm(c)));
      }
      txs.add(
          call(
              0,
              nonce[0]++,
              id("token"),
              "init",
              u64(1_000_000_000),
              List.of(),
              List.of(H256.ZERO, slotOf(user(0))),
              5_000_000));
      // Everyone gets tokens, so token transfers mostly succeed and write what readers read.
      for (int u = 1; u < users; u++) {
        txs.add(
            call(
                0,
                nonce[0]++,
                id("token"),
                "transfer",
                transferArgs(user(u), 1_000_000),
                List.of(),
                List.of(slotOf(user(0)), slotOf(user(u))),
                5_000_000));
      }
      return txs;
    }

    int pickUser() {
      return r.nextInt(100) < hotPct ? 0 : r.nextInt(users);
    }

    List<Tx> block(int n) {
      List<Tx> txs = new ArrayList<>();
      List<UtxoRef> spendable = new ArrayList<>(unspent);
      List<Integer> owners = new ArrayList<>(unspentOwner);
      unspent.clear();
      unspentOwner.clear();
      for (int i = 0; i < n; i++) {
        int from = r.nextInt(users);
        Tx tx;
        if (r.nextInt(100) < wasmPct) {
          tx =
              switch (r.nextInt(5)) {
                case 0 -> {
                  int to = pickUser();
                  yield call(
                      from,
                      nonce[from]++,
                      id("token"),
                      "transfer",
                      transferArgs(user(to), r.nextInt(500_000)),
                      List.of(),
                      List.of(slotOf(user(from)), slotOf(user(to))),
                      5_000_000);
                }
                case 1 ->
                    call(
                        from,
                        nonce[from]++,
                        id("counter"),
                        "increment",
                        new byte[0],
                        List.of(),
                        List.of(H256.ZERO),
                        5_000_000);
                case 2 ->
                    call(
                        from,
                        nonce[from]++,
                        id("stress"),
                        "burn",
                        u64(r.nextInt(4_000)),
                        List.of(),
                        List.of(),
                        100_000 + r.nextInt(60_000));
                case 3 -> {
                  // A reader: its receipt shows the balance it saw, so it must see the right
                  // writes.
                  int who = pickUser();
                  yield call(
                      from,
                      nonce[from]++,
                      id("token"),
                      "balance",
                      slotOf(user(who)).toArray(),
                      List.of(slotOf(user(who))),
                      List.of(),
                      5_000_000);
                }
                default ->
                    call(
                        from,
                        nonce[from]++,
                        id("stress"),
                        "write0",
                        new byte[0],
                        List.of(),
                        List.of(),
                        5_000_000); // undeclared: access violation
              };
        } else if (!spendable.isEmpty() && r.nextInt(4) == 0) {
          int k = r.nextInt(spendable.size());
          UtxoRef in = spendable.remove(k);
          int owner = owners.remove(k);
          // The owner spends it to someone else; the payer is the owner.
          tx =
              TestLedger.tx(
                  owner,
                  nonce[owner]++,
                  List.of(in),
                  List.of(),
                  List.of(),
                  List.of(new TxOutput(user(pickUser()), Value.of(AssetId.SWR, 700))),
                  List.of(),
                  200_000);
        } else if (r.nextInt(5) == 0) {
          int to = pickUser();
          tx =
              TestLedger.tx(
                  from,
                  nonce[from]++,
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(new TxOutput(user(to), Value.of(AssetId.SWR, 700))),
                  List.of(),
                  200_000);
          unspent.add(new UtxoRef(tx.id(), 0));
          unspentOwner.add(to);
        } else {
          int to = pickUser();
          long amount = r.nextInt(10) == 0 ? 2_000_000_000L : r.nextInt(100_000); // overdrafts
          tx = TestLedger.transfer(from, nonce[from]++, to, amount, 200_000);
        }
        txs.add(tx);
      }
      return txs;
    }
  }

  /**
   * {@code parallel} with every transaction delayed by a pseudo-random 0–300 µs (fixed per tx id),
   * so that transactions run in many different interleavings: a missing edge in the plan then shows
   * up as a wrong read instead of hiding behind lucky timing.
   */
  static BlockExecutor jittered(ParallelExecutor parallel) {
    return (ctx, txs, state, processor) ->
        parallel.execute(
            ctx,
            txs,
            state,
            (c, tx, s) -> {
              boolean reader =
                  tx.body().calls().stream().anyMatch(call -> call.method().equals("balance"));
              if (reader) {
                java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
              } else if (Math.floorMod(tx.id().hashCode(), 4) == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
              }
              return processor.process(c, tx, s);
            });
  }

  /** Runs one random chain on both executors; returns how many transactions failed. */
  private static int checkSeed(long seed, BlockExecutor parallel) {
    SplittableRandom r = new SplittableRandom(seed);
    int users = 3 + r.nextInt(60);
    Workload w = new Workload(seed, users, r.nextInt(101), r.nextInt(60));
    TestLedger serial = new TestLedger(users, 1_000_000_000, new SerialExecutor());
    TestLedger par = new TestLedger(users, 1_000_000_000, parallel);
    List<List<Tx>> blocks = new ArrayList<>();
    blocks.add(w.setup());
    int heights = 2 + r.nextInt(3);
    for (int h = 0; h < heights; h++) {
      blocks.add(w.block(r.nextInt(120)));
    }
    int failed = 0;
    for (int h = 0; h < blocks.size(); h++) {
      long slot = 1 + h * 37L;
      ExecutedBlock s = serial.execute(slot, blocks.get(h));
      ExecutedBlock p = par.execute(slot, blocks.get(h));
      assertThat(p.receipts()).as("receipts, seed %d height %d", seed, h).isEqualTo(s.receipts());
      assertThat(p.stateRoot())
          .as("state root, seed %d height %d", seed, h)
          .isEqualTo(s.stateRoot());
      assertThat(p.receiptsRoot()).isEqualTo(s.receiptsRoot());
      serial.commit(slot, blocks.get(h), s);
      par.commit(slot, blocks.get(h), p);
      failed +=
          (int) s.receipts().stream().filter(x -> x.status() == Receipt.Status.FAILED).count();
    }
    return failed;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void parallelEqualsSerialOnRandomBlocks(long seed) {
    assertThat(checkSeed(seed, seed % 2 == 0 ? two : four))
        .as("the workload exercises failing transactions")
        .isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void parallelEqualsSerialUnderRandomTiming(long seed) {
    assertThat(checkSeed(seed, jittered(four))).isPositive();
  }

  /**
   * A broken executor: {@code parallel}, but the first transaction that writes two or more keys
   * loses one of its writes on the way into the block (what a lost publish or commit would do).
   */
  static BlockExecutor dropsAChange(ParallelExecutor parallel) {
    java.util.concurrent.atomic.AtomicBoolean dropped =
        new java.util.concurrent.atomic.AtomicBoolean();
    return new BlockExecutor() {
      @Override
      public List<Receipt> execute(
          dev.aether.ledger.BlockContext ctx,
          List<Tx> txs,
          dev.aether.ledger.BlockState state,
          dev.aether.ledger.TxProcessor processor) {
        return parallel.execute(
            ctx,
            txs,
            state,
            (c, tx, s) -> {
              dev.aether.ledger.BlockState own = s.fork();
              var outcome = processor.process(c, tx, own);
              var changes = own.changes();
              boolean drop = changes.size() >= 2 && dropped.compareAndSet(false, true);
              changes.forEach(
                  (k, v) -> {
                    if (drop && k.equals(changes.lastKey())) {
                      return;
                    }
                    if (v.isPresent()) {
                      s.put(k, v.get());
                    } else {
                      s.delete(k);
                    }
                  });
              return outcome;
            });
      }

      @Override
      public dev.aether.ledger.Parallelism parallelism() {
        return parallel.parallelism();
      }
    };
  }

  /** A broken helper for the block's hashing: loses the last piece of every split. */
  static BlockExecutor losesAHashingPiece(ParallelExecutor parallel) {
    return new BlockExecutor() {
      @Override
      public List<Receipt> execute(
          dev.aether.ledger.BlockContext ctx,
          List<Tx> txs,
          dev.aether.ledger.BlockState state,
          dev.aether.ledger.TxProcessor processor) {
        return parallel.execute(ctx, txs, state, processor);
      }

      @Override
      public dev.aether.ledger.Parallelism parallelism() {
        return new dev.aether.ledger.Parallelism() {
          @Override
          public int workers() {
            return 2;
          }

          @Override
          public void forEach(int n, java.util.function.IntConsumer piece) {
            parallel.parallelism().forEach(n - 1, piece);
          }
        };
      }
    };
  }

  @Test
  void theEquivalenceCheckCatchesAnExecutorThatDropsAChange() {
    // The check above is only worth something if it fails on a wrong executor: it does.
    assertThat(checkSeed(1, two)).isPositive();
    assertThatThrownBy(() -> checkSeed(1, dropsAChange(two))).isInstanceOf(AssertionError.class);
  }

  @Test
  void theEquivalenceCheckCatchesLostHashingWork() {
    // Seed 3 has blocks large enough for the hashing to be split over the workers.
    assertThat(checkSeed(3, two)).isPositive();
    assertThatThrownBy(() -> checkSeed(3, losesAHashingPiece(two))).isNotNull();
  }

  @Test
  @Tag("soak")
  void hundredsOfRandomChainsAgree() {
    int failed = 0;
    for (long seed = 1_000; seed < 1_300; seed++) {
      failed += checkSeed(seed, seed % 2 == 0 ? two : four);
    }
    assertThat(failed).as("the workload exercises failing transactions").isPositive();
  }

  @Test
  void conflictingTransactionsReallyDependOnTheirOrder() {
    // Guards the property: an executor that reordered conflicting transactions would fail it.
    Tx fund = TestLedger.transfer(1, 0, 0, 600_000, 200_000);
    Tx spend = TestLedger.transfer(0, 0, 2, 1_300_000, 200_000); // 200k of the 1.6M is fee cap
    TestLedger a = new TestLedger(3, 1_000_000, two);
    TestLedger b = new TestLedger(3, 1_000_000, two);
    ExecutedBlock inOrder = a.execute(1, List.of(fund, spend));
    ExecutedBlock swapped = b.execute(1, List.of(spend, fund));
    assertThat(inOrder.receipts()).allMatch(x -> x.status() == Receipt.Status.SUCCESS);
    assertThat(swapped.receipts().getFirst().status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(inOrder.stateRoot()).isNotEqualTo(swapped.stateRoot());
  }

  @Test
  void aRejectedTransactionInvalidatesTheBlockAtTheSameIndex() {
    List<Tx> block = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      block.add(TestLedger.transfer(i, 0, (i + 1) % 6, 10, 200_000));
    }
    block.set(3, TestLedger.transfer(3, 7, 4, 10, 200_000)); // wrong nonce
    block.add(TestLedger.transfer(5, 9, 1, 10, 200_000)); // also wrong, later
    for (var exec : List.of(new SerialExecutor(), two)) {
      TestLedger l = new TestLedger(6, 1_000_000, exec);
      assertThatThrownBy(() -> l.execute(1, block))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e ->
                  assertThat(e.error())
                      .isInstanceOfSatisfying(
                          LedgerError.InvalidBlock.class,
                          ib -> assertThat(ib.index()).isEqualTo(3)));
    }
  }

  @Test
  void aSingleConflictChainRunsInOrderWithTheSerialResult() {
    // 40 transfers from one payer: every one conflicts with the one before, depth = size, so the
    // executor runs the block in order on one worker (and the roots must still be the serial ones).
    List<Tx> block = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      block.add(TestLedger.transfer(0, i, 1 + i % 5, 1_000 + i, 200_000));
    }
    List<dev.aether.ledger.AccessSet> access =
        block.stream().map(dev.aether.ledger.AccessSet::of).toList();
    assertThat(new Scheduler().plan(access).depth()).isEqualTo(block.size());
    ExecutedBlock s = new TestLedger(6, 100_000_000, new SerialExecutor()).execute(1, block);
    ExecutedBlock p = new TestLedger(6, 100_000_000, two).execute(1, block);
    assertThat(p.receipts()).isEqualTo(s.receipts());
    assertThat(p.stateRoot()).isEqualTo(s.stateRoot());
    assertThat(p.receiptsRoot()).isEqualTo(s.receiptsRoot());
  }

  @Test
  void conflictFreeTransfersReallyRunConcurrently() {
    // 64 transfers between disjoint pairs: the plan has no edges, so every worker gets work.
    List<Tx> block = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      block.add(TestLedger.transfer(2 * i, 0, 2 * i + 1, 5, 200_000));
    }
    List<dev.aether.ledger.AccessSet> access =
        block.stream().map(dev.aether.ledger.AccessSet::of).toList();
    assertThat(new Scheduler().plan(access).depth()).isEqualTo(1);
    TestLedger l = new TestLedger(128, 1_000_000, two);
    assertThat(l.run(1, block).receipts()).allMatch(x -> x.status() == Receipt.Status.SUCCESS);
    assertThat(l.swr(user(1))).isEqualTo(1_000_005);
  }
}
