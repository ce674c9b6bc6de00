package dev.aether.runtime.wasm;

import dev.aether.genesis.GenesisConfig;

/**
 * Hard limits on contracts, part of the protocol ({@code [limits]} in genesis): linear memory pages
 * (64 KiB each), table elements (declared or grown), code size and the depth of nested
 * contract-to-contract calls. The wasm call stack is bounded by the instrumenter's stack units
 * ({@link Instrumenter#STACK_UNITS}). Exceeding a limit ends the call with a clean error or, for a
 * table that cannot grow, the instruction's own failure value — never a JVM failure.
 */
public record ContractLimits(
    int maxPages, int maxTableElements, int maxCodeBytes, int maxNestedCalls) {
  /** The genesis defaults: 16 pages (1 MiB), 4096 table elements, 64 KiB of code, 8 levels. */
  public static final ContractLimits DEFAULT = of(GenesisConfig.Limits.DEFAULT);

  public ContractLimits {
    if (maxPages < 1
        || maxPages > 65_536
        || maxTableElements < 0
        || maxCodeBytes < 8
        || maxNestedCalls < 1) {
      throw new IllegalArgumentException("contract limits out of range");
    }
  }

  /** The contract limits of a genesis {@code [limits]} section. */
  public static ContractLimits of(GenesisConfig.Limits l) {
    return new ContractLimits(
        l.contractPagesMax(),
        l.contractTableElementsMax(),
        l.contractCodeBytesMax(),
        l.contractCallDepthMax());
  }
}
