package dev.aether.rpc;

/** Whether the node is catching up with the network. */
public sealed interface SyncStatus {
  /** Following the chain head. */
  record Synced() implements SyncStatus {}

  /**
   * Catching up by block or state sync.
   *
   * @param startingHeight height the node had when this sync began
   * @param currentHeight height executed so far
   * @param highestHeight highest height peers have announced
   */
  record Syncing(long startingHeight, long currentHeight, long highestHeight)
      implements SyncStatus {}

  SyncStatus SYNCED = new Synced();
}
