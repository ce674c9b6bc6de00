package dev.aether.crypto;

import java.util.List;

/**
 * KZG polynomial commitments with EIP-4844 semantics over the Ethereum KZG ceremony's trusted setup
 * (4096-element blobs, BLS12-381).
 *
 * <p>Verifiers answer {@code false} for a well-formed input that does not verify, and throw {@link
 * CryptoException} ({@code CRYPTO_BAD_ENCODING} / {@code CRYPTO_BAD_ARGUMENT}) for an input the
 * specification refuses outright: a field element at or above the modulus, a point that is not on
 * the curve or not in the subgroup, lists of different lengths. Callers that only need a verdict
 * treat both as "reject".
 */
public interface Kzg {

  /** The c-kzg-4844 implementation over the Ethereum trusted setup (loaded once per process). */
  static Kzg ethereum() {
    return CKzg.instance();
  }

  /** {@code blob_to_kzg_commitment}. */
  KzgCommitment blobToCommitment(Blob blob);

  /** {@code compute_kzg_proof}: opens the blob's polynomial at {@code z}. */
  KzgProofAndY computeProof(Blob blob, KzgFieldElement z);

  /** {@code verify_kzg_proof}: checks that the committed polynomial has {@code p(z) = y}. */
  boolean verifyProof(
      KzgCommitment commitment, KzgFieldElement z, KzgFieldElement y, KzgProof proof);

  /**
   * {@code compute_blob_kzg_proof}: the proof at the Fiat-Shamir challenge of (blob, commitment).
   */
  KzgProof computeBlobProof(Blob blob, KzgCommitment commitment);

  /** {@code verify_blob_kzg_proof}. */
  boolean verifyBlobProof(Blob blob, KzgCommitment commitment, KzgProof proof);

  /**
   * {@code verify_blob_kzg_proof_batch}: one random-linear-combination check for all triples;
   * {@code true} for empty lists. The three lists must have equal sizes.
   */
  boolean verifyBlobProofBatch(
      List<Blob> blobs, List<KzgCommitment> commitments, List<KzgProof> proofs);
}
