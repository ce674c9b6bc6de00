package dev.aether.da;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the shared Reed–Solomon vectors (Backblaze/klauspost construction). */
final class Vectors {
  private Vectors() {}

  static JsonNode reedSolomon() throws IOException {
    final String shared = System.getProperty("aether.shared", "../shared");
    Path p = Path.of(shared, "vectors", "reed-solomon", "rs_gf256_backblaze.json");
    if (!Files.exists(p)) {
      p = Path.of("..", "..", "shared", "vectors", "reed-solomon", "rs_gf256_backblaze.json");
    }
    return new ObjectMapper().readTree(p.toFile());
  }

  static byte[] hex(final JsonNode n) {
    return HexFormat.of().parseHex(n.asText());
  }
}
