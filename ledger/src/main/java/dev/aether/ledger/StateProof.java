package dev.aether.ledger;

import dev.aether.types.H256;
import java.util.Optional;

/** A proof checked against a root alone: no state, no store. */
public interface StateProof {
  /**
   * True when this proof shows that under {@code root}, {@code key} maps to {@code valueHash}
   * (present) or is absent ({@code valueHash} empty).
   */
  boolean verify(H256 root, H256 key, Optional<H256> valueHash);

  /** The value hash this proof shows for its key, or empty for a non-inclusion proof. */
  Optional<H256> provenValue();

  /** Canonical encoding, for the wire and for measuring proof size. */
  byte[] encode();
}
