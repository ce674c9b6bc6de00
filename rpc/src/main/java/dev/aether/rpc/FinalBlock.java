package dev.aether.rpc;

import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Receipt;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A final block, its receipts (one per transaction, in block order) and its own receipt — the
 * outcome of its work after the transactions (fees shared out, end-of-block hooks; docs/adr/0053),
 * absent for genesis and where the serving node does not hold it.
 */
public record FinalBlock(Block block, List<Receipt> receipts, Optional<BlockReceipt> blockReceipt) {
  public FinalBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(blockReceipt, "blockReceipt");
    receipts = List.copyOf(receipts);
    if (receipts.size() != block.txs().size()) {
      throw new IllegalArgumentException(
          receipts.size() + " receipts for " + block.txs().size() + " transactions");
    }
    if (blockReceipt.isPresent() && blockReceipt.get().height() != block.header().height()) {
      throw new IllegalArgumentException(
          "block receipt of height "
              + blockReceipt.get().height()
              + " for block "
              + block.header().height());
    }
  }

  /** A block without its own receipt (genesis, or a backend that does not keep them). */
  public FinalBlock(Block block, List<Receipt> receipts) {
    this(block, receipts, Optional.empty());
  }

  public long height() {
    return block.header().height();
  }
}
