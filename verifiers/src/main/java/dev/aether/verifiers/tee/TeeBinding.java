package dev.aether.verifiers.tee;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The binding of a TEE report to one Aether AI job, to its <em>result</em> and to the provider key
 * that signs its receipt: what a provider's guest must put in REPORT_DATA (SEV-SNP) / REPORTDATA
 * (TDX) so that the report proves <em>this</em> job ran in <em>this</em> enclave for <em>this</em>
 * provider and produced <em>this</em> output and trace. The guest therefore quotes after the run.
 *
 * <p>Exact bytes (see {@code docs/ai-mesh.md}, "TEE binding"):
 *
 * <pre>
 * preimage    = "aether-tee-binding/v2" (21 ASCII bytes)
 *               || job_id (32) || input_hash (32) || model_hash (32) || code_hash (32)
 *               || seed (8, unsigned 64-bit big-endian)
 *               || output_hash (32) || trace_commitment (48)    -- 237 bytes in total
 * report_data = SHA-256(preimage) (32) || provider_key (32)       -- 64 bytes
 * </pre>
 *
 * <p>All fields have fixed length, so plain concatenation is unambiguous; the domain tag keeps the
 * digest from colliding with any other SHA-256 use in Aether (v1, which bound neither the output
 * nor the trace, is retired). The second half carries the provider's Ed25519 public key in clear,
 * so a verifier learns from the attested evidence which key may sign the job's receipt. The AI mesh
 * binds its jobs with this class ({@code input_hash} is the SHA-256 of the canonical input tensor,
 * {@code trace_commitment} the KZG commitment of the step leaves, see docs/ai-mesh.md).
 */
public final class TeeBinding {

  /** Domain tag that starts the preimage. */
  public static final String DOMAIN = "aether-tee-binding/v2";

  /** Size of REPORT_DATA in both SEV-SNP and TDX. */
  public static final int REPORT_DATA_SIZE = 64;

  /** Size of the trace commitment (a compressed BLS12-381 G1 point). */
  public static final int COMMITMENT_SIZE = 48;

  private static final int HASH = 32;

  private final byte[] jobId;
  private final byte[] inputHash;
  private final byte[] modelHash;
  private final byte[] codeHash;
  private final long seed;
  private final byte[] outputHash;
  private final byte[] traceCommitment;
  private final byte[] providerKey;

  /**
   * A binding over one job's identity, its result and its provider's key.
   *
   * @param jobId the job id (32 bytes)
   * @param inputHash SHA-256 of the job's canonical input (for the AI mesh: its input tensor; 32
   *     bytes)
   * @param modelHash the model's hash (32 bytes)
   * @param codeHash SHA-256 of the provider runtime artifact (32 bytes)
   * @param seed the job's sampling seed, read as unsigned 64-bit
   * @param outputHash SHA-256 of the job's canonical output (32 bytes)
   * @param traceCommitment the commitment to the execution trace (48 bytes)
   * @param providerKey the provider's Ed25519 public key that signs the receipt (32 bytes)
   */
  public TeeBinding(
      final byte[] jobId,
      final byte[] inputHash,
      final byte[] modelHash,
      final byte[] codeHash,
      final long seed,
      final byte[] outputHash,
      final byte[] traceCommitment,
      final byte[] providerKey) {
    this.jobId = check(jobId, HASH, "jobId");
    this.inputHash = check(inputHash, HASH, "inputHash");
    this.modelHash = check(modelHash, HASH, "modelHash");
    this.codeHash = check(codeHash, HASH, "codeHash");
    this.seed = seed;
    this.outputHash = check(outputHash, HASH, "outputHash");
    this.traceCommitment = check(traceCommitment, COMMITMENT_SIZE, "traceCommitment");
    this.providerKey = check(providerKey, HASH, "providerKey");
  }

  private static byte[] check(final byte[] v, final int size, final String name) {
    if (v.length != size) {
      throw new IllegalArgumentException(name + " must be " + size + " bytes, got " + v.length);
    }
    return v.clone();
  }

  /** The 237-byte preimage that is hashed. */
  public byte[] preimage() {
    final byte[] tag = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(tag.length + 5 * HASH + Long.BYTES + COMMITMENT_SIZE)
        .put(tag)
        .put(jobId)
        .put(inputHash)
        .put(modelHash)
        .put(codeHash)
        .putLong(seed) // ByteBuffer is big-endian by default
        .put(outputHash)
        .put(traceCommitment)
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
