package dev.aether.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one class that touches Netty's native QUIC (quiche + BoringSSL): TLS 1.3 with Aether's
 * key-bound certificates, one long-lived bidirectional stream per connection carrying
 * length-prefixed frames (4-byte big-endian length, capped at {@code maxFrame}). It knows nothing
 * of gossip; events go to a {@link Listener}.
 */
final class QuicTransport implements AutoCloseable {
  static final String ALPN = "aether/1";
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 5_000;

  /** Callbacks from Netty threads; the listener hops to its own thread. */
  interface Listener {
    void onConnected(Connection c);

    void onFrame(Connection c, byte[] frame);

    void onClosed(Connection c);

    void onDialFailed(PeerAddress target, String reason);
  }

  /** One authenticated connection and its frame stream. */
  static final class Connection {
    final PeerId peer;
    final boolean outbound;
    final QuicChannel quic;
    final QuicStreamChannel stream;

    Connection(
        final PeerId peer,
        final boolean outbound,
        final QuicChannel quic,
        final QuicStreamChannel stream) {
      this.peer = peer;
      this.outbound = outbound;
      this.quic = quic;
      this.stream = stream;
    }

    void send(final byte[] frame) {
      stream.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    void close() {
      quic.close();
    }

    InetSocketAddress remote() {
      return (InetSocketAddress) quic.remoteSocketAddress();
    }

    @Override
    public String toString() {
      return (outbound ? "out:" : "in:") + peer;
    }
  }

  /** Placeholder connection handler; shared by every connection, so it must be sharable. */
  @ChannelHandler.Sharable
  private static final class NoOpHandler extends ChannelInboundHandlerAdapter {
    static final NoOpHandler INSTANCE = new NoOpHandler();
  }

  private final NodeKey key;
  private final TlsIdentity tls;
  private final int maxFrame;
  private final long idleMillis;
  private final Listener listener;
  private final EventLoopGroup group;
  private final Channel server;

  QuicTransport(
      final NodeKey key,
      final String host,
      final int port,
      final int maxFrame,
      final long idleMillis,
      final Listener listener)
      throws NetworkException {
    try {
      Quic.ensureAvailability();
    } catch (Throwable t) {
      throw new NetworkException(
          new NetworkError.TransportFailure("native QUIC unavailable: " + t.getMessage()), t);
    }
    this.key = key;
    this.maxFrame = maxFrame;
    this.idleMillis = idleMillis;
    this.listener = listener;
    try {
      this.tls = TlsIdentity.create(key, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new NetworkException(new NetworkError.TransportFailure("TLS identity: " + e), e);
    }
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      final QuicSslContext ctx =
          QuicSslContextBuilder.forServer(tls.privateKey(), null, tls.certificate())
              .trustManager(new IdentityTrustManager(Optional.empty()))
              .clientAuth(ClientAuth.REQUIRE)
              .applicationProtocols(ALPN)
              .build();
      final ChannelHandler codec =
          tune(new QuicServerCodecBuilder())
              .sslContext(ctx)
              .tokenHandler(new RetryTokens())
              .handler(NoOpHandler.INSTANCE)
              .streamHandler(
                  new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(final QuicStreamChannel ch) {
                      onInboundStream(ch);
                    }
                  })
              .build();
      this.server =
          new Bootstrap()
              .group(group)
              .channel(NioDatagramChannel.class)
              .handler(codec)
              .bind(new InetSocketAddress(host, port))
              .sync()
              .channel();
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new NetworkException(
          new NetworkError.TransportFailure("cannot listen on " + host + ":" + port + ": " + e), e);
    }
  }

  private <B extends io.netty.handler.codec.quic.QuicCodecBuilder<B>> B tune(final B b) {
    final long window = Math.max(2L * maxFrame, 8L << 20);
    return b.maxIdleTimeout(idleMillis, TimeUnit.MILLISECONDS)
        .initialMaxData(4 * window)
        .initialMaxStreamDataBidirectionalLocal(window)
        .initialMaxStreamDataBidirectionalRemote(window)
        .initialMaxStreamsBidirectional(4)
        .initialMaxStreamsUnidirectional(0);
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Server side: the peer's first (and only) stream is its frame stream. */
  private void onInboundStream(final QuicStreamChannel ch) {
    final QuicChannel quic = (QuicChannel) ch.parent();
    final Optional<PeerId> peer = peerOf(quic);
    if (peer.isEmpty()) {
      quic.close();
      return;
    }
    final Connection c = new Connection(peer.get(), false, quic, ch);
    framing(ch, c);
    listener.onConnected(c);
  }

  /** Dials {@code target}; the handshake fails unless the remote proves {@code target.id()}. */
  void dial(final PeerAddress target) {
    final Channel udp;
    try {
      final QuicSslContext ctx =
          QuicSslContextBuilder.forClient()
              .keyManager(tls.privateKey(), null, tls.certificate())
              .trustManager(new IdentityTrustManager(Optional.of(target.id())))
              .applicationProtocols(ALPN)
              .build();
      final ChannelHandler codec = tune(new QuicClientCodecBuilder()).sslContext(ctx).build();
      // One UDP socket per dial so each handshake gets a trust manager expecting its own key.
      udp =
          new Bootstrap()
              .group(group)
              .channel(NioDatagramChannel.class)
              .handler(codec)
              .bind(new InetSocketAddress(0))
              .syncUninterruptibly()
              .channel();
    } catch (Exception e) {
      listener.onDialFailed(target, "socket: " + e.getMessage());
      return;
    }
    final io.netty.util.concurrent.Future<QuicChannel> connect =
        QuicChannel.newBootstrap(udp)
            .handler(NoOpHandler.INSTANCE)
            .streamHandler(NoOpHandler.INSTANCE)
            .remoteAddress(target.socketAddress())
            .connect();
    // quiche keeps retrying a silent handshake until the idle timeout; give up sooner so the
    // reconnect backoff takes over.
    udp.eventLoop()
        .schedule(
            () -> {
              if (!connect.isDone()) {
                connect.cancel(false);
              }
            },
            HANDSHAKE_TIMEOUT_MILLIS,
            TimeUnit.MILLISECONDS);
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            udp.close();
            listener.onDialFailed(target, "handshake: " + f.cause());
            return;
          }
          final QuicChannel quic = (QuicChannel) f.getNow();
          quic.closeFuture().addListener(x -> udp.close());
          final Optional<PeerId> proven = peerOf(quic);
          if (proven.isEmpty() || !proven.get().equals(target.id())) {
            quic.close();
            listener.onDialFailed(target, "peer proved another key");
            return;
          }
          quic.createStream(
                  QuicStreamType.BIDIRECTIONAL,
                  new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(final QuicStreamChannel ch) {}
                  })
              .addListener(
                  sf -> {
                    if (!sf.isSuccess()) {
                      quic.close();
                      listener.onDialFailed(target, "stream: " + sf.cause());
                      return;
                    }
                    final QuicStreamChannel ch = (QuicStreamChannel) sf.getNow();
                    final Connection c = new Connection(target.id(), true, quic, ch);
                    framing(ch, c);
                    listener.onConnected(c);
                  });
        });
  }

  private void framing(final QuicStreamChannel ch, final Connection c) {
    ch.pipeline()
        .addLast(new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4))
        .addLast(new LengthFieldPrepender(4))
        .addLast(
            new SimpleChannelInboundHandler<ByteBuf>() {
              @Override
              protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
                final byte[] bytes = new byte[msg.readableBytes()];
                msg.readBytes(bytes);
                listener.onFrame(c, bytes);
              }

              @Override
              public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
                // Oversize frame or protocol error: the connection is not worth keeping.
                c.close();
              }
            });
    c.quic.closeFuture().addListener(f -> listener.onClosed(c));
  }

  private static Optional<PeerId> peerOf(final QuicChannel quic) {
    try {
      final Certificate[] certs = quic.sslEngine().getSession().getPeerCertificates();
      final X509Certificate[] chain = new X509Certificate[certs.length];
      for (int i = 0; i < certs.length; i++) {
        chain[i] = (X509Certificate) certs[i];
      }
      return Optional.of(TlsIdentity.verify(chain));
    } catch (SSLPeerUnverifiedException
        | java.security.cert.CertificateException
        | ClassCastException e) {
      return Optional.empty();
    }
  }

  PeerId localId() {
    return key.id();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
