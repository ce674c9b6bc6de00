package dev.aether.node;

import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.PoolView;
import dev.aether.mempool.Rejection;
import dev.aether.types.Tx;
import dev.aether.types.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Transaction admission off the network's logic thread. Gossiped and RPC-submitted transactions
 * wait in a bounded queue; one worker takes up to {@link #BATCH} at a time, runs the mempool's
 * checks that need no signature first, verifies the signatures of the survivors in one batch (about
 * twice as fast per signature as one at a time) and admits them. The logic thread so only queues a
 * transaction and goes on with votes and proposals.
 */
final class TxAdmission implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TxAdmission.class.getName());

  /** Transactions taken per round of checks. */
  static final int BATCH = 64;

  private final Mempool mempool;
  private final Supplier<PoolView> view;
  private final IntConsumer verified;
  private final BlockingQueue<Job> queue;
  private final Thread worker;
  private volatile boolean closed;

  private record Job(byte[] raw, CompletableFuture<Admission> result) {}

  /**
   * @param capacity most transactions waiting; beyond it {@link #offer} refuses
   * @param view the state admission checks against, fetched once per batch
   * @param verified told how many signatures each batch verified (metrics)
   */
  TxAdmission(Mempool mempool, Supplier<PoolView> view, int capacity, IntConsumer verified) {
    this.mempool = mempool;
    this.view = view;
    this.verified = verified;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = Thread.ofPlatform().name("tx-admission").daemon().start(this::run);
  }

  /** Queues {@code raw} for admission; empty when the queue is full (or closed). */
  Optional<CompletableFuture<Admission>> offer(byte[] raw) {
    Job job = new Job(raw, new CompletableFuture<>());
    return !closed && queue.offer(job) ? Optional.of(job.result()) : Optional.empty();
  }

  /** Transactions waiting. */
  int waiting() {
    return queue.size();
  }

  private void run() {
    List<Job> batch = new ArrayList<>(BATCH);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      try {
        admit(batch);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "transaction admission failed", e);
        batch.forEach(j -> j.result().completeExceptionally(e));
      }
      batch.clear();
    }
  }

  private record Candidate(Job job, Tx tx) {}

  private void admit(List<Job> batch) {
    PoolView v = view.get();
    List<Candidate> candidates = new ArrayList<>(batch.size());
    for (Job job : batch) {
      Optional<Tx> tx = decode(job);
      if (tx.isEmpty()) {
        continue;
      }
      Optional<Admission.Rejected> r = mempool.precheck(tx.get(), job.raw().length, v);
      if (r.isPresent()) {
        job.result().complete(r.get());
      } else {
        candidates.add(new Candidate(job, tx.get()));
      }
    }
    // One batch for all; if it fails, one transaction at a time to find the forged ones.
    List<Tx> txs = candidates.stream().map(Candidate::tx).toList();
    int signatures = txs.stream().mapToInt(t -> t.signatures().size()).sum();
    boolean allValid = TxSignatures.allValid(txs, t -> false);
    verified.accept(allValid ? signatures : 2 * signatures);
    for (Candidate c : candidates) {
      boolean valid = allValid || TxSignatures.allValid(List.of(c.tx()), t -> false);
      c.job()
          .result()
          .complete(
              valid
                  ? mempool.admit(c.tx(), c.job().raw().length, v, true)
                  : new Admission.Rejected(Rejection.BAD_SIGNATURE, ""));
    }
  }

  private static Optional<Tx> decode(Job job) {
    if (job.raw().length > Tx.MAX_BYTES) {
      job.result()
          .complete(
              new Admission.Rejected(
                  Rejection.TOO_LARGE, job.raw().length + " > " + Tx.MAX_BYTES + " bytes"));
      return Optional.empty();
    }
    try {
      return Optional.of(Tx.CODEC.decode(job.raw()));
    } catch (CodecException e) {
      job.result().complete(new Admission.Rejected(Rejection.MALFORMED, e.getMessage()));
      return Optional.empty();
    }
  }

  /** Stops the worker; transactions still waiting are dropped. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    Job j;
    while ((j = queue.poll()) != null) {
      j.result().complete(new Admission.Rejected(Rejection.POOL_FULL, "node shutting down"));
    }
  }
}
