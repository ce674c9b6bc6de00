package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parallel executor's outcome equals the serial one on random workloads. */
class ExecutorEquivalenceTest {
  private static final BlockContext BLOCK = new BlockContext("test", 1, 1, 43_200);
  private static final OrderSensitiveLogic LOGIC = new OrderSensitiveLogic();
  private static ParallelExecutor two;
  private static ParallelExecutor four;

  @BeforeAll
  static void start() {
    two = new ParallelExecutor(LOGIC, 2);
    four = new ParallelExecutor(LOGIC, 4);
  }

  @AfterAll
  static void stop() {
    two.close();
    four.close();
  }

  private static void checkSeed(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int keys = 2 + r.nextInt(200);
    int n = r.nextInt(300);
    int hot = r.nextInt(101);
    int fail = r.nextInt(30);
    TreeMap<H256, Bytes> parent = Workloads.parentState(keys, 20);
    List<Tx> block = Workloads.block(seed, n, keys, 20, hot, fail);
    StateReader reader = k -> Optional.ofNullable(parent.get(k));
    BlockOutcome serial = new SerialExecutor(LOGIC).execute(BLOCK, reader, block);
    for (ParallelExecutor p : List.of(two, four)) {
      BlockOutcome parallel = p.execute(BLOCK, reader, block);
      assertThat(parallel.receipts()).as("receipts, seed %d", seed).isEqualTo(serial.receipts());
      assertThat(parallel.stateDiff()).as("state, seed %d", seed).isEqualTo(serial.stateDiff());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void parallelEqualsSerialOnRandomBlocks(long seed) {
    checkSeed(seed);
  }

  @Test
  void manyRandomBlocksAgree() {
    for (long seed = 100; seed < 250; seed++) {
      checkSeed(seed);
    }
  }

  @Test
  @Tag("soak")
  void thousandsOfRandomBlocksAgree() {
    for (long seed = 10_000; seed < 15_000; seed++) {
      checkSeed(seed);
    }
  }

  @Test
  void workloadReallyIsOrderSensitive() {
    // Guards the property above against a logic too weak to notice reordering.
    TreeMap<H256, Bytes> parent = Workloads.parentState(2, 0);
    StateReader reader = k -> Optional.ofNullable(parent.get(k));
    List<Tx> block = Workloads.block(42, 40, 2, 0, 100, 0);
    BlockOutcome forward = new SerialExecutor(LOGIC).execute(BLOCK, reader, block);
    BlockOutcome backward = new SerialExecutor(LOGIC).execute(BLOCK, reader, block.reversed());
    assertThat(forward.stateDiff()).isNotEqualTo(backward.stateDiff());
  }

  @Test
  void failedTransactionsLeaveNoWritesAndUndeclaredAccessFails() {
    TreeMap<H256, Bytes> parent = Workloads.parentState(50, 0);
    StateReader reader = k -> Optional.ofNullable(parent.get(k));
    List<Tx> block = Workloads.block(7, 200, 50, 0, 0, 20);
    BlockOutcome out = two.execute(BLOCK, reader, block);
    assertThat(out.receipts()).extracting(Receipt::status).contains(Receipt.Status.FAILED);
    assertThat(out.receipts()).extracting(Receipt::errorCode).contains(501, 511);
    BlockOutcome onlySuccessful =
        new SerialExecutor(LOGIC)
            .execute(
                BLOCK,
                reader,
                block.stream()
                    .filter(
                        tx ->
                            out.receipts().get(block.indexOf(tx)).status()
                                == Receipt.Status.SUCCESS)
                    .toList());
    assertThat(out.stateDiff()).isEqualTo(onlySuccessful.stateDiff());
  }
}
