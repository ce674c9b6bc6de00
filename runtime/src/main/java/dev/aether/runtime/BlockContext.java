package dev.aether.runtime;

/**
 * What a block's transactions may know besides the state they declare: the chain, the slot, the
 * epoch it falls in (rent is counted in epochs) and the congestion multipliers committed by the
 * parent block. All of it is fixed before the first transaction runs.
 */
public record BlockContext(
    String chainId, long height, long slot, long epochSlots, CongestionTable congestion) {
  public BlockContext {
    java.util.Objects.requireNonNull(chainId, "chainId");
    java.util.Objects.requireNonNull(congestion, "congestion");
    if (slot < 0 || height < 0 || epochSlots <= 0) {
      throw new IllegalArgumentException("slot/height must be >= 0 and epochSlots > 0");
    }
  }

  /** A context with no hot objects. */
  public BlockContext(String chainId, long height, long slot, long epochSlots) {
    this(chainId, height, slot, epochSlots, CongestionTable.EMPTY);
  }

  /** A context whose multipliers are the ones stored in the parent state. */
  public static BlockContext atop(
      StateReader parent, String chainId, long height, long slot, long epochSlots) {
    return new BlockContext(chainId, height, slot, epochSlots, CongestionTable.load(parent));
  }

  public long epoch() {
    return slot / epochSlots;
  }
}
