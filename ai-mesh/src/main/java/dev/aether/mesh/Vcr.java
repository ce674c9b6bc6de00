package dev.aether.mesh;

import dev.aether.mesh.trace.Opening;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A Verifiable Compute Receipt: a provider's signed statement that running {@code model_hash} under
 * operator set {@code code_hash} on the input hashing to {@code input_hash} with {@code seed} gave
 * the output hashing to {@code output_hash}, through the {@code trace_length}-step trace committed
 * as {@code commitment}.
 *
 * <p>{@code openings} prove the commitment's first leaf is the input and its last the output; the
 * TEE quote binds the job (see {@link AttestationBinding}); {@code signature} is the provider key's
 * Ed25519 signature over {@link #signingBytes()}.
 */
public record Vcr(
    byte[] jobId,
    byte[] modelHash,
    byte[] codeHash,
    byte[] inputHash,
    byte[] outputHash,
    long seed,
    int traceLength,
    byte[] commitment,
    List<Opening> openings,
    TeeQuote quote,
    byte[] providerKey,
    byte[] signature) {

  /** Receipt format version, first byte of the signed payload. */
  public static final int VERSION = 1;

  private static final byte[] DOMAIN = "aether-vcr/v1".getBytes(StandardCharsets.US_ASCII);

  /** Copies the arrays. */
  public Vcr {
    jobId = jobId.clone();
    modelHash = modelHash.clone();
    codeHash = codeHash.clone();
    inputHash = inputHash.clone();
    outputHash = outputHash.clone();
    commitment = commitment.clone();
    openings = List.copyOf(openings);
    providerKey = providerKey.clone();
    signature = signature.clone();
  }

  /**
   * The signed payload: {@code "aether-vcr/v1"}, then version (u8), job id, model, code, input and
   * output hashes (32 bytes each), seed (u64), trace length (u32), commitment (length-prefixed),
   * openings (u16 count; each u32 index, 32-byte value, length-prefixed proof), quote kind and
   * bytes (length-prefixed), provider key; integers big-endian, lengths u32.
   */
  public byte[] signingBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(DOMAIN);
    out.write(VERSION);
    for (byte[] h : List.of(jobId, modelHash, codeHash, inputHash, outputHash)) {
      out.writeBytes(h);
    }
    out.writeBytes(ByteBuffer.allocate(12).putLong(seed).putInt(traceLength).array());
    prefixed(out, commitment);
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) openings.size()).array());
    for (Opening o : openings) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(o.index()).array());
      out.writeBytes(o.value());
      prefixed(out, o.proof());
    }
    prefixed(out, quote.kind().getBytes(StandardCharsets.UTF_8));
    prefixed(out, quote.bytes());
    out.writeBytes(providerKey);
    return out.toByteArray();
  }

  private static void prefixed(ByteArrayOutputStream out, byte[] b) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    out.writeBytes(b);
  }

  /** This receipt with {@code signature} replaced. */
  public Vcr withSignature(byte[] newSignature) {
    return new Vcr(
        jobId,
        modelHash,
        codeHash,
        inputHash,
        outputHash,
        seed,
        traceLength,
        commitment,
        openings,
        quote,
        providerKey,
        newSignature);
  }

  /** Signs the payload with {@code key} (whose public key must be {@link #providerKey()}). */
  public Vcr signedBy(Ed25519Key key) {
    return withSignature(key.sign(signingBytes()));
  }

  @Override
  public byte[] jobId() {
    return jobId.clone();
  }

  @Override
  public byte[] modelHash() {
    return modelHash.clone();
  }

  @Override
  public byte[] codeHash() {
    return codeHash.clone();
  }

  @Override
  public byte[] inputHash() {
    return inputHash.clone();
  }

  @Override
  public byte[] outputHash() {
    return outputHash.clone();
  }

  @Override
  public byte[] commitment() {
    return commitment.clone();
  }

  @Override
  public byte[] providerKey() {
    return providerKey.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vcr v
        && Arrays.equals(signingBytes(), v.signingBytes())
        && Arrays.equals(signature, v.signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signingBytes());
  }
}
