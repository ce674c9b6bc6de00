package dev.aether.compute.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names the engine's operator semantics. Any change to an operator's arithmetic (order of a
 * reduction, a constant, a new operator) must bump {@link #VERSION}, which changes {@link
 * #codeHash()} and so every receipt's {@code code_hash}.
 */
public final class OperatorSet {
  /** The operator-set version string; {@code code_hash} is its SHA-256. */
  public static final String VERSION = "aether-mesh-ops/1";

  private OperatorSet() {}

  /** {@code code_hash = SHA-256(UTF-8(VERSION))}. */
  public static byte[] codeHash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(VERSION.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
