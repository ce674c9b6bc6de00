package dev.aether.consensus;

import dev.aether.types.Bytes;

/**
 * The local validator's secret-key operations. Deterministic (BLS and Ed25519 signatures, ECVRF
 * proofs are), so consensus stays a pure function of its events. The KES key evolves outside
 * consensus; {@link #signProposal} is asked for the period of the proposal's slot.
 */
public interface LocalSigner {
  /** This validator's index in the validator set. */
  int index();

  VrfOutput vrfProve(byte[] input);

  Bytes signProposal(int kesPeriod, byte[] message);

  /** BLS signature, used for votes and timeouts. */
  Bytes signVote(byte[] message);
}
