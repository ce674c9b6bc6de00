package dev.aether.consensus;

import dev.aether.types.Bytes;
import dev.aether.types.OpCert;
import java.util.Optional;

/**
 * The local validator's secret-key operations. Deterministic (BLS and Ed25519 signatures, ECVRF
 * proofs are), so consensus stays a pure function of its events. The hot KES key and its
 * operational certificate live outside consensus (they evolve, are persisted and are rotated by the
 * operator); consensus only asks for the certificate valid in a period and a signature.
 */
public interface LocalSigner {
  /** This validator's cold key: its identity in every epoch's validator set. */
  Bytes coldKey();

  VrfOutput vrfProve(byte[] input);

  /**
   * The operational certificate to sign absolute KES period {@code kesPeriod} with, or empty when
   * no hot key covers it (expired, not yet started, or already evolved past it): then this
   * validator cannot propose.
   */
  Optional<OpCert> opCert(int kesPeriod);

  /** KES signature of the hot key named by {@code cert}, at period {@code kesPeriod}. */
  Bytes signProposal(OpCert cert, int kesPeriod, byte[] message);

  /** BLS signature, used for votes and timeouts. */
  Bytes signVote(byte[] message);
}
