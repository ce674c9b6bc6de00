package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aether.rpc.grpc.BlockStreamGrpc;
import dev.aether.rpc.grpc.FinalizedBlock;
import dev.aether.rpc.grpc.SubscribeRequest;
import dev.aether.types.Block;
import dev.aether.types.Receipt;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC block stream over real Netty on loopback, against the in-memory chain. */
class BlockStreamTest {
  private InMemoryChain chain;
  private BlockStreamServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    chain = new InMemoryChain(11);
    chain.finalizeNew(10);
    server = BlockStreamServer.start(chain, "127.0.0.1", 0);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  /**
   * A valid block may carry far more than gRPC's default 4 MiB message: receipts full of the
   * largest events. The client the indexer follows with receives it (a follower that cannot would
   * be stuck at that height for good).
   */
  @Test
  void theFollowersClientReceivesABlockOverGrpcsDefaultMessageSize() {
    FinalBlock heavy = chain.appendHeavy(6);
    long bytes = 0;
    for (Receipt r : heavy.receipts()) {
      bytes += Receipt.CODEC.encode(r).length;
    }
    assertThat(bytes).isGreaterThan(4L << 20);
    try (BlockStreamClient client = new BlockStreamClient("127.0.0.1", server.port());
        BlockStreamClient.Subscription s = client.subscribe(heavy.block().header().height())) {
      FinalBlock got = s.next();
      assertThat(got.block().id()).isEqualTo(heavy.block().id());
      assertThat(got.receipts()).isEqualTo(heavy.receipts());
    }
  }

  @Test
  void resumesFromAMiddleHeightThenFollowsLiveBlocks() {
    Iterator<FinalizedBlock> stream =
        BlockStreamGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribe(SubscribeRequest.newBuilder().setFromHeight(4).build());
    // The stored blocks 4..9, in order.
    for (long h = 4; h < 10; h++) {
      assertDecodesTo(stream.next(), chain.blockAt(h));
    }
    // Then blocks finalized after the subscription, as they come.
    chain.finalizeNew(3);
    for (long h = 10; h < 13; h++) {
      assertDecodesTo(stream.next(), chain.blockAt(h));
    }
    chain.finalizeNew(1);
    assertDecodesTo(stream.next(), chain.blockAt(13));
  }

  @Test
  void oneClientCannotHoldMoreStreamsThanItsShare() throws Exception {
    BlockStreamService limited = new BlockStreamService(chain, 64, 10, 2, 100);
    try (BlockStreamServer s = BlockStreamServer.start(limited, "127.0.0.1", 0)) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
      try {
        var stub = BlockStreamGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
        Iterator<FinalizedBlock> a = stub.subscribe(SubscribeRequest.newBuilder().build());
        Iterator<FinalizedBlock> b = stub.subscribe(SubscribeRequest.newBuilder().build());
        a.next();
        b.next();
        // A third stream from the same address: refused with a clear status, nothing else hurt.
        Iterator<FinalizedBlock> c = stub.subscribe(SubscribeRequest.newBuilder().build());
        io.grpc.StatusRuntimeException refused =
            org.junit.jupiter.api.Assertions.assertThrows(
                io.grpc.StatusRuntimeException.class, c::next);
        assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
        assertThat(limited.openStreams()).isEqualTo(2);
        assertThat(a.next().getHeight()).isEqualTo(1);
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      // Closed streams are released.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> limited.openStreams() == 0);
    }
  }

  @Test
  void subscriberAheadOfTheChainWaitsForItsHeight() {
    Iterator<FinalizedBlock> stream =
        BlockStreamGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribe(SubscribeRequest.newBuilder().setFromHeight(12).build());
    chain.finalizeNew(5);
    assertDecodesTo(stream.next(), chain.blockAt(12));
    assertDecodesTo(stream.next(), chain.blockAt(13));
  }

  @Test
  void blocksThatAreNotFinalAreNotStreamed() {
    chain.holdBackFinality(2);
    chain.finalizeNew(3); // heights 10..12; only 10 is final
    List<FinalizedBlock> got = new CopyOnWriteArrayList<>();
    subscribeAsync(9, got, Integer.MAX_VALUE);
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
    assertThat(got.stream().map(FinalizedBlock::getHeight)).containsExactly(9L, 10L);
    chain.holdBackFinality(0);
    chain.finalizeNew(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 5);
    assertThat(got.stream().map(FinalizedBlock::getHeight)).containsExactly(9L, 10L, 11L, 12L, 13L);
  }

  @Test
  void reconnectingFromLastHeightPlusOneGivesNoGapAndNoDuplicate() {
    List<FinalizedBlock> first = new CopyOnWriteArrayList<>();
    ClientCallStreamObserver<SubscribeRequest> call = subscribeAsync(0, first, 4);
    await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 4);
    call.cancel("client disconnects", null);
    chain.finalizeNew(4);
    long resumeAt = first.getLast().getHeight() + 1;
    Iterator<FinalizedBlock> second =
        BlockStreamGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribe(SubscribeRequest.newBuilder().setFromHeight(resumeAt).build());
    List<Long> heights = new ArrayList<>(first.stream().map(FinalizedBlock::getHeight).toList());
    for (long h = resumeAt; h < 14; h++) {
      heights.add(second.next().getHeight());
    }
    assertThat(heights).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
  }

  @Test
  void slowConsumerGetsEveryBlockUnderFlowControl() {
    chain.finalizeNew(200);
    List<FinalizedBlock> got = new CopyOnWriteArrayList<>();
    // The client asks for one message at a time; the server must wait rather than buffer.
    AtomicReference<ClientCallStreamObserver<SubscribeRequest>> holder = new AtomicReference<>();
    BlockStreamGrpc.newStub(channel)
        .subscribe(
            SubscribeRequest.newBuilder().setFromHeight(0).build(),
            new ClientResponseObserver<SubscribeRequest, FinalizedBlock>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                holder.set(requestStream);
                requestStream.disableAutoRequestWithInitial(1);
              }

              @Override
              public void onNext(FinalizedBlock value) {
                got.add(value);
                holder.get().request(1);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> got.size() == 210);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).getHeight()).isEqualTo(i);
    }
    holder.get().cancel("done", null);
  }

  @Test
  void cancelledSubscriptionsUnregisterFromTheBackend() {
    List<FinalizedBlock> got = new CopyOnWriteArrayList<>();
    ClientCallStreamObserver<SubscribeRequest> call = subscribeAsync(0, got, Integer.MAX_VALUE);
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 10);
    assertThat(chain.listenerCount()).isEqualTo(1);
    call.cancel("bye", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> chain.listenerCount() == 0);
  }

  @Test
  void backendFailureEndsTheStreamWithAStatusNotADump() {
    chain.failWith(new IllegalStateException("disk on fire at /secret"));
    Iterator<FinalizedBlock> stream =
        BlockStreamGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribe(SubscribeRequest.newBuilder().setFromHeight(0).build());
    assertThatThrownBy(stream::next)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription()).doesNotContain("secret");
            });
  }

  @Test
  void heightAboveSignedRangeIsAnInvalidArgument() {
    Iterator<FinalizedBlock> stream =
        BlockStreamGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribe(SubscribeRequest.newBuilder().setFromHeight(-5).build());
    assertThatThrownBy(stream::next)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void clientDecodesChecksAndCancels() {
    try (BlockStreamClient client = new BlockStreamClient("127.0.0.1", server.port())) {
      try (BlockStreamClient.Subscription sub = client.subscribe(7)) {
        for (long h = 7; h < 10; h++) {
          assertThat(sub.next()).isEqualTo(chain.blockAt(h));
        }
        chain.finalizeNew(1);
        assertThat(sub.next()).isEqualTo(chain.blockAt(10));
        assertThat(chain.listenerCount()).isEqualTo(1);
      }
      // Closing the subscription cancels the call; the server unregisters its listener.
      await().atMost(Duration.ofSeconds(10)).until(() -> chain.listenerCount() == 0);
    }
  }

  @Test
  void clientRefusesAMislabelledMessage() {
    FinalizedBlock good = BlockStreamService.toProto(chain.blockAt(3));
    assertThat(BlockStreamClient.decode(good)).isEqualTo(chain.blockAt(3));
    FinalizedBlock wrongHeight = good.toBuilder().setHeight(4).build();
    assertThatThrownBy(() -> BlockStreamClient.decode(wrongHeight))
        .isInstanceOf(dev.aether.types.codec.CodecException.class)
        .hasMessageContaining("height");
    FinalizedBlock wrongId =
        good.toBuilder().setBlockId(com.google.protobuf.ByteString.copyFrom(new byte[32])).build();
    assertThatThrownBy(() -> BlockStreamClient.decode(wrongId))
        .isInstanceOf(dev.aether.types.codec.CodecException.class);
    FinalizedBlock missingReceipt =
        good.toBuilder()
            .clearReceipts()
            .addAllReceipts(good.getReceiptsList().subList(1, good.getReceiptsCount()))
            .build();
    assertThatThrownBy(() -> BlockStreamClient.decode(missingReceipt))
        .isInstanceOf(dev.aether.types.codec.CodecException.class)
        .hasMessageContaining("receipts");
    FinalizedBlock truncated =
        good.toBuilder().setBlock(good.getBlock().substring(0, good.getBlock().size() - 1)).build();
    assertThatThrownBy(() -> BlockStreamClient.decode(truncated))
        .isInstanceOf(dev.aether.types.codec.CodecException.class);
    // The block's own receipt must be canonical and name the block's height.
    FinalizedBlock otherHeight =
        good.toBuilder()
            .setBlockReceipt(BlockStreamService.toProto(chain.blockAt(4)).getBlockReceipt())
            .build();
    assertThatThrownBy(() -> BlockStreamClient.decode(otherHeight))
        .isInstanceOf(dev.aether.types.codec.CodecException.class)
        .hasMessageContaining("block receipt of height 4");
    FinalizedBlock garbled =
        good.toBuilder()
            .setBlockReceipt(good.getBlockReceipt().substring(0, good.getBlockReceipt().size() - 1))
            .build();
    assertThatThrownBy(() -> BlockStreamClient.decode(garbled))
        .isInstanceOf(dev.aether.types.codec.CodecException.class);
    // Genesis carries none.
    assertThat(BlockStreamService.toProto(chain.blockAt(0)).getBlockReceipt().isEmpty()).isTrue();
    assertThat(
            BlockStreamClient.decode(BlockStreamService.toProto(chain.blockAt(0))).blockReceipt())
        .isEmpty();
  }

  private ClientCallStreamObserver<SubscribeRequest> subscribeAsync(
      long from, List<FinalizedBlock> sink, int cancelAfter) {
    AtomicReference<ClientCallStreamObserver<SubscribeRequest>> holder = new AtomicReference<>();
    BlockStreamGrpc.newStub(channel)
        .subscribe(
            SubscribeRequest.newBuilder().setFromHeight(from).build(),
            new ClientResponseObserver<SubscribeRequest, FinalizedBlock>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                holder.set(requestStream);
              }

              @Override
              public void onNext(FinalizedBlock value) {
                if (sink.size() < cancelAfter) {
                  sink.add(value);
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    return holder.get();
  }

  /** The payload is the canonical codec bytes: an indexer decodes it with the same codec. */
  private static void assertDecodesTo(FinalizedBlock msg, FinalBlock expected) {
    assertThat(msg.getHeight()).isEqualTo(expected.height());
    Block block = Block.CODEC.decode(msg.getBlock().toByteArray());
    assertThat(block).isEqualTo(expected.block());
    assertThat(msg.getBlockId().toByteArray()).isEqualTo(block.id().toArray());
    List<Receipt> receipts = new ArrayList<>();
    msg.getReceiptsList().forEach(b -> receipts.add(Receipt.CODEC.decode(b.toByteArray())));
    assertThat(receipts).isEqualTo(expected.receipts());
    assertThat(
            msg.getBlockReceipt().isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                    dev.aether.types.BlockReceipt.CODEC.decode(
                        msg.getBlockReceipt().toByteArray())))
        .isEqualTo(expected.blockReceipt());
  }
}
