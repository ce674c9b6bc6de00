package dev.aether.mesh.trace;

import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.types.Opening;
import ethereum.cryptography.LibEthKZG;
import java.math.BigInteger;
import java.util.List;

/**
 * KZG commitments over the Ethereum (EIP-4844) trusted setup: the vector is a blob of 4096 field
 * elements, i.e. the evaluations of a polynomial {@code p} on the 4096th roots of unity in
 * bit-reversed order, so position {@code i} opens as the point evaluation {@code p(ω^brp(i))}.
 *
 * <p>Backed by {@code java-eth-kzg} (Rust, native) — see docs/DEPENDENCIES.md. One instance loads
 * the setup once; close it to free the native context.
 */
public final class KzgVectorCommitment implements VectorCommitment, AutoCloseable {
  /** Positions per commitment (EIP-4844 FIELD_ELEMENTS_PER_BLOB). */
  public static final int CAPACITY = 4096;

  private static final int LOG2 = 12;
  private static final byte[][] POINTS = evaluationPoints();

  private final LibEthKZG kzg;

  /** Loads the trusted setup. */
  public KzgVectorCommitment() {
    this.kzg = new LibEthKZG();
  }

  @Override
  public int capacity() {
    return CAPACITY;
  }

  @Override
  public int commitmentBytes() {
    return 48;
  }

  @Override
  public int proofBytes() {
    return 48;
  }

  @Override
  public Committed commit(List<byte[]> values) {
    if (values.size() > CAPACITY) {
      throw new IllegalArgumentException("at most " + CAPACITY + " values, got " + values.size());
    }
    byte[] blob = new byte[CAPACITY * FieldElements.BYTES];
    for (int i = 0; i < values.size(); i++) {
      byte[] v = values.get(i);
      if (v.length != FieldElements.BYTES) {
        throw new IllegalArgumentException("field elements are 32 bytes");
      }
      System.arraycopy(v, 0, blob, i * FieldElements.BYTES, FieldElements.BYTES);
    }
    byte[] commitment = call(() -> kzg.blobToKZGCommitment(blob));
    return new Committed() {
      @Override
      public byte[] commitment() {
        return commitment.clone();
      }

      @Override
      public Opening open(int index) {
        checkIndex(index);
        byte[][] proofAndY = call(() -> kzg.computeKzgProof(blob, POINTS[index]));
        return new Opening(index, Bytes.of(proofAndY[1]), Bytes.of(proofAndY[0]));
      }
    };
  }

  @Override
  public boolean verify(byte[] commitment, int index, byte[] value, byte[] proof) {
    if (index < 0 || index >= CAPACITY || commitment.length != 48 || proof.length != 48) {
      return false;
    }
    if (value.length != FieldElements.BYTES
        || new BigInteger(1, value).compareTo(FieldElements.MODULUS) >= 0) {
      return false;
    }
    try {
      return kzg.verifyKzgProof(commitment, POINTS[index], value, proof);
    } catch (RuntimeException e) {
      // The library throws on bytes that are not a valid compressed G1 point: not a proof.
      return false;
    }
  }

  /** The evaluation point of position {@code index}: {@code ω^bitreverse(index)}. */
  static byte[] point(int index) {
    checkIndex(index);
    return POINTS[index].clone();
  }

  private static void checkIndex(int index) {
    if (index < 0 || index >= CAPACITY) {
      throw new IllegalArgumentException("index out of range: " + index);
    }
  }

  /** EIP-4844: ω = 7^((r-1)/4096) mod r, positions in bit-reversed order. */
  private static byte[][] evaluationPoints() {
    BigInteger r = FieldElements.MODULUS;
    BigInteger omega =
        BigInteger.valueOf(7)
            .modPow(r.subtract(BigInteger.ONE).divide(BigInteger.valueOf(CAPACITY)), r);
    byte[][] pts = new byte[CAPACITY][];
    BigInteger w = BigInteger.ONE;
    for (int i = 0; i < CAPACITY; i++) {
      pts[Integer.reverse(i) >>> (32 - LOG2)] = FieldElements.toBytes(w);
      w = w.multiply(omega).mod(r);
    }
    return pts;
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T call(Call<T> c) {
    try {
      return c.run();
    } catch (RuntimeException e) {
      throw new MeshException.Internal("KZG library failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    kzg.close();
  }
}
