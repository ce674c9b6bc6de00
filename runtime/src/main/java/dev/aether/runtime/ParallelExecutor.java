package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Runs a block on a worker pool following the {@link Scheduler}'s conflict DAG, then commits the
 * transactions' writes in block order.
 *
 * <p>Why reads are right without locks: a transaction starts only after every earlier transaction
 * that writes a key it touches has finished and published its writes, and no later writer of that
 * key can start before it finishes (the later writer waits for it). So when transaction {@code i}
 * reads key {@code k}, the published value of {@code k} is exactly the one the serial run would
 * show it. Access sets are enforced by {@link TxState}, so nothing undeclared is read.
 *
 * <p>The final diff is built by replaying each transaction's buffered writes in block order, not
 * from the shared map, so it does not depend on which thread finished first.
 */
public final class ParallelExecutor implements BlockExecution, AutoCloseable {
  private final TxLogic logic;
  private final Scheduler scheduler;
  private final ExecutorService pool;
  private final int threads;

  /** An executor with a pool of {@code threads} workers, which it owns and {@link #close}s. */
  public ParallelExecutor(TxLogic logic, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.logic = logic;
    this.scheduler = new Scheduler();
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, workerFactory());
  }

  /** An executor with one worker per available core. */
  public ParallelExecutor(TxLogic logic) {
    this(logic, Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  @Override
  public BlockOutcome execute(BlockContext block, StateReader parent, List<Tx> txs) {
    int n = txs.size();
    List<AccessSet> access = new ArrayList<>(n);
    for (Tx tx : txs) {
      access.add(logic.accessSet(tx));
    }
    Plan plan = scheduler.plan(access);
    Run run = new Run(block, parent, txs, access, plan);
    run.start();
    TreeMap<H256, Optional<Bytes>> diff = new TreeMap<>();
    for (SortedMap<H256, Optional<Bytes>> w : run.writes) {
      diff.putAll(w);
    }
    diff.putAll(logic.endBlock(block, access));
    return new BlockOutcome(List.of(run.receipts), diff);
  }

  @Override
  public void close() {
    pool.shutdown();
  }

  /** The state of one block's execution, shared by the workers. */
  private final class Run {
    private final BlockContext block;
    private final List<Tx> txs;
    private final List<AccessSet> access;
    private final Plan plan;
    private final StateReader view;
    private final ConcurrentHashMap<H256, Optional<Bytes>> published = new ConcurrentHashMap<>();
    private final AtomicIntegerArray waitingFor;
    private final AtomicInteger unfinished;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Receipt[] receipts;
    private final List<SortedMap<H256, Optional<Bytes>>> writes;

    Run(BlockContext block, StateReader parent, List<Tx> txs, List<AccessSet> access, Plan plan) {
      this.block = block;
      this.txs = txs;
      this.access = access;
      this.plan = plan;
      int n = txs.size();
      this.receipts = new Receipt[n];
      this.writes = new ArrayList<>(java.util.Collections.nCopies(n, null));
      this.waitingFor = new AtomicIntegerArray(n);
      for (int i = 0; i < n; i++) {
        waitingFor.set(i, plan.predecessorCount(i));
      }
      this.unfinished = new AtomicInteger(n);
      this.view =
          key -> {
            Optional<Bytes> v = published.get(key);
            return v != null ? v : parent.get(key);
          };
    }

    void start() {
      if (txs.isEmpty()) {
        return;
      }
      for (int i = 0; i < txs.size(); i++) {
        if (plan.predecessorCount(i) == 0) {
          submit(i);
        }
      }
      try {
        done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while executing a block", e);
      } catch (ExecutionException e) {
        // TxLogic contracts to turn user errors into receipts: an exception here is a bug.
        throw new IllegalStateException("transaction logic failed", e.getCause());
      }
    }

    private void submit(int i) {
      pool.execute(() -> runTx(i));
    }

    private void runTx(int i) {
      if (done.isDone()) {
        return; // an earlier failure aborted the block
      }
      try {
        TxState state = new TxState(view, access.get(i));
        receipts[i] = logic.execute(block, txs.get(i), state);
        SortedMap<H256, Optional<Bytes>> w = state.writes();
        writes.set(i, w);
        published.putAll(w);
      } catch (Throwable t) {
        done.completeExceptionally(t);
        return;
      }
      for (int s : plan.successorsView(i)) {
        if (waitingFor.decrementAndGet(s) == 0) {
          submit(s);
        }
      }
      if (unfinished.decrementAndGet() == 0) {
        done.complete(null);
      }
    }
  }

  private static ThreadFactory workerFactory() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "aether-exec-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
