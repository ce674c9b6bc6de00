package dev.aether.compute.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An immutable float32 tensor in row-major order.
 *
 * <p>Its canonical bytes — what every hash in the mesh is taken over — are: rank as one byte, each
 * dimension as u32 little-endian, then each element's IEEE 754 bits ({@link
 * Float#floatToRawIntBits}) as u32 little-endian. Two tensors are equal iff their canonical bytes
 * are.
 */
public final class Tensor {
  /** Largest rank the canonical encoding admits. */
  public static final int MAX_RANK = 8;

  private final int[] shape;
  private final float[] data;

  private Tensor(int[] shape, float[] data) {
    this.shape = shape;
    this.data = data;
  }

  /** A tensor holding a copy of {@code data} with the given shape. */
  public static Tensor of(float[] data, int... shape) {
    return wrap(data.clone(), shape.clone());
  }

  /** A one-element tensor of shape [1]. */
  public static Tensor scalar(float value) {
    return wrap(new float[] {value}, new int[] {1});
  }

  /**
   * Takes ownership of {@code data} without copying; callers in the engine hand over freshly
   * allocated arrays only, which is what keeps the tensor immutable.
   */
  static Tensor wrap(float[] data, int... shape) {
    if (shape.length == 0 || shape.length > MAX_RANK) {
      throw new IllegalArgumentException("rank must be 1.." + MAX_RANK + ", got " + shape.length);
    }
    long n = 1;
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "dimensions must be positive: " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " elements, got " + data.length);
    }
    return new Tensor(shape, data);
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return shape[i];
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  /** Element {@code i} in row-major order. */
  public float get(int i) {
    return data[i];
  }

  /** The elements (a copy). */
  public float[] toArray() {
    return data.clone();
  }

  /** Engine-internal read access without a copy; never written through. */
  float[] raw() {
    return data;
  }

  /**
   * Whether every element is finite. Operator set {@value OperatorSet#VERSION} refuses NaN and
   * infinity anywhere in a trace: NaN payloads (and so the hashed bits) differ between CPUs, so a
   * trace holding one could not be reproduced bit for bit.
   */
  public boolean allFinite() {
    for (float v : data) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Length of {@link #canonicalBytes()}, without building them. */
  public int encodedLength() {
    return 1 + 4 * shape.length + 4 * data.length;
  }

  /** The canonical bytes (see class doc). */
  public byte[] canonicalBytes() {
    ByteBuffer b =
        ByteBuffer.allocate(1 + 4 * shape.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) shape.length);
    for (int d : shape) {
      b.putInt(d);
    }
    // Bulk copy of the raw IEEE bits (a FloatBuffer view keeps NaN payloads, like
    // floatToRawIntBits): hashing every step must stay cheap next to computing it.
    b.asFloatBuffer().put(data);
    return b.array();
  }

  /** Floats encoded per chunk while hashing (16 KiB): the whole encoding is never built. */
  private static final int HASH_CHUNK = 4_096;

  /**
   * SHA-256 of the canonical bytes, fed to the digest a chunk at a time: a provider hashes every
   * step's output, and building each encoding whole would copy (and allocate) the trace once more.
   */
  public byte[] sha256() {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
    ByteBuffer head = ByteBuffer.allocate(1 + 4 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) shape.length);
    for (int d : shape) {
      head.putInt(d);
    }
    md.update(head.array());
    ByteBuffer chunk =
        ByteBuffer.allocate(4 * Math.min(HASH_CHUNK, data.length)).order(ByteOrder.LITTLE_ENDIAN);
    for (int off = 0; off < data.length; off += HASH_CHUNK) {
      int n = Math.min(HASH_CHUNK, data.length - off);
      chunk.clear();
      chunk.asFloatBuffer().put(data, off, n);
      md.update(chunk.array(), 0, 4 * n);
    }
    return md.digest();
  }

  /**
   * Parses canonical bytes back into a tensor.
   *
   * @throws IllegalArgumentException if the bytes are not exactly one canonical tensor
   */
  public static Tensor fromCanonicalBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (!b.hasRemaining()) {
      throw new IllegalArgumentException("empty tensor encoding");
    }
    int rank = b.get() & 0xff;
    if (rank == 0 || rank > MAX_RANK || b.remaining() < 4 * rank) {
      throw new IllegalArgumentException("bad tensor rank " + rank);
    }
    int[] shape = new int[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = b.getInt();
      if (shape[i] <= 0) {
        throw new IllegalArgumentException("bad tensor dimension " + shape[i]);
      }
      n *= shape[i];
    }
    if (n * 4 != b.remaining()) {
      throw new IllegalArgumentException("tensor encoding length does not match its shape");
    }
    float[] data = new float[(int) n];
    for (int i = 0; i < data.length; i++) {
      data[i] = Float.intBitsToFloat(b.getInt());
    }
    return new Tensor(shape, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(bits(data), bits(t.data));
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(bits(data));
  }

  private static int[] bits(float[] f) {
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Float.floatToRawIntBits(f[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
