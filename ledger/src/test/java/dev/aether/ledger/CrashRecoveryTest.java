package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random instants while it commits blocks, reopens the store and
 * checks that it holds exactly a prefix of the chain: every acknowledged block present, the state
 * root equal to a deterministic in-memory replay and to a from-scratch recomputation, every
 * committed transaction's receipt present.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void reopensToLastCommittedBlockAfterSigkill() throws Exception {
    killAndCheck(5, 1);
  }

  @Test
  @Tag("soak")
  void survivesTwoHundredSigkills() throws Exception {
    killAndCheck(200, 2);
  }

  private void killAndCheck(int kills, long seed) throws Exception {
    Path db = dir.resolve("db");
    CrashWorkload workload = new CrashWorkload();
    Ledger replay = workload.open(new MemoryStateStore());
    Random rnd = new Random(seed);
    long checkedHeight = 0;
    long lastAck = 0;
    for (int k = 0; k < kills; k++) {
      Process child = start(db);
      long acked = lastAck;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        int wanted = 1 + rnd.nextInt(3);
        int seen = 0;
        String line;
        while (seen < wanted && (line = out.readLine()) != null) {
          if (line.startsWith("COMMITTED ")) {
            acked = Long.parseLong(line.split(" ")[1]);
            seen++;
          }
        }
        assertThat(seen).as("child committed blocks before the kill").isEqualTo(wanted);
        // A random instant inside the following commits (a block takes a few milliseconds).
        LockSupport.parkNanos(rnd.nextInt(8_000_000));
        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // Lines printed before the kill are acknowledgements too.
        while ((line = out.readLine()) != null) {
          if (line.startsWith("COMMITTED ")) {
            acked = Long.parseLong(line.split(" ")[1]);
          }
        }
      }
      assertThat(acked).isGreaterThanOrEqualTo(lastAck);
      lastAck = acked;
      try (RocksStateStore store = RocksStateStore.open(db)) {
        Head head = Ledger.readHead(store).orElseThrow();
        // Every acknowledged commit survived; at most the one in flight landed beyond it.
        assertThat(head.height()).isBetween(acked, acked + 1);
        lastAck = head.height();
        // The committed tree, the committed state and a replay all agree on the root.
        assertThat(new SparseMerkleTree(Ledger.readOnlyNodes(store)).root())
            .isEqualTo(head.stateRoot());
        assertThat(fromScratchRoot(store)).isEqualTo(head.stateRoot());
        Ledger reopened = Ledger.open(store, LedgerConfig.defaults(Txs.CHAIN));
        while (replay.head().height() < head.height()) {
          Block b = workload.commitNext(replay);
          assertThat(reopened.header(b.header().height())).contains(b.header());
        }
        assertThat(replay.head()).isEqualTo(head);
        for (long h = checkedHeight + 1; h <= head.height(); h++) {
          for (Tx tx : reopened.block(h).orElseThrow().txs()) {
            assertThat(reopened.receipt(tx.id())).as("receipt of a committed tx").isPresent();
          }
        }
        assertThat(reopened.block(head.height() + 1)).isEmpty();
        checkedHeight = head.height();
      }
    }
    assertThat(checkedHeight).isGreaterThanOrEqualTo(kills);
  }

  private static H256 fromScratchRoot(StateStore store) {
    TreeMap<H256, Optional<H256>> all = new TreeMap<>();
    byte[] lo = new byte[32];
    byte[] hi = new byte[33];
    hi[0] = 1;
    store.scan(
        Column.STATE,
        lo,
        new byte[] {
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          0
        },
        (k, v) -> {
          all.put(H256.of(k), Optional.of(Ledger.valueHash(StateObject.CODEC.decode(v))));
          return true;
        });
    return new SparseMerkleTree(new dev.aether.ledger.smt.InMemoryNodeStore()).update(all);
  }

  private static Process start(Path db) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashWorker.class.getName());
    cmd.add(db.toString());
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
