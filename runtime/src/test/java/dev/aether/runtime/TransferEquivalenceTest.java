package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real transaction logic (fees, nonces, congestion, rent, failures) gives the same blocks on
 * the parallel executor as on the serial one, over several consecutive blocks.
 */
class TransferEquivalenceTest {
  private static final TxProcessor LOGIC = TxProcessor.genesis(TestPrograms.all());
  private static ParallelExecutor pool;

  @BeforeAll
  static void start() {
    pool = new ParallelExecutor(LOGIC, 3);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  static List<Tx> randomBlock(SplittableRandom r, int users, long[] nonces, int n, int hotPct) {
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int from = r.nextInt(users);
      long nonce = r.nextInt(20) == 0 ? nonces[from] + 1 : nonces[from]; // some bad nonces
      int kind = r.nextInt(10);
      Tx tx;
      if (kind < 6) {
        int to = r.nextInt(100) < hotPct ? 0 : r.nextInt(users);
        long amount = r.nextInt(10) == 0 ? 50_000_000 : r.nextInt(10_000); // some overdrafts
        tx = Fixtures.transfer(from, nonce, to, amount, 60_000 + r.nextInt(40_000));
      } else if (kind < 9) {
        int slot = r.nextInt(100) < hotPct ? 0 : r.nextInt(50);
        H256 key = CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(slot));
        byte[] v = new byte[r.nextInt(40)];
        r.nextBytes(v);
        tx =
            Fixtures.tx(
                from,
                nonce,
                List.of(),
                List.of(key),
                List.of(new Call(TestPrograms.STORE, "set", TestPrograms.slotArgs(slot, v))),
                200_000);
      } else {
        tx =
            Fixtures.tx(
                from,
                nonce,
                List.of(),
                List.of(),
                List.of(
                    new Call(TestPrograms.BURN, "burn", TestPrograms.longArg(r.nextInt(80_000)))),
                80_000 + r.nextInt(100_000)); // some run out
      }
      nonces[from] = nonce == nonces[from] ? nonce + 1 : nonces[from];
      txs.add(tx);
    }
    return txs;
  }

  @Test
  void consecutiveRandomBlocksAgree() {
    for (long seed = 1; seed <= 12; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int users = 5 + r.nextInt(300);
      TreeMap<H256, Bytes> serialState = Fixtures.funded(users, 20_000_000);
      TreeMap<H256, Bytes> parallelState = new TreeMap<>(serialState);
      long[] nonces = new long[users];
      int failures = 0;
      for (int height = 1; height <= 4; height++) {
        List<Tx> block = randomBlock(r, users, nonces, r.nextInt(250), r.nextInt(101));
        BlockContext ctx =
            BlockContext.atop(
                Fixtures.reader(serialState), Fixtures.CHAIN, height, height * 40L, 100);
        BlockOutcome s =
            new SerialExecutor(LOGIC).execute(ctx, Fixtures.reader(serialState), block);
        BlockOutcome p = pool.execute(ctx, Fixtures.reader(parallelState), block);
        assertThat(p.receipts()).as("seed %d height %d", seed, height).isEqualTo(s.receipts());
        assertThat(p.stateDiff()).as("seed %d height %d", seed, height).isEqualTo(s.stateDiff());
        Fixtures.apply(serialState, s);
        Fixtures.apply(parallelState, p);
        failures +=
            (int) s.receipts().stream().filter(x -> x.status() == Receipt.Status.FAILED).count();
      }
      assertThat(failures).as("workload exercises failures").isPositive();
    }
  }
}
