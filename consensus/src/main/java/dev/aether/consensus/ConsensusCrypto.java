package dev.aether.consensus;

import dev.aether.types.Bytes;
import dev.aether.types.OpCert;
import java.util.List;
import java.util.Optional;

/**
 * Every signature and VRF check consensus needs, behind one small interface so the state machine
 * stays independent of the crypto libraries. Production: BLS12-381 (votes, timeouts, QCs, TCs),
 * ECVRF-EDWARDS25519-SHA512-ELL2 (leader lottery), Ed25519 (operational certificates) and Sum-KES
 * over Ed25519 (proposals). All methods are pure functions of their arguments.
 */
public interface ConsensusCrypto {
  /** Verifies {@code proof} on {@code input} under the validator's VRF key; the output if valid. */
  Optional<Bytes> vrfVerify(Validator validator, byte[] input, Bytes proof);

  /**
   * Verifies a proposal signature: {@code cert} carries the validator's cold-key signature, and
   * {@code signature} is the certificate's hot KES key signing {@code message} at evolution {@code
   * kesPeriod - cert.startPeriod()} (which must be one the key covers). The counter rule is
   * consensus' business, not this method's.
   */
  boolean verifyProposal(
      Validator validator, OpCert cert, int kesPeriod, byte[] message, Bytes signature);

  /** Verifies one vote or timeout signature under the validator's BLS key. */
  boolean verifyVote(Validator validator, byte[] message, Bytes signature);

  /** Aggregates BLS signatures (in the given order; aggregation is order-independent). */
  Bytes aggregate(List<Bytes> signatures);

  /**
   * Verifies an aggregate of one signature per signer, signer {@code i} over {@code messages[i]}.
   * QCs pass the same message for every signer (fast-aggregate-verify); TCs pass distinct ones.
   */
  boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes aggregate);
}
