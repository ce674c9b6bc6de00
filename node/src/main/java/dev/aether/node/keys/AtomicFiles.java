package dev.aether.node.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Durable, atomic replacement of small secret files: write a new file beside the old one (mode
 * 0600), fsync it, rename it over the old one, fsync the directory. A crash leaves either the old
 * or the new content, never a mix; after the rename no directory entry names the old content.
 * Read-modify-write sequences run under {@link #locked}, an advisory lock on {@code FILE.lock} that
 * the node and {@code aetherctl} both take, so a rotation and an evolution never interleave.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces {@code file} with {@code bytes} atomically and durably. */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /** fsync of a directory, so a rename in it survives a power loss (Linux). */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for reading; the rename is still atomic there.
      if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
        throw e;
      }
    }
  }

  /** Work that reads and rewrites a file while holding its lock. */
  @FunctionalInterface
  public interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the advisory lock of {@code file} (blocks until it is free). */
  public static <T> T locked(Path file, Locked<T> work) throws IOException {
    Path lock = file.toAbsolutePath().resolveSibling(file.getFileName() + ".lock");
    try (FileChannel ch =
            FileChannel.open(
                lock,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        FileLock l = ch.lock()) {
      return work.run();
    }
  }
}
