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
 * or the new content, never a mix; after the rename no directory entry names the old content. Then
 * the old content itself is overwritten with zeros through a handle opened before the rename and
 * synced, so an evolved-past KES key does not linger in freed disk blocks (file systems that
 * overwrite in place, such as ext4 and xfs; a copy-on-write file system or an SSD's remapping may
 * still keep a copy, which no application can erase). Read-modify-write sequences run under {@link
 * #locked}, an advisory lock on {@code FILE.lock} that the node and {@code aetherctl} both take, so
 * a rotation and an evolution never interleave.
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
    FileChannel previous = openForErasure(file);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
      if (previous != null) {
        // The new content is durable under the name: only now is erasing the old one safe.
        erase(previous);
      }
    } finally {
      if (previous != null) {
        previous.close();
      }
    }
  }

  /** The current content of {@code file}, open for overwriting; null if there is none to erase. */
  private static FileChannel openForErasure(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return null; // no such file (first write), or not writable: nothing this process can erase
    }
  }

  private static void erase(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
    long at = 0;
    while (at < size) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
      at += ch.write(zeros, at);
    }
    ch.force(true);
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
