package dev.aether.runtime;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.SerialExecutor;
import dev.aether.types.Tx;
import dev.aether.types.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of transaction decoding and execution. Mutated encodings of valid
 * transactions (and plain random bytes) either fail to decode with a {@link CodecException} or
 * decode to a transaction; blocks of decoded transactions either execute or are rejected with a
 * {@link LedgerException}, identically on the serial and the parallel executor — nothing else
 * escapes, nothing hangs.
 */
class TxFuzzTest {
  private static ParallelExecutor parallel;

  @BeforeAll
  static void start() {
    parallel = new ParallelExecutor(2);
  }

  @AfterAll
  static void stop() {
    parallel.close();
  }

  private static List<byte[]> seeds() {
    List<byte[]> s = new ArrayList<>();
    s.add(Tx.CODEC.encode(transfer(0, 0, 1, 5, 200_000)));
    s.add(Tx.CODEC.encode(deploy(0, 0, wasm("counter"))));
    s.add(
        Tx.CODEC.encode(call(1, 0, id("stress"), "burn", u64(50), List.of(), List.of(), 300_000)));
    s.add(
        Tx.CODEC.encode(
            call(
                2,
                0,
                id("token"),
                "transfer",
                transferArgs(user(1), 5),
                List.of(),
                List.of(slotOf(user(2)), slotOf(user(1))),
                300_000)));
    return s;
  }

  private static String outcome(TestLedger l, List<Tx> txs) {
    try {
      ExecutedBlock ex = l.execute(2, txs);
      return ex.stateRoot() + " " + ex.receiptsRoot() + " " + ex.receipts();
    } catch (LedgerException e) {
      return "rejected " + e.error().code() + " " + e.error().number();
    } catch (RuntimeException e) {
      return fail("execution leaked " + e, e);
    }
  }

  static void fuzz(long seed, int iterations) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> seeds = seeds();
    TestLedger serial = new TestLedger(4, 1_000_000_000, new SerialExecutor());
    TestLedger par = new TestLedger(4, 1_000_000_000, parallel);
    List<Tx> setup = new ArrayList<>();
    long n = 0;
    for (String c : List.of("token", "counter", "stress")) {
      setup.add(deploy(3, n++, wasm(c)));
    }
    serial.run(1, setup);
    par.run(1, setup);
    int decoded = 0;
    for (int i = 0; i < iterations; i++) {
      List<Tx> block = new ArrayList<>();
      int size = 1 + r.nextInt(4);
      for (int k = 0; k < size; k++) {
        byte[] bytes =
            r.nextInt(10) == 0
                ? randomBytes(r)
                : Mutator.mutate(r, seeds.get(r.nextInt(seeds.size())));
        try {
          block.add(Tx.CODEC.decode(bytes));
          decoded++;
        } catch (CodecException e) {
          assertThat(e.code()).isNotBlank();
        } catch (RuntimeException e) {
          fail("decoding leaked " + e, e);
        }
      }
      if (block.isEmpty()) {
        continue;
      }
      assertThat(outcome(par, block)).isEqualTo(outcome(serial, block));
    }
    assertThat(decoded).as("some mutants decode, so execution is fuzzed too").isPositive();
  }

  private static byte[] randomBytes(SplittableRandom r) {
    byte[] b = new byte[r.nextInt(400)];
    r.nextBytes(b);
    return b;
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void mutatedTransactionsDecodeOrFailCleanlyAndExecuteIdentically() {
    fuzz(7, 400);
  }

  @Test
  @Tag("soak")
  @Tag("fuzz")
  void longTransactionFuzz() {
    for (long seed = 1_000; seed < 1_020; seed++) {
      fuzz(seed, 3_000);
    }
  }
}
