package dev.aether.ledger;

import dev.aether.types.AssetId;
import dev.aether.types.Tx;

/**
 * Decides whether a transaction may mint an asset. The ledger alone authorises no minting; the
 * runtime supplies a policy that lets programs with minting rights mint their assets.
 */
@FunctionalInterface
public interface MintPolicy {
  /** Mints nothing. */
  MintPolicy NONE = (tx, asset) -> false;

  boolean authorises(Tx tx, AssetId asset);
}
