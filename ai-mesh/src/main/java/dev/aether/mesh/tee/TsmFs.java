package dev.aether.mesh.tee;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file operations configfs-tsm needs, on the report directory ({@code
 * /sys/kernel/config/tsm/report}). In configfs a {@code mkdir} makes the kernel create the entry's
 * attribute files and an {@code rmdir} removes the entry with them; tests stand in for the kernel
 * by overriding those two and reading and writing real files in a temporary directory.
 */
class TsmFs {
  /** Largest attribute read: configfs-tsm caps outblob at 32 KiB, the SEV-SNP auxblob at 16 KiB. */
  static final int MAX_READ = 64 * 1024;

  private final Path root;

  TsmFs(Path root) {
    this.root = root;
  }

  /** The report directory. */
  Path root() {
    return root;
  }

  /** Creates report entry {@code entry} (the kernel fills it with its attributes). */
  void mkdir(String entry) throws IOException {
    Files.createDirectory(root.resolve(entry));
  }

  /** Removes report entry {@code entry}. */
  void rmdir(String entry) throws IOException {
    Files.delete(root.resolve(entry));
  }

  /** Whether the entry has attribute {@code attr} (some are per TEE: auxblob, privlevel_floor). */
  boolean exists(String entry, String attr) {
    return Files.exists(root.resolve(entry).resolve(attr));
  }

  /** An attribute's bytes, at most {@link #MAX_READ}. */
  byte[] read(String entry, String attr) throws IOException {
    try (InputStream in = Files.newInputStream(root.resolve(entry).resolve(attr))) {
      byte[] b = in.readNBytes(MAX_READ + 1);
      if (b.length > MAX_READ) {
        throw new IOException(attr + " is larger than " + MAX_READ + " bytes");
      }
      return b;
    }
  }

  /**
   * Writes an attribute in one {@code write} and closes it (configfs commits a binary attribute on
   * close). Never creates or truncates: an attribute the kernel did not make is an error.
   */
  void write(String entry, String attr, byte[] value) throws IOException {
    Files.write(root.resolve(entry).resolve(attr), value, StandardOpenOption.WRITE);
  }
}
