package dev.aether.mesh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The development TEE, for machines without SEV-SNP or TDX: a quote is {@code "AETHDEVQ" ||
 * report_data (64) || dev key (32) || Ed25519 signature (64)} over the first 72 bytes. It proves
 * nothing about hardware — whoever holds a dev key can make one — so validators accept it only
 * under a policy that allows dev quotes (devnets and tests).
 */
public final class DevTee {
  /** The quote kind. */
  public static final String KIND = "dev";

  static final byte[] MAGIC = "AETHDEVQ".getBytes(StandardCharsets.US_ASCII);
  static final int LENGTH = 8 + 64 + 32 + 64;

  private final Ed25519Key key;

  /** A dev TEE that signs with {@code key}. */
  public DevTee(Ed25519Key key) {
    this.key = key;
  }

  /** A quote over {@code reportData}. */
  public byte[] quote(byte[] reportData) {
    if (reportData.length != 64) {
      throw new IllegalArgumentException("REPORT_DATA is 64 bytes");
    }
    byte[] body = ByteBuffer.allocate(72).put(MAGIC).put(reportData).array();
    return ByteBuffer.allocate(LENGTH).put(body).put(key.publicKey()).put(key.sign(body)).array();
  }

  /** Whether {@code quote} is in the dev format (whatever its signature). */
  public static boolean isDevQuote(byte[] quote) {
    return quote.length == LENGTH && Arrays.equals(Arrays.copyOf(quote, 8), MAGIC);
  }

  /** The REPORT_DATA of a well-formed, correctly self-signed dev quote. */
  public static Optional<byte[]> verify(byte[] quote) {
    if (quote.length != LENGTH || !Arrays.equals(Arrays.copyOf(quote, 8), MAGIC)) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(quote, 72);
    byte[] pub = Arrays.copyOfRange(quote, 72, 104);
    byte[] sig = Arrays.copyOfRange(quote, 104, LENGTH);
    return Ed25519Key.verify(pub, body, sig)
        ? Optional.of(Arrays.copyOfRange(quote, 8, 72))
        : Optional.empty();
  }
}
