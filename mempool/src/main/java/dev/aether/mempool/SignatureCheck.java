package dev.aether.mempool;

import dev.aether.types.Tx;

/**
 * Verifies every signature of a transaction over its id. The node passes the crypto module's
 * Ed25519 verifier (with the same acceptance rule as block validation).
 */
@FunctionalInterface
public interface SignatureCheck {
  boolean allValid(Tx tx);
}
