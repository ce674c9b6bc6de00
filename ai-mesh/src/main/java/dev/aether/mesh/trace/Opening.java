package dev.aether.mesh.trace;

import java.util.Arrays;

/**
 * An opening of one position of a committed vector.
 *
 * @param index the position
 * @param value the 32-byte field element claimed to sit there
 * @param proof the proof (a 48-byte compressed G1 point for KZG)
 */
public record Opening(int index, byte[] value, byte[] proof) {
  /** Copies the arrays. */
  public Opening {
    value = value.clone();
    proof = proof.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Opening x
        && index == x.index
        && Arrays.equals(value, x.value)
        && Arrays.equals(proof, x.proof);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * index + Arrays.hashCode(value)) + Arrays.hashCode(proof);
  }
}
