package dev.aether.ledger;

import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A block executed against the head but not yet committed: its receipts (the transactions', then
 * its own {@link BlockReceipt}) and the roots its header must carry. A proposer builds the header
 * from these; {@link Ledger#commit} then writes it.
 */
public final class ExecutedBlock {
  private final Head base;
  private final BlockContext context;
  private final List<H256> txIds;
  private final List<Receipt> receipts;
  private final BlockReceipt blockReceipt;
  private final H256 stateRoot;
  private final H256 receiptsRoot;
  private final SortedMap<H256, Optional<StateObject>> stateChanges;
  private final StoreNodes nodes;
  private final StateReader after;

  ExecutedBlock(
      Head base,
      BlockContext context,
      List<H256> txIds,
      List<Receipt> receipts,
      BlockReceipt blockReceipt,
      H256 stateRoot,
      H256 receiptsRoot,
      SortedMap<H256, Optional<StateObject>> stateChanges,
      StoreNodes nodes,
      StateReader before) {
    this.base = base;
    this.context = context;
    this.txIds = List.copyOf(txIds);
    this.receipts = List.copyOf(receipts);
    this.blockReceipt = blockReceipt;
    this.stateRoot = stateRoot;
    this.receiptsRoot = receiptsRoot;
    this.stateChanges = stateChanges;
    this.nodes = nodes;
    this.after =
        key -> {
          Optional<StateObject> changed = stateChanges.get(key);
          return changed != null ? changed : before.get(key);
        };
  }

  /** The state after this block: its changes over the state it ran on. */
  public StateReader stateAfter() {
    return after;
  }

  /** The head this block was executed on. */
  public Head base() {
    return base;
  }

  public BlockContext context() {
    return context;
  }

  public List<H256> txIds() {
    return txIds;
  }

  public List<Receipt> receipts() {
    return receipts;
  }

  /**
   * The outcome of the block's own work after its transactions (fees shared out, end-of-block
   * hooks): the last leaf of its receipts tree.
   */
  public BlockReceipt blockReceipt() {
    return blockReceipt;
  }

  public H256 stateRoot() {
    return stateRoot;
  }

  public H256 receiptsRoot() {
    return receiptsRoot;
  }

  /** Number of state keys the block changed (including the fee pool). */
  public int changedKeys() {
    return stateChanges.size();
  }

  /**
   * What the block changed, as each key's new value hash (empty = deleted): enough to compare two
   * executions of the same block key by key (root-mismatch diagnosis) without shipping values.
   */
  public SortedMap<H256, Optional<H256>> changeHashes() {
    return Ledger.valueHashes(stateChanges);
  }

  SortedMap<H256, Optional<StateObject>> stateChanges() {
    return stateChanges;
  }

  StoreNodes nodes() {
    return nodes;
  }
}
