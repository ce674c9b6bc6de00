package dev.aether.rpc;

/**
 * Which block a query means: the newest executed block, the newest final one, or one by height. RPC
 * clients write {@code "latest"}, {@code "finalized"}, {@code "earliest"} (height 0) or a height
 * (see {@code docs/rpc.md}).
 */
public sealed interface BlockTag {
  /** The newest block this node has executed, final or not. */
  record Latest() implements BlockTag {}

  /** The newest block that is final under the 2-chain rule. */
  record Finalized() implements BlockTag {}

  /** The block at this height on the canonical chain. */
  record Height(long height) implements BlockTag {
    public Height {
      if (height < 0) {
        throw new IllegalArgumentException("height must be non-negative, got " + height);
      }
    }
  }

  BlockTag LATEST = new Latest();
  BlockTag FINALIZED = new Finalized();
}
