package dev.aether.rpc;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the third-party vectors in the repository's {@code testdata/}. */
final class Vectors {
  private Vectors() {}

  /**
   * The repository's {@code testdata/}: system property {@code aether.testdata} (set by surefire),
   * else the first {@code testdata/README.md} above the working directory.
   */
  static Path testdata() {
    final String prop = System.getProperty("aether.testdata");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata").resolve("README.md"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException(
        "testdata/ not found above " + Path.of("").toAbsolutePath() + " (set -Daether.testdata)");
  }
}
