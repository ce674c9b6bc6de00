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
 * torn one. Consensus waits for {@link #save} before any vote leaves the node.
 */
final class SafetyStore {
  private final Path file;

  SafetyStore(Path dataDir) {
    this.file = dataDir.resolve("safety.bin");
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist safety state", e);
    }
  }
}
