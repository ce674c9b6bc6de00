package dev.aether.network;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic node keys for tests. */
final class TestNodes {
  private TestNodes() {}

  static NodeKey key(final int i) {
    try {
      return NodeKey.fromSeed(
          MessageDigest.getInstance("SHA-256")
              .digest(ByteBuffer.allocate(8).putInt(0x6e6f6465).putInt(i).array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
