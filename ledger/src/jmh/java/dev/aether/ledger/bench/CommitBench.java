package dev.aether.ledger.bench;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.StateStore;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Tx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Commit latency per block: writing one executed block of 1,000 transfers (state, tree nodes,
 * header, block, receipts, head) as one batch. Executing the block happens in per-invocation
 * setup, outside the measurement. Baseline in the same run: the in-memory store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CommitBench {
  static final int TXS = 1000;
  static final int ACCOUNTS = 10_000;

  @Param({"memory", "rocks-sync", "rocks-nosync"})
  public String store;

  private StateStore backing;
  private Path dir;
  private Ledger ledger;
  private BenchChain chain;
  private long[] nonces;
  private int next;
  private Block block;
  private ExecutedBlock executed;

  @Setup(Level.Trial)
  public void open() throws IOException {
    chain = new BenchChain(ACCOUNTS, 11);
    nonces = new long[ACCOUNTS];
    backing =
        switch (store) {
          case "memory" -> new MemoryStateStore();
          default -> {
            dir = Files.createTempDirectory("aether-commit-bench");
            yield RocksStateStore.open(dir, store.equals("rocks-sync"));
          }
        };
    Genesis.load(backing, chain.genesis());
    ledger = Ledger.open(backing, LedgerConfig.defaults(BenchChain.CHAIN));
  }

  @Setup(Level.Invocation)
  public void executeNextBlock() {
    List<Tx> txs = new ArrayList<>(TXS);
    for (int i = 0; i < TXS; i++) {
      int from = next++ % ACCOUNTS;
      txs.add(chain.transfer(from, nonces[from]++, (from + 7) % ACCOUNTS));
    }
    Head head = ledger.head();
    executed = ledger.execute(new BlockContext(head.height() + 1, head.height() + 1, true), txs);
    block = new Block(BenchChain.header(head, executed), txs, Bytes.EMPTY);
  }

  /** One block's atomic commit; score = ms per block. */
  @Benchmark
  public Head commitBlock() {
    return ledger.commit(block, executed);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    backing.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
