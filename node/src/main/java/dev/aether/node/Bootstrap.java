package dev.aether.node;

import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.RocksStateStore;
import dev.aether.network.Network;
import dev.aether.network.PeerId;
import dev.aether.types.H256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where a starting node resumes: state sync when it is far behind the validators' newest vouched
 * snapshot, else its own last checkpoint (then block sync fetches what it missed), else genesis.
 */
final class Bootstrap {
  private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

  private static final int SYNC_ATTEMPTS = 3;

  /** The file naming the snapshot block an unfinished download in {@code state-sync/} is for. */
  private static Path marker(Path partial) {
    return partial.resolveSibling(partial.getFileName() + ".target");
  }

  private Bootstrap() {}

  /**
   * State-syncs into {@code data/state} when the newest snapshot vouched for by more than a third
   * of the stake is at least {@code [sync].state_sync_after} blocks above the local head. The
   * download goes to {@code data/state-sync} and replaces {@code data/state} only once complete and
   * verified, so a failed or interrupted sync leaves the old state as it was (and resumes next
   * start).
   *
   * @return the checkpoint synced to; empty when no sync happened (or it failed)
   */
  static Optional<Checkpoint> stateSyncIfFarBehind(
      NodeConfig config,
      Network network,
      Map<PeerId, Long> stakes,
      ConsensusConfig chain,
      H256 genesisId,
      Snapshots snapshots) {
    NodeConfig.Sync sync = config.sync();
    boolean othersExist = stakes.keySet().stream().anyMatch(p -> !p.equals(network.id()));
    if (!sync.stateSync() || !othersExist) {
      return Optional.empty();
    }
    Path state = config.dataDir().resolve("state");
    Path partial = config.dataDir().resolve("state-sync");
    long local = localHeight(state);
    StateSyncClient client =
        new StateSyncClient(
            network, stakes, cp -> cp.verify(chain, new ChainCrypto()), System::currentTimeMillis);
    // A snapshot can be pruned by its servers mid-download (they keep two, and a busy chain moves
    // on): then look again for the newest one, a few times.
    for (int attempt = 1; attempt <= SYNC_ATTEMPTS; attempt++) {
      try {
        Optional<StateSyncClient.Target> target = client.discover(sync.discoveryMs());
        if (target.isEmpty()
            || target.get().checkpoint().height() < local + sync.stateSyncAfter()) {
          target.ifPresent(
              t ->
                  LOG.info(
                      "newest snapshot at height "
                          + t.checkpoint().height()
                          + " is near local head "
                          + local
                          + ": block sync"));
          return Optional.empty();
        }
        Checkpoint cp = target.get().checkpoint();
        LOG.info(
            "local head "
                + local
                + " is far behind snapshot "
                + cp.height()
                + " served by "
                + target.get().servers().size()
                + " validators: state sync");
        // An unfinished download to another snapshot cannot be resumed for this one.
        if (!partialTargets(partial, cp)) {
          Snapshots.deleteTree(partial);
        }
        Files.createDirectories(config.dataDir());
        Snapshots.writeAtomically(marker(partial), cp.id().toArray());
        Head head = client.download(target.get(), partial, sync.chunkBits(), genesisId, 60_000);
        Snapshots.deleteTree(state);
        Files.move(partial, state);
        Files.deleteIfExists(marker(partial));
        snapshots.recordLatest(cp);
        LOG.info("state synced to height " + head.height());
        return Optional.of(cp);
      } catch (LedgerException e) {
        LOG.warning("state sync attempt " + attempt + " failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot install synced state", e);
      }
    }
    LOG.warning("state sync gave up: falling back to block sync");
    return Optional.empty();
  }

  /** Whether {@code partial} holds nothing, or an unfinished sync to {@code cp}. */
  private static boolean partialTargets(Path partial, Checkpoint cp) {
    if (!Files.isDirectory(partial)) {
      return true;
    }
    Path marker = marker(partial);
    try {
      return Files.isRegularFile(marker)
          && java.util.Arrays.equals(Files.readAllBytes(marker), cp.id().toArray());
    } catch (IOException e) {
      return false;
    }
  }

  private static long localHeight(Path state) {
    if (!Files.isDirectory(state)) {
      return 0;
    }
    try (RocksStateStore s = RocksStateStore.open(state)) {
      return Ledger.readHead(s).map(Head::height).orElse(0L);
    }
  }

  /**
   * The node's own last checkpoint, when it names a block of its ledger at or below the head: a
   * restart resumes consensus there instead of replaying every block from genesis.
   */
  static Optional<Checkpoint> resumePoint(Snapshots snapshots, Ledger ledger) {
    return snapshots
        .latestOwn()
        .filter(
            cp ->
                cp.height() <= ledger.head().height()
                    && (cp.id().equals(ledger.head().blockId())
                        || ledger
                            .header(cp.height())
                            .map(h -> h.id().equals(cp.id()))
                            .orElse(false)));
  }
}
