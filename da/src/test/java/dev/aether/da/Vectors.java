package dev.aether.da;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the Reed–Solomon vectors (Backblaze/klauspost construction) from {@code testdata/}. */
final class Vectors {
  private Vectors() {}

  static JsonNode reedSolomon() throws IOException {
    return new ObjectMapper()
        .readTree(testdata().resolve("reed-solomon/rs_gf256_backblaze.json").toFile());
  }

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

  static byte[] hex(final JsonNode n) {
    return HexFormat.of().parseHex(n.asText());
  }
}
