package dev.aether.mesh;

import dev.aether.compute.engine.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a provider keeps after a job to answer challenges later: the job and every step's output.
 * Format (integers big-endian): {@code "AETHTRC1"}, job id (32), model hash (32), seed (u64), input
 * file (u32 length + bytes), step count (u32), then per step u32 length + canonical tensor bytes.
 */
public final class TraceFile {
  private static final byte[] MAGIC = "AETHTRC1".getBytes(StandardCharsets.US_ASCII);

  /**
   * @param job the job
   * @param outputs every step's output, input first
   */
  public record Contents(Job job, List<Tensor> outputs) {
    /** Copies the list. */
    public Contents {
      outputs = List.copyOf(outputs);
    }
  }

  private TraceFile() {}

  /** Encodes a provider's trace. */
  public static byte[] write(Job job, List<Tensor> outputs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(job.jobId());
    out.writeBytes(Hashing.unhex(job.modelHash(), 32, "model hash"));
    out.writeBytes(ByteBuffer.allocate(12).putLong(job.seed()).putInt(job.input().length).array());
    out.writeBytes(job.input());
    out.writeBytes(ByteBuffer.allocate(4).putInt(outputs.size()).array());
    for (Tensor t : outputs) {
      byte[] b = t.canonicalBytes();
      out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a provider's trace.
   *
   * @throws MeshException.BadReceipt if the bytes are not one trace file
   */
  public static Contents read(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte[] magic = new byte[MAGIC.length];
      b.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new MeshException.BadReceipt("not an AETHTRC1 trace file", null);
      }
      byte[] jobId = new byte[32];
      b.get(jobId);
      byte[] model = new byte[32];
      b.get(model);
      long seed = b.getLong();
      byte[] input = new byte[length(b)];
      b.get(input);
      int n = b.getInt();
      if (n < 1 || n > 4096) {
        throw new MeshException.BadReceipt("trace step count out of range: " + n, null);
      }
      List<Tensor> outputs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] t = new byte[length(b)];
        b.get(t);
        outputs.add(Tensor.fromCanonicalBytes(t));
      }
      if (b.hasRemaining()) {
        throw new MeshException.BadReceipt("trailing bytes in trace file", null);
      }
      return new Contents(new Job(jobId, Hashing.hex(model), input, seed), outputs);
    } catch (BufferUnderflowException e) {
      throw new MeshException.BadReceipt("trace file is truncated", e);
    } catch (IllegalArgumentException e) {
      throw new MeshException.BadReceipt("bad tensor in trace file: " + e.getMessage(), e);
    }
  }

  private static int length(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new MeshException.BadReceipt("length field overruns the trace file", null);
    }
    return n;
  }
}
