package dev.aether.network;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Gossip message id: the first 20 bytes of {@code SHA-256(topicCode || data)}. Content-addressed
 * (gossipsub's "StrictNoSign" mode, as Ethereum uses) so the same payload re-published by anyone is
 * one message, and ids cannot be forged apart from content.
 *
 * @param bytes 20 bytes
 */
public record MessageId(byte[] bytes) {
  static final int LENGTH = 20;

  public MessageId {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("message id must be " + LENGTH + " bytes");
    }
    bytes = bytes.clone();
  }

  /** The id of {@code data} published on {@code topic}. */
  public static MessageId of(final Topic topic, final byte[] data) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((byte) topic.code());
      return new MessageId(Arrays.copyOf(md.digest(data), LENGTH));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof MessageId m && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 6);
  }
}
