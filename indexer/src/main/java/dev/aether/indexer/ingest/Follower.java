package dev.aether.indexer.ingest;

import dev.aether.indexer.IndexerException;
import dev.aether.rpc.BlockStreamClient;
import dev.aether.rpc.FinalBlock;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Follows the node's gRPC block stream from the block after the cursor and writes each block with
 * {@link BlockWriter}. A broken stream (node restarting, network) is reopened from the cursor after
 * a back-off; a block that does not extend the indexed chain stops the follower with the error.
 */
public final class Follower implements Runnable {
  private static final Logger LOG = Logger.getLogger(Follower.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final String host;
  private final int port;
  private final BlockWriter writer;
  private final LongConsumer onIndexed;
  private final AtomicLong indexed = new AtomicLong(-1);
  private volatile boolean closed;
  private volatile BlockStreamClient.Subscription current;
  private volatile IndexerException failure;

  /**
   * @param onIndexed called with each newly written height (after its commit)
   */
  public Follower(String host, int port, BlockWriter writer, LongConsumer onIndexed) {
    this.host = host;
    this.port = port;
    this.writer = writer;
    this.onIndexed = onIndexed;
  }

  /** The last indexed height, -1 before the first block. */
  public long indexedHeight() {
    return indexed.get();
  }

  /** Why the follower stopped, if it stopped on an error. */
  public java.util.Optional<IndexerException> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  @Override
  public void run() {
    Duration backoff = Duration.ofMillis(100);
    try (BlockStreamClient client = new BlockStreamClient(host, port)) {
      while (!closed) {
        long from = writer.cursor().map(c -> c.height() + 1).orElse(0L);
        indexed.set(from - 1);
        try (BlockStreamClient.Subscription sub = client.subscribe(from)) {
          current = sub;
          while (!closed && sub.hasNext()) {
            FinalBlock fb = sub.next();
            if (writer.write(fb) == BlockWriter.Outcome.WRITTEN) {
              indexed.set(fb.height());
              onIndexed.accept(fb.height());
            }
            backoff = Duration.ofMillis(100);
          }
        } catch (StatusRuntimeException e) {
          if (closed) {
            break;
          }
          LOG.info(
              "block stream from "
                  + host
                  + ":"
                  + port
                  + " broke ("
                  + e.getStatus().getCode()
                  + "); reconnecting from height "
                  + (indexed.get() + 1));
        } catch (IndexerException.Database e) {
          if (closed) {
            break;
          }
          LOG.warning(e.getMessage() + "; retrying");
        }
        if (!closed) {
          sleep(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    } catch (IndexerException e) {
      failure = e;
      LOG.severe("indexer stopped: " + e.getMessage());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops following (the current stream is cancelled). */
  public void close() {
    closed = true;
    BlockStreamClient.Subscription s = current;
    if (s != null) {
      s.close();
    }
  }
}
