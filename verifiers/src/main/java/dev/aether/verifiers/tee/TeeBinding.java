package dev.aether.verifiers.tee;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The binding of a TEE report to one Aether AI job and to the provider key that signs its receipt:
 * what a provider's guest must put in REPORT_DATA (SEV-SNP) / REPORTDATA (TDX) so that the report
 * proves <em>this</em> job ran in <em>this</em> enclave for <em>this</em> provider.
 *
 * <p>Exact bytes (see {@code docs/ai-mesh.md}, "TEE binding"):
 *
 * <pre>
 * preimage    = "aether-tee-binding/v1" (21 ASCII bytes)
 *               || job_id (32) || input_hash (32) || model_hash (32) || code_hash (32)
 *               || seed (8, unsigned 64-bit big-endian)          -- 157 bytes in total
 * report_data = SHA-256(preimage) (32) || provider_key (32)       -- 64 bytes
 * </pre>
 *
 * <p>All fields have fixed length, so plain concatenation is unambiguous; the domain tag keeps the
 * digest from colliding with any other SHA-256 use in Aether. The second half carries the
 * provider's Ed25519 public key in clear, so a verifier learns from the attested evidence which key
 * may sign the job's receipt. The AI mesh binds its jobs with this class ({@code input_hash} is the
 * SHA-256 of the canonical input tensor, see docs/ai-mesh.md).
 */
public final class TeeBinding {

  /** Domain tag that starts the preimage. */
  public static final String DOMAIN = "aether-tee-binding/v1";

  /** Size of REPORT_DATA in both SEV-SNP and TDX. */
  public static final int REPORT_DATA_SIZE = 64;

  private static final int HASH = 32;

  private final byte[] jobId;
  private final byte[] inputHash;
  private final byte[] modelHash;
  private final byte[] codeHash;
  private final long seed;
  private final byte[] providerKey;

  /**
   * A binding over one job's identity and its provider's key.
   *
   * @param jobId the job id (32 bytes)
   * @param inputHash SHA-256 of the job's canonical input (for the AI mesh: its input tensor; 32
   *     bytes)
   * @param modelHash the model's hash from the registry (32 bytes)
   * @param codeHash the inference code's hash (32 bytes)
   * @param seed the job's sampling seed, read as unsigned 64-bit
   * @param providerKey the provider's Ed25519 public key that signs the receipt (32 bytes)
   */
  public TeeBinding(
      final byte[] jobId,
      final byte[] inputHash,
      final byte[] modelHash,
      final byte[] codeHash,
      final long seed,
      final byte[] providerKey) {
    this.jobId = check(jobId, "jobId");
    this.inputHash = check(inputHash, "inputHash");
    this.modelHash = check(modelHash, "modelHash");
    this.codeHash = check(codeHash, "codeHash");
    this.seed = seed;
    this.providerKey = check(providerKey, "providerKey");
  }

  private static byte[] check(final byte[] v, final String name) {
    if (v.length != HASH) {
      throw new IllegalArgumentException(name + " must be 32 bytes, got " + v.length);
    }
    return v.clone();
  }

  /** The 157-byte preimage that is hashed. */
  public byte[] preimage() {
    final byte[] tag = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(tag.length + 4 * HASH + Long.BYTES)
        .put(tag)
        .put(jobId)
        .put(inputHash)
        .put(modelHash)
        .put(codeHash)
        .putLong(seed) // ByteBuffer is big-endian by default
        .array();
  }

  /** The 64 bytes the guest must place in REPORT_DATA. */
  public byte[] reportData() {
    final byte[] out = new byte[REPORT_DATA_SIZE];
    System.arraycopy(sha256(preimage()), 0, out, 0, HASH);
    System.arraycopy(providerKey, 0, out, HASH, HASH);
    return out;
  }

  private static byte[] sha256(final byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof TeeBinding b && Arrays.equals(reportData(), b.reportData());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(reportData());
  }

  @Override
  public String toString() {
    return "TeeBinding[" + HexFormat.of().formatHex(reportData()) + "]";
  }
}
