package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.ledger.TxOutcome;
import dev.aether.ledger.TxProcessor;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The ledger's {@link BlockExecutor}, run in parallel: plans the block into a conflict DAG ({@link
 * Scheduler}), runs each transaction on a worker pool as soon as the transactions it conflicts with
 * have finished, then commits their changes into the block state in block order. Proposers and
 * validators re-executing a proposed block use the same executor.
 *
 * <p>Why reads are right without locks: a transaction starts only after every earlier transaction
 * that writes a key it touches has finished and published its changes, and no later writer of that
 * key can start before it finishes. So when transaction {@code i} reads key {@code k}, the
 * published value of {@code k} is exactly the one the serial run would show it. The ledger's
 * access-checked state lets programs touch nothing undeclared, and its own steps (payer, inputs,
 * outputs) are in {@link AccessSet#of}.
 *
 * <p>A rejected transaction makes the block invalid; the executor reports the lowest rejected
 * index, as the serial executor would (rejected transactions change nothing, so the ones after them
 * ran on the same state either way).
 */
public final class ParallelExecutor implements BlockExecutor, AutoCloseable {
  /** Stack of each worker: contract calls recurse on the Java stack (see the WASM package). */
  static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;

  private final Scheduler scheduler = new Scheduler();
  private final ExecutorService pool;
  private final int threads;

  /** An executor with a pool of {@code threads} workers, which it owns and {@link #close}s. */
  public ParallelExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, workerFactory());
  }

  /** An executor with one worker per available core. */
  public ParallelExecutor() {
    this(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  @Override
  public List<Receipt> execute(
      BlockContext ctx, List<Tx> txs, BlockState state, TxProcessor processor) {
    List<AccessSet> access = new ArrayList<>(txs.size());
    for (Tx tx : txs) {
      access.add(AccessSet.of(tx));
    }
    Run run = new Run(ctx, txs, state, processor, scheduler.plan(access));
    run.awaitAll();
    for (int i = 0; i < txs.size(); i++) {
      if (run.outcomes[i] instanceof TxOutcome.Rejected r) {
        throw new LedgerException(new LedgerError.InvalidBlock(i, r.error()));
      }
    }
    List<Receipt> receipts = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      receipts.add(((TxOutcome.Applied) run.outcomes[i]).receipt());
      for (Map.Entry<H256, Optional<StateObject>> e : run.changes.get(i).entrySet()) {
        if (e.getValue().isPresent()) {
          state.put(e.getKey(), e.getValue().get());
        } else {
          state.delete(e.getKey());
        }
      }
    }
    return receipts;
  }

  @Override
  public void close() {
    pool.shutdown();
  }

  /** One block's execution, shared by the workers. */
  private final class Run {
    private final BlockContext ctx;
    private final List<Tx> txs;
    private final TxProcessor processor;
    private final Plan plan;
    private final StateReader view;
    private final ConcurrentHashMap<H256, Optional<StateObject>> published =
        new ConcurrentHashMap<>();
    private final AtomicIntegerArray waitingFor;
    private final AtomicInteger unfinished;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final TxOutcome[] outcomes;
    private final List<SortedMap<H256, Optional<StateObject>>> changes;

    Run(BlockContext ctx, List<Tx> txs, BlockState state, TxProcessor processor, Plan plan) {
      this.ctx = ctx;
      this.txs = txs;
      this.processor = processor;
      this.plan = plan;
      int n = txs.size();
      this.outcomes = new TxOutcome[n];
      this.changes = new ArrayList<>(java.util.Collections.nCopies(n, null));
      this.waitingFor = new AtomicIntegerArray(n);
      for (int i = 0; i < n; i++) {
        waitingFor.set(i, plan.predecessorCount(i));
      }
      this.unfinished = new AtomicInteger(n);
      // The block state is only read while workers run; it is written after they all finish.
      this.view =
          key -> {
            Optional<StateObject> v = published.get(key);
            return v != null ? v : state.get(key);
          };
    }

    void awaitAll() {
      if (txs.isEmpty()) {
        return;
      }
      // Hand the roots out in `threads` interleaved slices: one pool task per worker instead of
      // one per transaction, which on a busy machine costs more than a simple transfer.
      List<Integer> roots = new ArrayList<>();
      for (int i = 0; i < txs.size(); i++) {
        if (plan.predecessorCount(i) == 0) {
          roots.add(i);
        }
      }
      int slices = Math.min(threads, roots.size());
      for (int w = 0; w < slices; w++) {
        int first = w;
        pool.execute(
            () -> {
              for (int k = first; k < roots.size(); k += slices) {
                runChain(roots.get(k));
              }
            });
      }
      try {
        done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while executing a block", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof LedgerException le) {
          throw le; // e.g. malformed state: the same exception the serial run would throw
        }
        throw new IllegalStateException("transaction processing failed", e.getCause());
      }
    }

    /**
     * Runs {@code i}, then keeps running one successor it made ready on the same thread (a conflict
     * chain stays on one worker, with no hand-off); other ready successors go to the pool.
     */
    private void runChain(int i) {
      int next = i;
      while (next >= 0 && !done.isDone()) {
        next = runTx(next);
      }
    }

    /** Runs one transaction; returns a successor to run next on this thread, or -1. */
    private int runTx(int i) {
      try {
        BlockState mine = new BlockState(view);
        outcomes[i] = processor.process(ctx, txs.get(i), mine);
        SortedMap<H256, Optional<StateObject>> c = mine.changes();
        changes.set(i, c);
        published.putAll(c);
      } catch (RuntimeException | Error t) {
        done.completeExceptionally(t);
        return -1;
      }
      int inline = -1;
      for (int s : plan.successorsView(i)) {
        if (waitingFor.decrementAndGet(s) == 0) {
          if (inline < 0) {
            inline = s;
          } else {
            int ready = s;
            pool.execute(() -> runChain(ready));
          }
        }
      }
      if (unfinished.decrementAndGet() == 0) {
        done.complete(null);
      }
      return inline;
    }
  }

  private static ThreadFactory workerFactory() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, "aether-exec-" + count.incrementAndGet(), WORKER_STACK_BYTES);
      t.setDaemon(true);
      return t;
    };
  }
}
