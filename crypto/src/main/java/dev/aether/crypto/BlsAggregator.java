package dev.aether.crypto;

import java.util.List;

/**
 * BLS12-381 signatures in the Ethereum ciphersuite {@code
 * BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_} (public keys in G1, signatures in G2): what
 * validators use for votes and quorum certificates.
 *
 * <p>Verifiers answer {@code false} for anything that does not verify, including undecodable
 * points, points outside the prime-order subgroup, infinity public keys, empty key lists and size
 * mismatches. {@link #aggregate} refuses an empty list or an invalid signature with a {@link
 * CryptoException}.
 */
public interface BlsAggregator {

  boolean verify(BlsPublicKey publicKey, byte[] message, BlsSignature signature);

  /** Sum of signatures (each must decode and lie in G2). */
  BlsSignature aggregate(List<BlsSignature> signatures);

  /** Many signers, one message: checks the signature against the sum of the keys. */
  boolean fastAggregateVerify(
      List<BlsPublicKey> publicKeys, byte[] message, BlsSignature signature);

  /** Many signers, each with its own message (messages need not be distinct under PoP). */
  boolean aggregateVerify(
      List<BlsPublicKey> publicKeys, List<byte[]> messages, BlsSignature signature);

  /** Checks a proof of possession (a signature over the key's own bytes, PoP DST). */
  boolean verifyPossession(BlsPublicKey publicKey, BlsSignature proof);
}
