package dev.aether.compute.trace;

import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes each step's output into a field element as the engine produces it. {@link #overlapped()}
 * hashes on a second thread while the engine computes the next step, so on a machine with a core to
 * spare the trace costs a provider's job almost no wall-clock time; the leaves are the same either
 * way (each is a pure function of its step's output, kept in step order).
 */
public final class TraceRecorder implements StepObserver, AutoCloseable {
  private final List<byte[]> leaves = new ArrayList<>();
  private final List<Future<byte[]>> pending = new ArrayList<>();
  private final ExecutorService hasher;

  /** Hashes on the engine's thread. */
  public TraceRecorder() {
    this.hasher = null;
  }

  private TraceRecorder(ExecutorService hasher) {
    this.hasher = hasher;
  }

  /** Hashes on one thread of its own beside the engine; {@link #close()} it after the run. */
  public static TraceRecorder overlapped() {
    return new TraceRecorder(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "aether-trace-hasher");
              t.setDaemon(true);
              return t;
            }));
  }

  @Override
  public void onStep(int index, Tensor output) {
    if (index != leaves.size() + pending.size()) {
      throw new IllegalStateException("steps must arrive in order");
    }
    if (hasher == null) {
      leaves.add(leaf(output));
    } else {
      pending.add(hasher.submit(() -> leaf(output)));
    }
  }

  /** The leaves so far, one per step (waits for any still being hashed). */
  public List<byte[]> leaves() {
    List<byte[]> out = new ArrayList<>(leaves);
    try {
      for (Future<byte[]> f : pending) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing the trace", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing the trace failed", e.getCause());
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    if (hasher != null) {
      hasher.shutdownNow();
    }
  }

  /** A step's leaf: {@code SHA-256(canonical bytes) mod r}. */
  public static byte[] leaf(Tensor output) {
    return FieldElements.fromDigest(output.sha256());
  }
}
