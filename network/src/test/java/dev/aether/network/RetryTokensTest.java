package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** QUIC Retry tokens: bound to address, port and connection id, unforgeable, expiring. */
class RetryTokensTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RetryTokens tokens = new RetryTokens(new SecureRandom(), now::get);
  private final InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40_001);
  private final ByteBuf dcid = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

  private ByteBuf issue() {
    ByteBuf out = Unpooled.buffer();
    assertThat(tokens.writeToken(out, dcid, client)).isTrue();
    assertThat(out.readableBytes()).isLessThanOrEqualTo(tokens.maxTokenLength());
    return out;
  }

  @Test
  void anEchoedTokenFromTheSameAddressValidatesAndPointsAtTheConnectionId() {
    ByteBuf t = issue();
    int at = tokens.validateToken(t, client);
    assertThat(at).isPositive();
    assertThat(t.slice(at, t.readableBytes() - at)).isEqualTo(dcid);
  }

  @Test
  void anotherAddressOrPortIsRefused() {
    ByteBuf t = issue();
    assertThat(tokens.validateToken(t, new InetSocketAddress("127.0.0.2", 40_001))).isEqualTo(-1);
    assertThat(tokens.validateToken(t, new InetSocketAddress("127.0.0.1", 40_002))).isEqualTo(-1);
  }

  @Test
  void anyChangedByteIsRefused() {
    ByteBuf t = issue();
    for (int i = 0; i < t.readableBytes(); i++) {
      ByteBuf copy = t.copy();
      copy.setByte(i, copy.getByte(i) ^ 1);
      assertThat(tokens.validateToken(copy, client)).as("byte %d", i).isEqualTo(-1);
    }
  }

  @Test
  void anExpiredTokenIsRefused() {
    ByteBuf t = issue();
    now.addAndGet(RetryTokens.VALID_MILLIS + 1);
    assertThat(tokens.validateToken(t, client)).isEqualTo(-1);
  }

  @Test
  void anotherProcessesTokensAreNotAccepted() {
    RetryTokens other = new RetryTokens(new SecureRandom(), now::get);
    ByteBuf t = Unpooled.buffer();
    other.writeToken(t, dcid, client);
    assertThat(tokens.validateToken(t, client)).isEqualTo(-1);
    // Netty's insecure handler's tokens (a fixed prefix, the address, the DCID) are forgeable.
    ByteBuf insecure = Unpooled.buffer();
    io.netty.handler.codec.quic.InsecureQuicTokenHandler.INSTANCE.writeToken(
        insecure, dcid, client);
    assertThat(tokens.validateToken(insecure, client)).isEqualTo(-1);
  }
}
