package dev.aether.runtime;

/**
 * What a block's transactions may know about the block besides state: the chain they must be for,
 * the slot, and the epoch it falls in (which rent is counted in).
 */
public record BlockContext(String chainId, long height, long slot, long epochSlots) {
  public BlockContext {
    java.util.Objects.requireNonNull(chainId, "chainId");
    if (slot < 0 || height < 0 || epochSlots <= 0) {
      throw new IllegalArgumentException("slot/height must be >= 0 and epochSlots > 0");
    }
  }

  public long epoch() {
    return slot / epochSlots;
  }
}
