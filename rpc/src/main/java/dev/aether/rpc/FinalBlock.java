package dev.aether.rpc;

import dev.aether.types.Block;
import dev.aether.types.Receipt;
import java.util.List;
import java.util.Objects;

/** A final block and its receipts, one per transaction in block order. */
public record FinalBlock(Block block, List<Receipt> receipts) {
  public FinalBlock {
    Objects.requireNonNull(block, "block");
    receipts = List.copyOf(receipts);
    if (receipts.size() != block.txs().size()) {
      throw new IllegalArgumentException(
          receipts.size() + " receipts for " + block.txs().size() + " transactions");
    }
  }

  public long height() {
    return block.header().height();
  }
}
