package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  @Test
  void everyFrameKindRoundTrips() throws Exception {
    final MessageId id = MessageId.of(Topic.TX, new byte[] {1});
    final List<Frame> frames =
        List.of(
            new Frame.Hello(30303),
            new Frame.PeersRequest(),
            new Frame.Peers(List.of(new PeerAddress(TestNodes.key(1).id(), "127.0.0.1", 9000))),
            new GossipRpc.Subscribe(Topic.VOTE),
            new GossipRpc.Unsubscribe(Topic.SHRED),
            new GossipRpc.Graft(Topic.HEADER),
            new GossipRpc.Prune(Topic.TX),
            new GossipRpc.IHave(Topic.TX, List.of(id, id)),
            new GossipRpc.IWant(List.of(id)),
            new GossipRpc.Publish(Topic.SHRED, new byte[] {4, 5, 6}),
            new Frame.Direct(2, new byte[] {1}));
    for (final Frame f : frames) {
      assertThat(FrameCodec.decode(FrameCodec.encode(f))).isEqualTo(f);
    }
    final GossipRpc.Publish p =
        (GossipRpc.Publish)
            FrameCodec.decode(
                FrameCodec.encode(new GossipRpc.Publish(Topic.TX, new byte[] {9, 8})));
    assertThat(p.topic()).isEqualTo(Topic.TX);
    assertThat(p.data()).containsExactly(9, 8);
    final Frame.Direct d =
        (Frame.Direct) FrameCodec.decode(FrameCodec.encode(new Frame.Direct(3, new byte[] {7})));
    assertThat(d.channel()).isEqualTo(3);
    assertThat(d.data()).containsExactly(7);
  }

  @Test
  void randomBytesNeverEscapeAsUncheckedExceptions() {
    final SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      final byte[] junk = new byte[r.nextInt(1, 64)];
      r.nextBytes(junk);
      junk[0] =
          (byte)
              new int[] {1, 2, 3, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x20, 0x7f}
                  [r.nextInt(12)];
      try {
        FrameCodec.decode(junk);
      } catch (NetworkException e) {
        assertThat(e.error().code()).isEqualTo("NET_MALFORMED_FRAME");
      }
    }
  }

  @Test
  void hugeCountsAreRejectedBeforeAllocation() {
    assertThatThrownBy(
            () -> FrameCodec.decode(new byte[] {0x16, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("bad id count");
    assertThatThrownBy(() -> FrameCodec.decode(new byte[] {0x10, 99}))
        .hasMessageContaining("unknown topic");
  }

  @Test
  void peerAddressParsesAndRejects() throws Exception {
    final PeerId id = TestNodes.key(1).id();
    final PeerAddress a = PeerAddress.parse(id.toHex() + "@127.0.0.1:4000");
    assertThat(a).isEqualTo(new PeerAddress(id, "127.0.0.1", 4000));
    assertThatThrownBy(() -> PeerAddress.parse("nope@1.2.3.4:5"))
        .isInstanceOfSatisfying(
            NetworkException.class, e -> assertThat(e.error().code()).isEqualTo("NET_BAD_ADDRESS"));
    assertThatThrownBy(() -> PeerAddress.parse(id.toHex() + "@127.0.0.1:99999"))
        .isInstanceOf(NetworkException.class);
  }
}
