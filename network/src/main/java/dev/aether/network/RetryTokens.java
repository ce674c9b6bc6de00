package dev.aether.network;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * QUIC address validation (RFC 9000 §8.1): the server answers a client's first Initial with a Retry
 * carrying this token, and accepts the connection only when the client echoes it from the same
 * address. A token is {@code expiry (8) ‖ tag (16) ‖ original DCID}, the tag a truncated
 * HMAC-SHA-256, under a key that never leaves this process, of the client's IP address and port,
 * the expiry and the DCID. So a spoofed source address cannot make the server hold connection state
 * or send handshake flights (amplification), and a token cannot be forged, moved to another
 * address, or replayed after it expires. Replaces Netty's {@code InsecureQuicTokenHandler}, whose
 * tokens anyone can mint.
 */
final class RetryTokens implements QuicTokenHandler {
  /** How long a Retry token stays valid: the client echoes it within one round trip. */
  static final long VALID_MILLIS = 10_000;

  private static final int EXPIRY = 8;
  private static final int TAG = 16;
  private static final int HEADER = EXPIRY + TAG;
  private static final int MAX_CID = 20;

  private final byte[] key;
  private final LongSupplier clockMillis;

  RetryTokens() {
    this(new SecureRandom(), System::currentTimeMillis);
  }

  RetryTokens(final SecureRandom random, final LongSupplier clockMillis) {
    this.key = new byte[32];
    random.nextBytes(key);
    this.clockMillis = clockMillis;
  }

  @Override
  public boolean writeToken(
      final ByteBuf out, final ByteBuf dcid, final InetSocketAddress address) {
    final byte[] cid = new byte[dcid.readableBytes()];
    dcid.getBytes(dcid.readerIndex(), cid);
    final long expiry = clockMillis.getAsLong() + VALID_MILLIS;
    out.writeLong(expiry);
    out.writeBytes(tag(address, expiry, cid));
    out.writeBytes(cid);
    return true;
  }

  @Override
  public int validateToken(final ByteBuf token, final InetSocketAddress address) {
    final int n = token.readableBytes();
    if (n <= HEADER || n > HEADER + MAX_CID) {
      return -1;
    }
    final int at = token.readerIndex();
    final long expiry = token.getLong(at);
    if (clockMillis.getAsLong() > expiry) {
      return -1;
    }
    final byte[] tag = new byte[TAG];
    token.getBytes(at + EXPIRY, tag);
    final byte[] cid = new byte[n - HEADER];
    token.getBytes(at + HEADER, cid);
    return MessageDigest.isEqual(tag, tag(address, expiry, cid)) ? HEADER : -1;
  }

  @Override
  public int maxTokenLength() {
    return HEADER + MAX_CID;
  }

  private byte[] tag(final InetSocketAddress address, final long expiry, final byte[] cid) {
    final byte[] ip = address.getAddress().getAddress();
    final ByteBuffer msg = ByteBuffer.allocate(1 + ip.length + 2 + EXPIRY + cid.length);
    msg.put((byte) ip.length).put(ip).putShort((short) address.getPort()).putLong(expiry).put(cid);
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      final byte[] full = mac.doFinal(msg.array());
      final byte[] out = new byte[TAG];
      System.arraycopy(full, 0, out, 0, TAG);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
