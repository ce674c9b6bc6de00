package dev.aether.programs.reputation;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Hashing;

/** Where the reputation oracle keeps a provider's record. */
public final class ReputationKeys {
  private ReputationKeys() {}

  /** {@code SHA-256("aether/reputation/v1" || 0 || provider)}. */
  public static H256 of(Address provider) {
    return Hashing.tagged("aether/reputation/v1", provider.hash().toArray());
  }
}
