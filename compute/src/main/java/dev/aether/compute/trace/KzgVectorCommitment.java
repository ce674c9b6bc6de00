package dev.aether.compute.trace;

import dev.aether.compute.ComputeException;
import dev.aether.crypto.Blob;
import dev.aether.crypto.Kzg;
import dev.aether.crypto.KzgCommitment;
import dev.aether.crypto.KzgFieldElement;
import dev.aether.crypto.KzgProof;
import dev.aether.crypto.KzgProofAndY;
import dev.aether.types.Bytes;
import dev.aether.types.Opening;
import java.math.BigInteger;
import java.util.List;

/**
 * KZG commitments over the Ethereum (EIP-4844) trusted setup: the vector is a blob of 4096 field
 * elements, i.e. the evaluations of a polynomial {@code p} on the 4096th roots of unity in
 * bit-reversed order, so position {@code i} opens as the point evaluation {@code p(ω^brp(i))}.
 *
 * <p>Backed by the {@code crypto} module's c-kzg-4844 ({@link Kzg#ethereum()}), whose trusted setup
 * is process-global and loaded once; closing this object releases nothing.
 */
public final class KzgVectorCommitment implements VectorCommitment, AutoCloseable {
  /** Positions per commitment (EIP-4844 FIELD_ELEMENTS_PER_BLOB). */
  public static final int CAPACITY = 4096;

  private static final int LOG2 = 12;
  private static final byte[][] POINTS = evaluationPoints();

  private final Kzg kzg;

  /** Uses the Ethereum trusted setup (loaded on first use). */
  public KzgVectorCommitment() {
    this.kzg = Kzg.ethereum();
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
    Blob b = Blob.of(blob(values));
    byte[] commitment = call(() -> kzg.blobToCommitment(b).bytes());
    return new Committed() {
      @Override
      public byte[] commitment() {
        return commitment.clone();
      }

      @Override
      public byte[] dataProof() {
        return call(() -> kzg.computeBlobProof(b, new KzgCommitment(commitment)).bytes());
      }

      @Override
      public Opening open(int index) {
        checkIndex(index);
        KzgProofAndY p = call(() -> kzg.computeProof(b, new KzgFieldElement(POINTS[index])));
        return new Opening(index, Bytes.of(p.y().bytes()), Bytes.of(p.proof().bytes()));
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
      return kzg.verifyProof(
          new KzgCommitment(commitment),
          new KzgFieldElement(POINTS[index]),
          new KzgFieldElement(value),
          new KzgProof(proof));
    } catch (RuntimeException e) {
      // Bytes that are not a valid compressed G1 point (CryptoException): not a proof.
      return false;
    }
  }

  /**
   * {@code verify_blob_kzg_proof}: the polynomial through {@code values} (zero-padded) is evaluated
   * at a Fiat–Shamir point of (blob, commitment) and that one evaluation is checked with a pairing,
   * so a verifier accepts published leaves for about the cost of two openings.
   */
  @Override
  public boolean verifyData(byte[] commitment, List<byte[]> values, byte[] proof) {
    if (commitment.length != 48 || proof.length != 48 || values.size() > CAPACITY) {
      return false;
    }
    for (byte[] v : values) {
      if (v.length != FieldElements.BYTES
          || new BigInteger(1, v).compareTo(FieldElements.MODULUS) >= 0) {
        return false;
      }
    }
    try {
      return kzg.verifyBlobProof(
          Blob.of(blob(values)), new KzgCommitment(commitment), new KzgProof(proof));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] blob(List<byte[]> values) {
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
    return blob;
  }

  /**
   * Checks all openings with one pairing equation. For openings {@code (z_i, y_i, π_i)} of {@code
   * C}, each satisfies {@code e(π_i, [τ]G2) = e(C − y_i·G1 + z_i·π_i, G2)}; with coefficients
   * {@code ρ_i} (128 bits each, from SHA-256 over the commitment and every opening, so the prover
   * cannot choose them) the sum {@code e(Σρ_iπ_i, [τ]G2) = e((Σρ_i)C − (Σρ_iy_i)G1 + Σ(ρ_iz_i)π_i,
   * G2)} holds for all iff each holds, except with probability ≈ 2^-128. Costs two Miller loops and
   * a small multi-scalar multiplication instead of two pairings per opening.
   */
  @Override
  public boolean verifyAll(byte[] commitment, List<Opening> openings) {
    if (openings.isEmpty()) {
      return true;
    }
    if (openings.size() == 1) {
      Opening o = openings.get(0);
      return verify(commitment, o.index(), o.value().toArray(), o.proof().toArray());
    }
    return BatchVerifier.verify(commitment, openings, POINTS);
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
      throw new ComputeException.Internal("KZG library failed: " + e.getMessage(), e);
    }
  }

  /** Nothing to release: the setup is shared by the whole process. */
  @Override
  public void close() {}
}
