package dev.aether.node;

import dev.aether.consensus.SafetyState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The validator's consensus safety state on disk: written to a temporary file, fsynced, then
 * atomically renamed over the old one, so a crash leaves either the old or the new state, never a
 * torn one; the directory is fsynced after the rename, so the new name itself survives a power loss
 * (without that, a crash right after a vote could bring back the old state, and a restarted
 * validator could vote twice). Consensus waits for {@link #save} before any vote leaves the node; a
 * failed save stops the node ({@link ConsensusLoop}).
 */
final class SafetyStore {
  private final Path file;

  /** What makes a rename durable: fsync of the directory (a seam for the ordering test). */
  interface DirectorySync {
    void sync(Path dir) throws IOException;
  }

  private final DirectorySync directorySync;

  SafetyStore(Path dataDir) {
    this(dataDir, SafetyStore::fsyncDirectory);
  }

  SafetyStore(Path dataDir, DirectorySync directorySync) {
    this.file = dataDir.resolve("safety.bin");
    this.directorySync = directorySync;
  }

  SafetyState load() {
    try {
      return Files.exists(file)
          ? SafetyState.CODEC.decode(Files.readAllBytes(file))
          : SafetyState.INITIAL;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void save(SafetyState state) {
    Path tmp = file.resolveSibling("safety.bin.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(SafetyState.CODEC.encode(state)));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist safety state", e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      directorySync.sync(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist safety state", e);
    }
  }

  /** fsync of a directory (Linux, macOS): makes the entries renamed into it durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
