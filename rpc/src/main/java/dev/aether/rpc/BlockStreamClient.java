package dev.aether.rpc;

import dev.aether.rpc.grpc.BlockStreamGrpc;
import dev.aether.rpc.grpc.FinalizedBlock;
import dev.aether.rpc.grpc.SubscribeRequest;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.codec.CodecException;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to a node's block stream and hands out decoded, checked {@link FinalBlock}s: the
 * indexer's side of {@link BlockStreamService}. Every message is decoded with the canonical codec
 * and its envelope (height, block id, receipt count) checked against the decoded block, so a
 * corrupt or mislabelled message fails loudly instead of being indexed.
 */
public final class BlockStreamClient implements AutoCloseable {
  /**
   * The largest stream message accepted: one final block with its receipts. gRPC's default (4 MiB)
   * is far below what a valid block may need — its receipts alone are bounded only by the block's
   * step budget (each event byte is metered: about 20 MB under the default limits) — and a block
   * the follower cannot receive would stop it for good. 256 MiB leaves room for raised limits.
   */
  public static final int MAX_MESSAGE_BYTES = 256 << 20;

  private final ManagedChannel channel;

  /** A plaintext channel to {@code host:port}. */
  public BlockStreamClient(String host, int port) {
    this(
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build());
  }

  /** Uses (and on {@link #close()} shuts down) a channel the caller built. */
  public BlockStreamClient(ManagedChannel channel) {
    this.channel = channel;
  }

  /**
   * Opens a stream of final blocks from {@code fromHeight}. Iterating blocks until the next block
   * arrives; gRPC failures surface as {@code io.grpc.StatusRuntimeException} and bad payloads as
   * {@link CodecException} from {@code next()}.
   */
  public Subscription subscribe(long fromHeight) {
    Context.CancellableContext ctx = Context.current().withCancellation();
    Context previous = ctx.attach();
    try {
      Iterator<FinalizedBlock> it =
          BlockStreamGrpc.newBlockingStub(channel)
              .subscribe(SubscribeRequest.newBuilder().setFromHeight(fromHeight).build());
      return new Subscription(it, ctx);
    } finally {
      ctx.detach(previous);
    }
  }

  /**
   * Decodes one stream message and checks its envelope against its content.
   *
   * @throws CodecException when the bytes are not canonical or the envelope disagrees
   */
  public static FinalBlock decode(FinalizedBlock msg) {
    Block block = Block.CODEC.decode(msg.getBlock().toByteArray());
    if (block.header().height() != msg.getHeight()) {
      throw new CodecException.NonCanonical(
          "stream height " + msg.getHeight() + " but block height " + block.header().height());
    }
    if (!block.id().equals(H256.of(msg.getBlockId().toByteArray()))) {
      throw new CodecException.NonCanonical("stream block id does not match the header");
    }
    List<Receipt> receipts = new ArrayList<>(msg.getReceiptsCount());
    msg.getReceiptsList().forEach(b -> receipts.add(Receipt.CODEC.decode(b.toByteArray())));
    if (receipts.size() != block.txs().size()) {
      throw new CodecException.NonCanonical(
          receipts.size() + " receipts for " + block.txs().size() + " transactions");
    }
    Optional<BlockReceipt> own = Optional.empty();
    if (!msg.getBlockReceipt().isEmpty()) {
      own = Optional.of(BlockReceipt.CODEC.decode(msg.getBlockReceipt().toByteArray()));
      if (own.get().height() != block.header().height()) {
        throw new CodecException.NonCanonical(
            "block receipt of height "
                + own.get().height()
                + " in the stream's block "
                + msg.getHeight());
      }
    }
    return new FinalBlock(block, receipts, own);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An open stream; closing it cancels the call on the server. */
  public static final class Subscription implements Iterator<FinalBlock>, AutoCloseable {
    private final Iterator<FinalizedBlock> messages;
    private final Context.CancellableContext ctx;

    private Subscription(Iterator<FinalizedBlock> messages, Context.CancellableContext ctx) {
      this.messages = messages;
      this.ctx = ctx;
    }

    /** Blocks until the next final block arrives; false only once the stream has ended. */
    @Override
    public boolean hasNext() {
      return messages.hasNext();
    }

    @Override
    public FinalBlock next() {
      if (!hasNext()) {
        throw new NoSuchElementException("block stream ended");
      }
      return decode(messages.next());
    }

    @Override
    public void close() {
      ctx.cancel(null);
    }
  }
}
