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

  private final ChainBackend backend;
  private final int pageSize;

  /**
   * @param pageSize most blocks read from the backend per call
   */
  public BlockStreamService(ChainBackend backend, int pageSize) {
    this.backend = Objects.requireNonNull(backend, "backend");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    this.pageSize = pageSize;
  }

  public BlockStreamService(ChainBackend backend) {
    this(backend, 64);
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
    Subscriber s = new Subscriber(call, from);
    call.setOnCancelHandler(s::cancel);
    call.setOnReadyHandler(s::wake);
    Thread.ofVirtual().name("blockstream-from-" + from).start(s);
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
    return b.build();
  }

  /** One subscriber's sending loop; the only thread that touches its call. */
  private final class Subscriber implements Runnable {
    private final ServerCallStreamObserver<FinalizedBlock> call;
    private final java.util.concurrent.Semaphore signal = new java.util.concurrent.Semaphore(0);
    private volatile boolean cancelled;
    private long next;

    Subscriber(ServerCallStreamObserver<FinalizedBlock> call, long from) {
      this.call = call;
      this.next = from;
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
      }
    }

    /** Sends pages from {@code next} on, waiting for finality or flow control; ends on cancel. */
    private void stream() throws InterruptedException {
      while (!cancelled) {
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
