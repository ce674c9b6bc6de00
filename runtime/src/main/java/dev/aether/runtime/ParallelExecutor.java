package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.Parallelism;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.ledger.TxOutcome;
import dev.aether.ledger.TxProcessor;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The ledger's {@link BlockExecutor}, run in parallel: plans the block into a conflict DAG ({@link
 * Scheduler}), runs each transaction on a worker pool as soon as the transactions it conflicts with
 * have finished, then commits the block's net changes into the block state. Proposers and
 * validators re-executing a proposed block use the same executor.
 *
 * <p>Hand-offs are per block, not per transaction: each worker gets one pool task per block and
 * claims ready transactions itself; a transaction that finishes keeps one successor it made ready
 * on its own thread, so a conflict chain runs on one worker. After execution the same workers serve
 * the ledger's hashing ({@link #parallelism()}: state values, state-tree subtrees, receipts), with
 * the calling thread taking pieces too — never transactions, whose contracts need the workers'
 * large stacks.
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

  /** Transactions per piece when access sets are derived on the workers. */
  static final int ACCESS_PIECE = 32;

  private static final SerialExecutor SERIAL = new SerialExecutor();

  private final Scheduler scheduler = new Scheduler();
  private final Workers pool;
  private final int threads;
  private final Parallelism helpers = new Helpers();

  /** An executor with a pool of {@code threads} workers, which it owns and {@link #close}s. */
  public ParallelExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.threads = threads;
    this.pool = new Workers(threads, "aether-exec", WORKER_STACK_BYTES);
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
    int n = txs.size();
    AccessSet[] access = new AccessSet[n];
    helpers.forEachItem(n, ACCESS_PIECE, i -> access[i] = AccessSet.of(txs.get(i)));
    Plan plan = scheduler.plan(Arrays.asList(access));
    if (n > 0 && plan.depth() * 5L >= n * 4L) {
      // At most 1.25 transactions per round (e.g. one hot object): nothing to run side by side,
      // so run them in order straight on the block state, without the per-transaction overlays.
      return onOneWorker(() -> SERIAL.execute(ctx, txs, state, processor));
    }
    Run run = new Run(ctx, txs, state, processor, plan);
    run.awaitAll();
    List<Receipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (run.outcomes[i] instanceof TxOutcome.Rejected r) {
        throw new LedgerException(new LedgerError.InvalidBlock(i, r.error()));
      }
      receipts.add(((TxOutcome.Applied) run.outcomes[i]).receipt());
    }
    // What was published last under each key is its last writer's value in block order: writers
    // of a key are ordered by the plan, and each publishes before its successors start. So the
    // published map is the block's net change. Its keys are distinct and the block state keeps
    // them sorted, so the order they go in (the map's hash order) cannot show in the result.
    for (Map.Entry<H256, Optional<StateObject>> e : run.published.entrySet()) {
      if (e.getValue().isPresent()) {
        state.put(e.getKey(), e.getValue().get());
      } else {
        state.delete(e.getKey());
      }
    }
    return receipts;
  }

  /** Runs {@code work} on a worker (contracts need the workers' stacks) and waits for it. */
  private List<Receipt> onOneWorker(java.util.function.Supplier<List<Receipt>> work) {
    CompletableFuture<List<Receipt>> result = new CompletableFuture<>();
    pool.execute(
        () -> {
          try {
            result.complete(work.get());
          } catch (RuntimeException | Error t) {
            result.completeExceptionally(t);
          }
        });
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while executing a block", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LedgerException le) {
        throw le; // an invalid block, as the parallel run reports it
      }
      throw new IllegalStateException("transaction processing failed", e.getCause());
    }
  }

  /** The workers, lent to the ledger for the block's hashing after {@link #execute}. */
  @Override
  public Parallelism parallelism() {
    return helpers;
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * Pieces claimed one at a time from a shared counter by the calling thread and up to {@code
   * threads - 1} workers; the caller waits only for pieces a worker has claimed, so a worker busy
   * elsewhere delays nothing (the caller then runs every piece itself).
   */
  private final class Helpers implements Parallelism {
    @Override
    public int workers() {
      return threads;
    }

    @Override
    public void forEach(int n, IntConsumer piece) {
      if (n <= 1 || threads == 1) {
        for (int i = 0; i < n; i++) {
          piece.accept(i);
        }
        return;
      }
      AtomicInteger next = new AtomicInteger();
      AtomicInteger left = new AtomicInteger(n);
      CompletableFuture<Void> all = new CompletableFuture<>();
      Throwable[] failures = new Throwable[n];
      Runnable claim =
          () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              try {
                piece.accept(i);
              } catch (RuntimeException | Error t) {
                failures[i] = t;
              }
              if (left.decrementAndGet() == 0) {
                all.complete(null);
              }
            }
          };
      for (int w = Math.min(threads - 1, n - 1); w > 0; w--) {
        pool.execute(claim);
      }
      claim.run();
      all.join();
      for (Throwable t : failures) {
        if (t instanceof RuntimeException re) {
          throw re;
        }
        if (t instanceof Error err) {
          throw err;
        }
      }
    }
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

    /** Transactions that wait for nothing, claimed in block order through {@link #nextRoot}. */
    private final int[] roots;

    private final AtomicInteger nextRoot = new AtomicInteger();

    /** Other transactions made ready while their finisher ran a successor itself. */
    private final ConcurrentLinkedQueue<Integer> ready = new ConcurrentLinkedQueue<>();

    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition work = idleLock.newCondition();

    Run(BlockContext ctx, List<Tx> txs, BlockState state, TxProcessor processor, Plan plan) {
      this.ctx = ctx;
      this.txs = txs;
      this.processor = processor;
      this.plan = plan;
      int n = txs.size();
      this.outcomes = new TxOutcome[n];
      this.waitingFor = new AtomicIntegerArray(n);
      int rootCount = 0;
      for (int i = 0; i < n; i++) {
        int preds = plan.predecessorCount(i);
        waitingFor.set(i, preds);
        if (preds == 0) {
          rootCount++;
        }
      }
      this.roots = new int[rootCount];
      for (int i = 0, r = 0; i < n; i++) {
        if (plan.predecessorCount(i) == 0) {
          roots[r++] = i;
        }
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
      // One pool task per worker for the whole block: workers claim ready transactions themselves.
      for (int w = Math.min(threads, txs.size()); w > 0; w--) {
        pool.execute(this::work);
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

    /** A worker's loop: claim a ready transaction and run its chain, until the block is done. */
    private void work() {
      for (int i = claim(); i >= 0; i = claim()) {
        runChain(i);
      }
    }

    /** The next ready transaction, waiting while others still run; -1 once the block is done. */
    private int claim() {
      int r = nextRoot.getAndIncrement();
      if (r < roots.length) {
        return roots[r];
      }
      Integer x = ready.poll();
      if (x != null) {
        return x;
      }
      idleLock.lock();
      try {
        for (; ; ) {
          x = ready.poll();
          if (x != null) {
            return x;
          }
          if (done.isDone()) {
            return -1;
          }
          work.awaitUninterruptibly();
        }
      } finally {
        idleLock.unlock();
      }
    }

    private void wakeAll() {
      idleLock.lock();
      try {
        work.signalAll();
      } finally {
        idleLock.unlock();
      }
    }

    /**
     * Runs {@code i}, then keeps running one successor it made ready on the same thread (a conflict
     * chain stays on one worker, with no hand-off); other ready successors go to the other workers.
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
        published.putAll(mine.changes());
      } catch (RuntimeException | Error t) {
        done.completeExceptionally(t);
        wakeAll();
        return -1;
      }
      int inline = -1;
      for (int s : plan.successorsView(i)) {
        if (waitingFor.decrementAndGet(s) == 0) {
          if (inline < 0) {
            inline = s;
          } else {
            ready.add(s);
            wakeAll();
          }
        }
      }
      if (unfinished.decrementAndGet() == 0) {
        done.complete(null);
        wakeAll();
      }
      return inline;
    }
  }
}
