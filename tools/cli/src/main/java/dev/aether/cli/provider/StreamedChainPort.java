package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.rpc.BlockStreamClient;
import dev.aether.rpc.FinalBlock;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChainPort} that learns of final blocks from the node's gRPC block stream (what the
 * indexer follows) instead of polling for them: one reader thread subscribes from the first height
 * the daemon scans, keeps up to {@link #MAX_BUFFERED} decoded blocks ahead of it (then waits, so
 * gRPC flow control holds the node back), and wakes the daemon as each block arrives. Everything
 * else — jobs, nonces, receipts, sends — goes to the JSON-RPC port it wraps, which also answers
 * while the stream is down (node restarting): both serve the same final blocks.
 */
final class StreamedChainPort implements ChainPort, AutoCloseable {
  static final int MAX_BUFFERED = 1_024;
  private static final long RECONNECT_MS = 1_000;

  private final ChainPort rpc;
  private final String host;
  private final int port;
  private final TreeMap<Long, Streamed> blocks = new TreeMap<>(); // guarded by this
  private final AtomicLong served = new AtomicLong();
  private Head last; // the newest streamed block's; guarded by this
  private boolean connected; // guarded by this
  private long next = -1; // the height the stream reads next; guarded by this
  private Thread reader; // guarded by this
  private BlockStreamClient.Subscription subscription; // guarded by this
  private volatile boolean closed;
  private long stalledAt = -1; // the lowest buffered height when a wait last returned at once

  private record Streamed(Head head, List<ChainTx> txs) {}

  /**
   * Streams from {@code host:port} (the node's {@code --grpc} address); the rest over {@code rpc}.
   */
  StreamedChainPort(ChainPort rpc, String host, int port) {
    this.rpc = rpc;
    this.host = host;
    this.port = port;
  }

  /** Parses {@code host:port}. */
  static StreamedChainPort over(ChainPort rpc, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new StreamedChainPort(
        rpc, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** Blocks whose transactions came from the stream rather than JSON-RPC. */
  long streamedBlocks() {
    return served.get();
  }

  @Override
  public synchronized Head finalized() {
    return connected && last != null ? last : rpc.finalized();
  }

  @Override
  public List<ChainTx> txs(long height) {
    synchronized (this) {
      if (reader == null && !closed) {
        next = height;
        reader = Thread.ofVirtual().name("aether-daemon-stream").start(this::read);
      }
      Streamed s = blocks.get(height);
      if (s != null) {
        blocks.headMap(height, true).clear();
        notifyAll(); // room for the reader
        served.incrementAndGet();
        return s.txs();
      }
    }
    return rpc.txs(height);
  }

  @Override
  public synchronized void awaitNewBlock(long timeoutMs) throws InterruptedException {
    if (reader == null) {
      wait(timeoutMs); // not following yet: plain polling
      return;
    }
    if (!blocks.isEmpty() && blocks.firstKey() != stalledAt) {
      // Blocks the daemon has not scanned yet (it scans in batches): go on at once, unless the
      // last pass made no progress on them (then wait as usual, not spin).
      stalledAt = blocks.firstKey();
      return;
    }
    Head seen = last;
    long until = System.nanoTime() + timeoutMs * 1_000_000;
    while (last == seen && !closed) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  private void read() {
    while (!closed) {
      long from;
      synchronized (this) {
        from = next;
      }
      try (BlockStreamClient client = new BlockStreamClient(host, port);
          BlockStreamClient.Subscription sub = client.subscribe(from)) {
        synchronized (this) {
          if (closed) {
            return;
          }
          subscription = sub;
          connected = true;
        }
        while (!closed && sub.hasNext()) {
          FinalBlock fb = sub.next();
          List<ChainTx> txs = new ArrayList<>();
          for (Tx tx : fb.block().txs()) {
            txs.add(new ChainTx(tx.body().payer(), tx.body().nonce(), tx.body().calls()));
          }
          long h = fb.block().header().height();
          synchronized (this) {
            while (blocks.size() >= MAX_BUFFERED && !closed) {
              wait();
            }
            blocks.put(h, new Streamed(new Head(h, fb.block().header().slot()), txs));
            last = new Head(h, fb.block().header().slot());
            next = h + 1;
            notifyAll();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The node is restarting or unreachable: JSON-RPC answers meanwhile; subscribe again.
      }
      synchronized (this) {
        connected = false;
        subscription = null;
        if (closed) {
          return;
        }
        try {
          wait(RECONNECT_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      if (subscription != null) {
        subscription.close();
      }
      t = reader;
      notifyAll();
    }
    if (t != null) {
      t.interrupt();
    }
  }

  // Everything but the block feed goes to JSON-RPC.

  @Override
  public String chainId() {
    return rpc.chainId();
  }

  @Override
  public Optional<JsonNode> job(H256 id) {
    return rpc.job(id);
  }

  @Override
  public JsonNode jobParams() {
    return rpc.jobParams();
  }

  @Override
  public Optional<JsonNode> provider(Address a) {
    return rpc.provider(a);
  }

  @Override
  public long nonce(Address a) {
    return rpc.nonce(a);
  }

  @Override
  public H256 send(Tx tx) {
    return rpc.send(tx);
  }

  @Override
  public Optional<JsonNode> receipt(H256 tx) {
    return rpc.receipt(tx);
  }
}
