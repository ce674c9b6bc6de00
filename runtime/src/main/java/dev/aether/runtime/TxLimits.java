package dev.aether.runtime;

import dev.aether.genesis.GenesisConfig;

/**
 * The per-transaction limits every validator enforces, whatever the fee cap ({@code [limits]} in
 * genesis).
 *
 * @param stepsMax most metered steps
 * @param memoryBytesMax most memory bytes charged (contract memory plus bytes written to state)
 */
public record TxLimits(long stepsMax, long memoryBytesMax) {
  public static final TxLimits DEFAULT = of(GenesisConfig.Limits.DEFAULT);

  public TxLimits {
    if (stepsMax <= 0 || memoryBytesMax <= 0) {
      throw new IllegalArgumentException("transaction limits must be positive");
    }
  }

  public static TxLimits of(GenesisConfig.Limits l) {
    return new TxLimits(l.txStepsMax(), l.txMemoryBytesMax());
  }
}
