package dev.aether.node;

import dev.aether.consensus.Checkpoint;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.StateChunk;
import dev.aether.ledger.StateSync;
import dev.aether.types.codec.CodecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The node's resume points. After every commit it records the {@link Checkpoint} of its head in
 * {@code checkpoint.bin} (a restart resumes consensus there instead of replaying from genesis). At
 * every {@code interval}-th height it also takes a state snapshot — a RocksDB checkpoint (hard
 * links, so cheap) of the store as of that block, with the block's checkpoint — and serves it to
 * peers that state-sync. Every honest node snapshots the same heights, so a syncing node can ask
 * several validators for the same snapshot and trust what more than a third of the stake serves.
 *
 * <pre>
 *   data/checkpoint.bin                 latest own checkpoint
 *   data/snapshots/&lt;height&gt;/state/      RocksDB checkpoint of the store after that block
 *   data/snapshots/&lt;height&gt;/checkpoint.bin  (written last: a snapshot without it is unfinished)
 * </pre>
 *
 * Thread-safe: commits come from the consensus thread, chunk requests from the fetch server.
 */
final class Snapshots implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());

  /** Snapshots kept; older ones are deleted once a newer one is complete. */
  static final int KEEP = 2;

  private static final String CHECKPOINT_FILE = "checkpoint.bin";

  private final Path latest;
  private final Path dir;
  private final long interval;
  private final TreeMap<Long, Checkpoint> available = new TreeMap<>();
  private final Map<Long, RocksStateStore> opened = new HashMap<>();
  private final Map<Long, Long> lastServedMs = new HashMap<>();
  private final java.util.function.LongSupplier clockMs;

  /** A snapshot a peer fetched from this recently is kept (it is mid-sync). */
  static final long PIN_MS = 60_000;

  /**
   * @param interval snapshot every this many heights; 0 = never (the node serves no state sync)
   */
  Snapshots(Path dataDir, long interval) {
    this(dataDir, interval, System::currentTimeMillis);
  }

  Snapshots(Path dataDir, long interval, java.util.function.LongSupplier clockMs) {
    this.clockMs = clockMs;
    if (interval < 0) {
      throw new IllegalArgumentException("snapshot interval must be >= 0");
    }
    this.latest = dataDir.resolve(CHECKPOINT_FILE);
    this.dir = dataDir.resolve("snapshots");
    this.interval = interval;
    loadExisting();
  }

  private void loadExisting() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        Optional<Checkpoint> cp = read(p.resolve(CHECKPOINT_FILE));
        if (cp.isPresent() && p.getFileName().toString().equals(Long.toString(cp.get().height()))) {
          available.put(cp.get().height(), cp.get());
        } else {
          deleteTree(p); // unfinished (crashed while snapshotting) or foreign
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The checkpoint of the last block this node committed, if it recorded one. */
  Optional<Checkpoint> latestOwn() {
    return read(latest);
  }

  /** Records {@code checkpoint} as the latest without snapshotting (after a state sync). */
  synchronized void recordLatest(Checkpoint checkpoint) {
    writeAtomically(latest, Checkpoint.CODEC.encode(checkpoint));
  }

  /** Records {@code checkpoint} (of the block just committed to {@code store}). */
  synchronized void committed(Checkpoint checkpoint, RocksStateStore store) {
    writeAtomically(latest, Checkpoint.CODEC.encode(checkpoint));
    long h = checkpoint.height();
    if (interval == 0 || h == 0 || h % interval != 0 || available.containsKey(h)) {
      return;
    }
    Path target = dir.resolve(Long.toString(h));
    Path tmp = dir.resolve(h + ".tmp");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      store.checkpoint(tmp.resolve("state"));
      Files.write(tmp.resolve(CHECKPOINT_FILE), Checkpoint.CODEC.encode(checkpoint));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      LOG.warning("snapshot at height " + h + " failed: " + e.getMessage());
      deleteTree(tmp);
      return;
    }
    available.put(h, checkpoint);
    LOG.info("state snapshot at height " + h);
    prune();
  }

  /**
   * Deletes snapshots beyond the newest {@link #KEEP} — except one a peer fetched chunks of in the
   * last {@link #PIN_MS} (it is syncing from it), up to {@link #KEEP} + 2 snapshots in all.
   */
  private void prune() {
    long now = clockMs.getAsLong();
    List<Long> heights = new ArrayList<>(available.keySet());
    List<Long> older = heights.subList(0, Math.max(0, heights.size() - KEEP));
    int total = heights.size();
    for (long old : List.copyOf(older)) {
      boolean pinned = now - lastServedMs.getOrDefault(old, Long.MIN_VALUE / 2) < PIN_MS;
      if (pinned && total <= KEEP + 2) {
        continue;
      }
      available.remove(old);
      lastServedMs.remove(old);
      RocksStateStore s = opened.remove(old);
      if (s != null) {
        s.close();
      }
      deleteTree(dir.resolve(Long.toString(old)));
      total--;
    }
  }

  /** Checkpoints of the snapshots this node serves, newest first. */
  synchronized List<Checkpoint> served() {
    return new ArrayList<>(available.descendingMap().values());
  }

  /** Chunk {@code index} of {@code 2^bits} of the snapshot at {@code height}, if it has one. */
  synchronized Optional<StateChunk> chunk(long height, int bits, int index) {
    if (!available.containsKey(height)) {
      return Optional.empty();
    }
    lastServedMs.put(height, clockMs.getAsLong());
    RocksStateStore s =
        opened.computeIfAbsent(
            height, h -> RocksStateStore.open(dir.resolve(Long.toString(h)).resolve("state")));
    return Optional.of(StateSync.chunk(s, bits, index));
  }

  @Override
  public synchronized void close() {
    opened.values().forEach(RocksStateStore::close);
    opened.clear();
  }

  private static Optional<Checkpoint> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Checkpoint.CODEC.decode(Files.readAllBytes(file)));
    } catch (IOException | CodecException | IllegalArgumentException e) {
      LOG.warning("ignoring unreadable " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  static void writeAtomically(Path file, byte[] data) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
