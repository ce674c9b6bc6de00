package dev.aether.runtime.wasm;

/**
 * Hard limits on a contract, part of the protocol: linear memory pages (64 KiB each), call depth
 * and code size. Exceeding one ends the call with a clean error, never a JVM failure.
 */
public record ContractLimits(int maxPages, int maxCallDepth, int maxCodeBytes) {
  /** 16 pages (1 MiB), 256 nested calls, 64 KiB of code (a call's largest argument). */
  public static final ContractLimits DEFAULT = new ContractLimits(16, 256, 64 * 1024);

  public ContractLimits {
    if (maxPages < 1 || maxPages > 65_536 || maxCallDepth < 1 || maxCodeBytes < 8) {
      throw new IllegalArgumentException("contract limits out of range");
    }
  }
}
