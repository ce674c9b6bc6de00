package dev.aether.mesh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a TEE quote's 64-byte REPORT_DATA must hold for a job: {@code
 * SHA-256("aether-tee-binding/v1" || job_id || input_hash || model_hash || code_hash || seed as u64
 * big-endian)} followed by the provider's 32-byte Ed25519 public key — so a quote vouches for one
 * job and for the key that signs its receipt.
 */
public final class AttestationBinding {
  private static final byte[] DOMAIN = "aether-tee-binding/v1".getBytes(StandardCharsets.US_ASCII);

  private AttestationBinding() {}

  /** The 64 bytes of REPORT_DATA. */
  public static byte[] reportData(
      byte[] jobId,
      byte[] inputHash,
      byte[] modelHash,
      byte[] codeHash,
      long seed,
      byte[] providerKey) {
    byte[] digest =
        Hashing.sha256(
            DOMAIN,
            jobId,
            inputHash,
            modelHash,
            codeHash,
            ByteBuffer.allocate(8).putLong(seed).array());
    return ByteBuffer.allocate(64).put(digest).put(providerKey).array();
  }
}
