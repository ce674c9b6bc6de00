package dev.aether.compute.trace;

import dev.aether.types.Opening;
import java.util.List;

/**
 * A commitment to a fixed-length vector of field elements with per-position openings. The trace
 * commits through this interface so the scheme (KZG over the EIP-4844 setup today) sits behind one
 * class.
 */
public interface VectorCommitment {
  /** Number of positions; shorter vectors are padded with zeros. */
  int capacity();

  /** Bytes of a commitment. */
  int commitmentBytes();

  /** Bytes of one opening proof. */
  int proofBytes();

  /** Commits to {@code values} (each a 32-byte big-endian field element). */
  Committed commit(List<byte[]> values);

  /**
   * Whether {@code proof} shows position {@code index} of {@code commitment} holds {@code value}.
   */
  boolean verify(byte[] commitment, int index, byte[] value, byte[] proof);

  /**
   * Whether every opening verifies against {@code commitment}; schemes that can check several at
   * once (KZG: one pairing equation) override this.
   */
  default boolean verifyAll(byte[] commitment, List<Opening> openings) {
    for (Opening o : openings) {
      if (!verify(commitment, o.index(), o.value().toArray(), o.proof().toArray())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code values} (padded with zeros to the capacity) are exactly the committed vector:
   * how a verifier accepts the leaves a provider publishes beside its commitment. {@code proof} is
   * {@link Committed#dataProof()}.
   */
  boolean verifyData(byte[] commitment, List<byte[]> values, byte[] proof);

  /** A committed vector that can open any position. */
  interface Committed {
    /** The commitment. */
    byte[] commitment();

    /** A proof that the whole vector is the committed one (see {@link #verifyData}). */
    byte[] dataProof();

    /** A proof for position {@code index}. */
    Opening open(int index);
  }
}
