package dev.aether.network;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of {@link Frame}s (big-endian, one type byte first). Hand-written rather than
 * protobuf because the set is small and fixed; every count and length is bounded before use so a
 * hostile peer cannot make us allocate more than the frame it already sent.
 */
final class FrameCodec {
  static final int MAX_PEERS = 64;
  static final int MAX_IDS = 5_000;

  private static final int HELLO = 0x01;
  private static final int PEERS_REQUEST = 0x02;
  private static final int PEERS = 0x03;
  private static final int SUBSCRIBE = 0x10;
  private static final int UNSUBSCRIBE = 0x11;
  private static final int PUBLISH = 0x12;
  private static final int GRAFT = 0x13;
  private static final int PRUNE = 0x14;
  private static final int IHAVE = 0x15;
  private static final int IWANT = 0x16;
  private static final int DIRECT = 0x20;

  private FrameCodec() {}

  static byte[] encode(final Frame f) {
    return switch (f) {
      case Frame.Hello h ->
          ByteBuffer.allocate(3).put((byte) HELLO).putShort((short) h.listenPort()).array();
      case Frame.PeersRequest r -> new byte[] {PEERS_REQUEST};
      case Frame.Peers p -> encodePeers(p);
      case Frame.Direct d -> {
        final byte[] data = d.data();
        yield ByteBuffer.allocate(1 + 4 + data.length)
            .put((byte) DIRECT)
            .putInt(d.channel())
            .put(data)
            .array();
      }
      case GossipRpc.Subscribe s -> new byte[] {SUBSCRIBE, (byte) s.topic().code()};
      case GossipRpc.Unsubscribe s -> new byte[] {UNSUBSCRIBE, (byte) s.topic().code()};
      case GossipRpc.Graft g -> new byte[] {GRAFT, (byte) g.topic().code()};
      case GossipRpc.Prune p -> new byte[] {PRUNE, (byte) p.topic().code()};
      case GossipRpc.Publish p -> {
        final byte[] data = p.dataUnsafe();
        yield ByteBuffer.allocate(2 + data.length)
            .put((byte) PUBLISH)
            .put((byte) p.topic().code())
            .put(data)
            .array();
      }
      case GossipRpc.IHave h -> {
        final ByteBuffer b = ByteBuffer.allocate(2 + 4 + MessageId.LENGTH * h.ids().size());
        b.put((byte) IHAVE).put((byte) h.topic().code()).putInt(h.ids().size());
        h.ids().forEach(id -> b.put(id.bytes()));
        yield b.array();
      }
      case GossipRpc.IWant w -> {
        final ByteBuffer b = ByteBuffer.allocate(1 + 4 + MessageId.LENGTH * w.ids().size());
        b.put((byte) IWANT).putInt(w.ids().size());
        w.ids().forEach(id -> b.put(id.bytes()));
        yield b.array();
      }
    };
  }

  private static byte[] encodePeers(final Frame.Peers p) {
    int size = 1 + 2;
    final List<byte[]> hosts = new ArrayList<>();
    for (final PeerAddress a : p.peers()) {
      final byte[] h = a.host().getBytes(StandardCharsets.UTF_8);
      hosts.add(h);
      size += 32 + 1 + h.length + 2;
    }
    final ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) PEERS).putShort((short) p.peers().size());
    for (int i = 0; i < p.peers().size(); i++) {
      final PeerAddress a = p.peers().get(i);
      b.put(a.id().key())
          .put((byte) hosts.get(i).length)
          .put(hosts.get(i))
          .putShort((short) a.port());
    }
    return b.array();
  }

  static Frame decode(final byte[] bytes) throws NetworkException {
    try {
      final ByteBuffer b = ByteBuffer.wrap(bytes);
      final int type = b.get() & 0xFF;
      final Frame f =
          switch (type) {
            case HELLO -> new Frame.Hello(b.getShort() & 0xFFFF);
            case PEERS_REQUEST -> new Frame.PeersRequest();
            case PEERS -> decodePeers(b);
            case DIRECT -> {
              final int channel = b.getInt();
              final byte[] data = new byte[b.remaining()];
              b.get(data);
              yield new Frame.Direct(channel, data);
            }
            case SUBSCRIBE -> new GossipRpc.Subscribe(topic(b));
            case UNSUBSCRIBE -> new GossipRpc.Unsubscribe(topic(b));
            case GRAFT -> new GossipRpc.Graft(topic(b));
            case PRUNE -> new GossipRpc.Prune(topic(b));
            case PUBLISH -> {
              final Topic t = topic(b);
              final byte[] data = new byte[b.remaining()];
              b.get(data);
              yield new GossipRpc.Publish(t, data);
            }
            case IHAVE -> {
              final Topic t = topic(b);
              yield new GossipRpc.IHave(t, ids(b));
            }
            case IWANT -> new GossipRpc.IWant(ids(b));
            default -> throw malformed("unknown frame type " + type);
          };
      if (b.hasRemaining()) {
        throw malformed("trailing bytes");
      }
      return f;
    } catch (BufferUnderflowException e) {
      throw malformed("truncated");
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static Frame.Peers decodePeers(final ByteBuffer b) throws NetworkException {
    final int n = b.getShort() & 0xFFFF;
    if (n > MAX_PEERS) {
      throw malformed("too many peers: " + n);
    }
    final List<PeerAddress> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final byte[] key = new byte[32];
      b.get(key);
      final byte[] host = new byte[b.get() & 0xFF];
      b.get(host);
      final int port = b.getShort() & 0xFFFF;
      out.add(new PeerAddress(new PeerId(key), new String(host, StandardCharsets.UTF_8), port));
    }
    return new Frame.Peers(out);
  }

  private static List<MessageId> ids(final ByteBuffer b) throws NetworkException {
    final int n = b.getInt();
    if (n < 0 || n > MAX_IDS || b.remaining() < n * MessageId.LENGTH) {
      throw malformed("bad id count " + n);
    }
    final List<MessageId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final byte[] id = new byte[MessageId.LENGTH];
      b.get(id);
      out.add(new MessageId(id));
    }
    return out;
  }

  private static Topic topic(final ByteBuffer b) throws NetworkException {
    final int code = b.get() & 0xFF;
    return Topic.fromCode(code).orElseThrow(() -> malformed("unknown topic " + code));
  }

  private static NetworkException malformed(final String detail) {
    return new NetworkException(new NetworkError.MalformedFrame(detail));
  }
}
