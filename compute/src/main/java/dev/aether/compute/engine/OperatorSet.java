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
  /**
   * The operator-set version string. Version 2 refuses non-finite values: a step whose output (or a
   * job input) holds NaN or an infinity cannot run ({@link Engine#runStep}), since NaN payloads
   * differ between CPUs; version 1 hashed whatever bits the CPU produced.
   */
  public static final String VERSION = "aether-mesh-ops/2";

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
