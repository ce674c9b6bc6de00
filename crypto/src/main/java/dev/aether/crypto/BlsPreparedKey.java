package dev.aether.crypto;

import supranational.blst.P1_Affine;

/**
 * A BLS public key that has passed KeyValidate (decodes, not infinity, in G1), kept decoded.
 * Decoding and the subgroup check cost about 0.1 ms per key; a validator set prepares its keys once
 * per epoch and then aggregates subsets with point additions only (see {@link
 * Bls#fastAggregateVerifyPrepared}).
 */
public final class BlsPreparedKey {

  private final BlsPublicKey publicKey;
  private final P1_Affine point;

  BlsPreparedKey(final BlsPublicKey publicKey, final P1_Affine point) {
    this.publicKey = publicKey;
    this.point = point;
  }

  public BlsPublicKey publicKey() {
    return publicKey;
  }

  /** The decoded point; blst never mutates its inputs, and this one is never handed out. */
  P1_Affine point() {
    return point;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BlsPreparedKey k && k.publicKey.equals(publicKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "BlsPreparedKey[" + publicKey + "]";
  }
}
