package dev.aether.types.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads canonical encodings, rejecting anything that is not the one canonical form: truncation,
 * out-of-range tags and booleans, lengths above the caller's limit, invalid UTF-8.
 */
public final class Reader {
  private final byte[] buf;
  private int pos;

  public Reader(byte[] buf) {
    this.buf = buf;
  }

  private void need(String what, int n) {
    if (n < 0 || buf.length - pos < n) {
      throw new CodecException.Truncated(what, n, buf.length - pos);
    }
  }

  public int remaining() {
    return buf.length - pos;
  }

  public int position() {
    return pos;
  }

  public int u8(String what) {
    need(what, 1);
    return buf[pos++] & 0xff;
  }

  public boolean bool(String what) {
    int b = u8(what);
    if (b > 1) {
      throw new CodecException.NonCanonical(what + " is a bool but byte is " + b);
    }
    return b == 1;
  }

  public int u16(String what) {
    need(what, 2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  public long u32(String what) {
    need(what, 4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public long u64(String what) {
    need(what, 8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public byte[] fixed(String what, int n) {
    need(what, n);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** A u32 length prefix no larger than {@code limit}, then that many bytes. */
  public byte[] bytes(String what, int limit) {
    int len = length(what, limit);
    return fixed(what, len);
  }

  public String string(String what, int limitBytes) {
    byte[] raw = bytes(what, limitBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException.NonCanonical(what + " is not valid UTF-8");
    }
  }

  /** A u32 length/count prefix checked against {@code limit} and against the bytes left. */
  public int length(String what, int limit) {
    long len = u32(what + " length");
    if (len > limit) {
      throw new CodecException.LengthOverLimit(what, len, limit);
    }
    return (int) len;
  }

  public <T> List<T> list(String what, int limit, Codec<T> codec) {
    int n = length(what, limit);
    // Each element takes at least one byte: a count larger than what is left is truncation,
    // caught before allocating a list of that size.
    if (n > remaining()) {
      throw new CodecException.Truncated(what, n, remaining());
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(codec.read(this));
    }
    return List.copyOf(out);
  }

  public <T> Optional<T> optional(String what, Codec<T> codec) {
    int tag = u8(what + " option");
    return switch (tag) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(codec.read(this));
      default -> throw new CodecException.UnknownTag(what + " option", tag);
    };
  }

  /** Fails unless every byte was consumed. */
  public void expectEnd(String what) {
    if (pos != buf.length) {
      throw new CodecException.TrailingBytes(what, buf.length - pos);
    }
  }
}
