package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical weights format {@code AETHWTS1} (all integers little-endian):
 *
 * <pre>
 * magic   "AETHWTS1"
 * u32     metadata count, then per entry (keys strictly ascending by UTF-8 bytes):
 *         u16 key length, key UTF-8, u32 value length, value UTF-8
 * u32     tensor count, then per tensor (names strictly ascending by UTF-8 bytes):
 *         u16 name length, name UTF-8, u8 rank (1..8), u32 dims, float32 elements row-major
 * </pre>
 *
 * Nothing may follow the last tensor and every float must be finite, so exactly one byte string
 * encodes a given model. {@code model_hash} is not the file's SHA-256 but {@link ModelCommitment}'s
 * commitment to the header (metadata and tensor directory) and a Merkle root of the tensors, so one
 * tensor can be shown to belong to a model without the rest; the metadata (architecture,
 * vocabulary, hyper-parameters) is in the header, so the hash also fixes the program the engine
 * derives.
 */
public final class WeightsFile {
  static final byte[] MAGIC = "AETHWTS1".getBytes(StandardCharsets.US_ASCII);
  static final int MAX_ENTRIES = 4096;

  private WeightsFile() {}

  /** A parsed weights file. */
  public record Contents(SortedMap<String, String> metadata, Weights weights) {}

  /**
   * Parses a canonical weights file.
   *
   * @throws ComputeException.BadModel if the bytes are not exactly one canonical file
   */
  public static Contents parse(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[MAGIC.length];
      b.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new ComputeException.BadModel("not an AETHWTS1 weights file");
      }
      SortedMap<String, String> meta = new TreeMap<>();
      String prev = null;
      int metaCount = count(b);
      for (int i = 0; i < metaCount; i++) {
        String key = utf8(b, Short.toUnsignedInt(b.getShort()));
        prev = ascending(prev, key);
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
          throw new ComputeException.BadModel("metadata value overruns the file");
        }
        meta.put(key, utf8(b, len));
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      prev = null;
      int tensorCount = count(b);
      for (int i = 0; i < tensorCount; i++) {
        String name = utf8(b, Short.toUnsignedInt(b.getShort()));
        prev = ascending(prev, name);
        tensors.put(name, tensor(b, name));
      }
      if (b.hasRemaining()) {
        throw new ComputeException.BadModel(
            b.remaining() + " trailing bytes after the last tensor");
      }
      return new Contents(meta, new Weights(tensors));
    } catch (java.nio.BufferUnderflowException e) {
      throw new ComputeException.BadModel("weights file is truncated");
    }
  }

  /** Writes the canonical encoding (used by tests and tools that derive models). */
  public static byte[] write(Map<String, String> metadata, Weights weights) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    SortedMap<String, String> meta = new TreeMap<>(WeightsFile::compareUtf8);
    meta.putAll(metadata);
    out.writeBytes(le(4).putInt(meta.size()).array());
    meta.forEach(
        (k, v) -> {
          byte[] kb = k.getBytes(StandardCharsets.UTF_8);
          byte[] vb = v.getBytes(StandardCharsets.UTF_8);
          out.writeBytes(le(2).putShort((short) kb.length).array());
          out.writeBytes(kb);
          out.writeBytes(le(4).putInt(vb.length).array());
          out.writeBytes(vb);
        });
    SortedMap<String, Tensor> ts = new TreeMap<>(WeightsFile::compareUtf8);
    ts.putAll(weights.asMap());
    out.writeBytes(le(4).putInt(ts.size()).array());
    ts.forEach(
        (name, t) -> {
          byte[] nb = name.getBytes(StandardCharsets.UTF_8);
          out.writeBytes(le(2).putShort((short) nb.length).array());
          out.writeBytes(nb);
          // The tensor's canonical bytes are rank, dims, floats: the same layout as here.
          out.writeBytes(t.canonicalBytes());
        });
    return out.toByteArray();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int count(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > MAX_ENTRIES) {
      throw new ComputeException.BadModel(
          "entry count " + Integer.toUnsignedString(n) + " too large");
    }
    return n;
  }

  private static String ascending(String prev, String next) {
    if (prev != null && compareUtf8(prev, next) >= 0) {
      throw new ComputeException.BadModel(
          "names not in strictly ascending order: '" + prev + "' then '" + next + "'");
    }
    return next;
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String utf8(ByteBuffer b, int len) {
    if (len > b.remaining()) {
      throw new ComputeException.BadModel("name overruns the file");
    }
    byte[] raw = new byte[len];
    b.get(raw);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ComputeException.BadModel("name is not valid UTF-8");
    }
  }

  private static Tensor tensor(ByteBuffer b, String name) {
    int rank = Byte.toUnsignedInt(b.get());
    if (rank == 0 || rank > Tensor.MAX_RANK) {
      throw new ComputeException.BadModel("tensor '" + name + "' has rank " + rank);
    }
    int[] shape = new int[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = b.getInt();
      if (shape[i] <= 0) {
        throw new ComputeException.BadModel("tensor '" + name + "' has a non-positive dimension");
      }
      n *= shape[i];
      if (n * 4 > b.remaining()) {
        throw new ComputeException.BadModel("tensor '" + name + "' overruns the file");
      }
    }
    float[] data = new float[(int) n];
    for (int i = 0; i < data.length; i++) {
      data[i] = b.getFloat();
      if (!Float.isFinite(data[i])) {
        throw new ComputeException.BadModel("tensor '" + name + "' holds a non-finite value");
      }
    }
    return Tensor.of(data, shape);
  }
}
