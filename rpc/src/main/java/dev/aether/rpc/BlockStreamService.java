package dev.aether.rpc;

import com.google.protobuf.ByteString;
import dev.aether.rpc.grpc.BlockStreamGrpc;
import dev.aether.rpc.grpc.FinalizedBlock;
import dev.aether.rpc.grpc.SubscribeRequest;
import dev.aether.types.Block;
import dev.aether.types.Receipt;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;

/**
 * The {@code aether.blockstream.v1.BlockStream} gRPC service: final blocks with receipts from any
 * height, then live. Each subscriber gets its own virtual thread that reads pages of final blocks
 * from the backend and sends them as the client's flow control allows; the backend's finality
 * listener only wakes that thread. Reading everything from the store, rather than buffering pushed
 * blocks, is what makes resuming from an old height and catching up after a slow spell the same
 * code path, with no gap or duplicate possible and no memory growth for slow clients.
 */
public final class BlockStreamService extends BlockStreamGrpc.BlockStreamImplBase {
  private static final System.Logger LOG = System.getLogger(BlockStreamService.class.getName());

  /** Streams open at once, in all. */
  public static final int MAX_SUBSCRIBERS = 256;

  /** Streams one client address may hold open at once. */
  public static final int MAX_PER_CLIENT = 8;

  /**
   * New subscriptions per second one client address may open (bursts of {@link #MAX_PER_CLIENT}).
   */
  public static final int SUBSCRIBES_PER_SECOND = 2;

  /** Pages of blocks one stream may read from the store per second while catching up. */
  public static final int PAGES_PER_SECOND = 50;

  /** The client's address, put into the call's context by {@link #interceptor()}. */
  static final io.grpc.Context.Key<String> CLIENT = io.grpc.Context.key("aether-client");

  private final ChainBackend backend;
  private final int pageSize;
  private final int maxSubscribers;
  private final int maxPerClient;
  private final RateLimiter subscribes;
  private final java.util.concurrent.atomic.AtomicInteger open =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> openPerClient =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param pageSize most blocks read from the backend per call
   * @param maxSubscribers streams open at once, in all
   * @param maxPerClient streams one client address may hold open at once
   * @param subscribesPerSecond new subscriptions per second per client address
   */
  public BlockStreamService(
      ChainBackend backend,
      int pageSize,
      int maxSubscribers,
      int maxPerClient,
      int subscribesPerSecond) {
    this.backend = Objects.requireNonNull(backend, "backend");
    if (pageSize < 1 || maxSubscribers < 1 || maxPerClient < 1 || subscribesPerSecond < 1) {
      throw new IllegalArgumentException("page size and limits must be at least 1");
    }
    this.pageSize = pageSize;
    this.maxSubscribers = maxSubscribers;
    this.maxPerClient = maxPerClient;
    this.subscribes = new RateLimiter(subscribesPerSecond, maxPerClient, System::nanoTime, 100_000);
  }

  public BlockStreamService(ChainBackend backend, int pageSize) {
    this(backend, pageSize, MAX_SUBSCRIBERS, MAX_PER_CLIENT, SUBSCRIBES_PER_SECOND);
  }

  public BlockStreamService(ChainBackend backend) {
    this(backend, 64);
  }

  /**
   * Records each call's remote address for the per-client limits; install it with the service
   * ({@link BlockStreamServer} does).
   */
  public static io.grpc.ServerInterceptor interceptor() {
    return new io.grpc.ServerInterceptor() {
      @Override
      public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
          io.grpc.ServerCall<Q, R> call,
          io.grpc.Metadata headers,
          io.grpc.ServerCallHandler<Q, R> next) {
        java.net.SocketAddress remote =
            call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String client =
            remote instanceof java.net.InetSocketAddress a
                ? a.getAddress().getHostAddress()
                : String.valueOf(remote);
        return io.grpc.Contexts.interceptCall(
            io.grpc.Context.current().withValue(CLIENT, client), call, headers, next);
      }
    };
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<FinalizedBlock> observer) {
    ServerCallStreamObserver<FinalizedBlock> call =
        (ServerCallStreamObserver<FinalizedBlock>) observer;
    long from = request.getFromHeight();
    if (from < 0) {
      // A uint64 above 2^63 - 1 arrives negative; no chain gets that tall.
      call.onError(
          Status.INVALID_ARGUMENT
              .withDescription("from_height " + Long.toUnsignedString(from) + " out of range")
              .asRuntimeException());
      return;
    }
    String client = Objects.requireNonNullElse(CLIENT.get(), "unknown");
    if (!subscribes.tryAcquire(client)) {
      call.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription("too many subscriptions from " + client + "; retry in a second")
              .asRuntimeException());
      return;
    }
    if (!admit(client)) {
      call.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription(
                  "stream limit reached ("
                      + maxSubscribers
                      + " in all, "
                      + maxPerClient
                      + " per client); close one or retry later")
              .asRuntimeException());
      return;
    }
    Subscriber s = new Subscriber(call, from, () -> release(client));
    call.setOnCancelHandler(s::cancel);
    call.setOnReadyHandler(s::wake);
    Thread.ofVirtual().name("blockstream-from-" + from).start(s);
  }

  /** Counts one more open stream for {@code client}, if within both limits. */
  private boolean admit(String client) {
    if (open.incrementAndGet() > maxSubscribers) {
      open.decrementAndGet();
      return false;
    }
    boolean[] ok = new boolean[1];
    openPerClient.compute(
        client,
        (k, n) -> {
          int have = n == null ? 0 : n;
          if (have >= maxPerClient) {
            return n;
          }
          ok[0] = true;
          return have + 1;
        });
    if (!ok[0]) {
      open.decrementAndGet();
    }
    return ok[0];
  }

  private void release(String client) {
    open.decrementAndGet();
    openPerClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Streams open now. */
  int openStreams() {
    return open.get();
  }

  /** Canonical codec bytes inside protobuf, as the .proto file promises. */
  static FinalizedBlock toProto(FinalBlock fb) {
    FinalizedBlock.Builder b =
        FinalizedBlock.newBuilder()
            .setHeight(fb.height())
            .setBlockId(ByteString.copyFrom(fb.block().id().toArray()))
            .setBlock(ByteString.copyFrom(Block.CODEC.encode(fb.block())));
    for (Receipt r : fb.receipts()) {
      b.addReceipts(ByteString.copyFrom(Receipt.CODEC.encode(r)));
    }
    fb.blockReceipt()
        .ifPresent(
            own ->
                b.setBlockReceipt(
                    ByteString.copyFrom(dev.aether.types.BlockReceipt.CODEC.encode(own))));
    return b.build();
  }

  /** One subscriber's sending loop; the only thread that touches its call. */
  private final class Subscriber implements Runnable {
    private final ServerCallStreamObserver<FinalizedBlock> call;
    private final java.util.concurrent.Semaphore signal = new java.util.concurrent.Semaphore(0);
    private final Runnable onEnd;
    private volatile boolean cancelled;
    private long next;
    private long pageWindowStart = System.nanoTime();
    private int pagesInWindow;

    Subscriber(ServerCallStreamObserver<FinalizedBlock> call, long from, Runnable onEnd) {
      this.call = call;
      this.next = from;
      this.onEnd = onEnd;
    }

    void wake() {
      signal.release();
    }

    void cancel() {
      cancelled = true;
      signal.release();
    }

    @Override
    public void run() {
      ChainBackend.Subscription subscription = null;
      try {
        // Subscribed before the first read, so a block finalized in between still wakes us.
        subscription = backend.onFinalized(h -> wake());
        stream();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        endWith(Status.UNAVAILABLE.withDescription("server shutting down"));
      } catch (BackendUnavailableException e) {
        endWith(Status.UNAVAILABLE.withDescription(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "block stream from " + next + " failed", e);
        endWith(Status.INTERNAL.withDescription("internal error"));
      } finally {
        if (subscription != null) {
          subscription.close();
        }
        onEnd.run();
      }
    }

    /**
     * At most {@link #PAGES_PER_SECOND} store reads per second: a client catching up from height 0
     * reads at a bounded rate, whatever its own speed, so streams cannot crowd out the node.
     */
    private void pace() throws InterruptedException {
      long now = System.nanoTime();
      if (now - pageWindowStart >= 1_000_000_000L) {
        pageWindowStart = now;
        pagesInWindow = 0;
      }
      if (++pagesInWindow > PAGES_PER_SECOND) {
        Thread.sleep(java.time.Duration.ofNanos(1_000_000_000L - (now - pageWindowStart)));
        pageWindowStart = System.nanoTime();
        pagesInWindow = 1;
      }
    }

    /** Sends pages from {@code next} on, waiting for finality or flow control; ends on cancel. */
    private void stream() throws InterruptedException {
      while (!cancelled) {
        pace();
        List<FinalBlock> page = backend.finalBlocks(next, pageSize);
        if (page.isEmpty()) {
          await();
          continue;
        }
        for (FinalBlock fb : page) {
          if (fb.height() != next) {
            call.onError(
                Status.INTERNAL
                    .withDescription(
                        "block store returned height " + fb.height() + ", expected " + next)
                    .asRuntimeException());
            return;
          }
          while (!call.isReady() && !cancelled) {
            await();
          }
          if (cancelled) {
            return;
          }
          call.onNext(toProto(fb));
          next++;
        }
      }
    }

    private void await() throws InterruptedException {
      signal.acquire();
      signal.drainPermits();
    }

    private void endWith(Status status) {
      if (!cancelled) {
        try {
          call.onError(status.asRuntimeException());
        } catch (IllegalStateException alreadyClosed) {
          // The call ended while we failed; nobody is listening.
        }
      }
    }
  }
}
