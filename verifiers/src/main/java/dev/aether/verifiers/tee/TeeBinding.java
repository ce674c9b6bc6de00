package dev.aether.verifiers.tee;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The binding of a TEE report to one Aether AI job: what a provider's guest must put in REPORT_DATA
 * (SEV-SNP) / REPORTDATA (TDX) so that the report proves <em>this</em> job ran in <em>this</em>
 * enclave.
 *
 * <p>Exact bytes (see {@code docs/ai-mesh.md}, "TEE binding"):
 *
 * <pre>
 * preimage    = "AETHER-TEE-BINDING-V1" (21 ASCII bytes)
 *               || job_id (32) || input_hash (32) || model_hash (32) || code_hash (32)
 *               || seed (8, unsigned 64-bit big-endian)          -- 157 bytes in total
 * report_data = SHA-256(preimage) (32) || 32 zero bytes           -- 64 bytes
 * </pre>
 *
 * <p>All fields have fixed length, so plain concatenation is unambiguous; the domain tag keeps the
 * digest from colliding with any other SHA-256 use in Aether. The upper 32 bytes stay zero so a
 * later version can carry a second value without changing the first half.
 */
public final class TeeBinding {

  /** Domain tag that starts the preimage. */
  public static final String DOMAIN = "AETHER-TEE-BINDING-V1";

  /** Size of REPORT_DATA in both SEV-SNP and TDX. */
  public static final int REPORT_DATA_SIZE = 64;

  private static final int HASH = 32;

  private final byte[] jobId;
  private final byte[] inputHash;
  private final byte[] modelHash;
  private final byte[] codeHash;
  private final long seed;

  /**
   * A binding over one job's identity.
   *
   * @param jobId the job id (32 bytes)
   * @param inputHash SHA-256 of the job's input (32 bytes)
   * @param modelHash the model's hash from the registry (32 bytes)
   * @param codeHash the inference code's hash (32 bytes)
   * @param seed the job's sampling seed, read as unsigned 64-bit
   */
  public TeeBinding(
      final byte[] jobId,
      final byte[] inputHash,
      final byte[] modelHash,
      final byte[] codeHash,
      final long seed) {
    this.jobId = check(jobId, "jobId");
    this.inputHash = check(inputHash, "inputHash");
    this.modelHash = check(modelHash, "modelHash");
    this.codeHash = check(codeHash, "codeHash");
    this.seed = seed;
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
    return o instanceof TeeBinding b
        && Arrays.equals(jobId, b.jobId)
        && Arrays.equals(inputHash, b.inputHash)
        && Arrays.equals(modelHash, b.modelHash)
        && Arrays.equals(codeHash, b.codeHash)
        && seed == b.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(preimage());
  }

  @Override
  public String toString() {
    return "TeeBinding[" + HexFormat.of().formatHex(reportData(), 0, HASH) + "]";
  }
}
