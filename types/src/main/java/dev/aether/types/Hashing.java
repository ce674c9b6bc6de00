package dev.aether.types;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with domain separation. Every hash in Aether is {@code SHA-256(tag || 0x00 || bytes)}
 * with a tag naming what is hashed, so a byte string of one kind can never be taken for another.
 */
public final class Hashing {
  private Hashing() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Plain SHA-256 without a tag, for external formats that define their own hashing. */
  public static H256 sha256(byte[] data) {
    return H256.wrap(sha256().digest(data));
  }

  /** {@code SHA-256(tag || 0x00 || part0 || part1 ...)}. */
  public static H256 tagged(String tag, byte[]... parts) {
    MessageDigest md = sha256();
    md.update(tag.getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0);
    for (byte[] p : parts) {
      md.update(p);
    }
    return H256.wrap(md.digest());
  }
}
