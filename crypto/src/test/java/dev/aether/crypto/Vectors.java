package dev.aether.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Locates and parses the shared third-party vectors ({@code ../shared/vectors}). */
final class Vectors {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Vectors() {}

  /**
   * {@code <shared>/vectors/<sub>}: system property {@code aether.shared}, else ../shared upwards.
   */
  static Path dir(final String sub) {
    final String prop = System.getProperty("aether.shared");
    if (prop != null && Files.isDirectory(Path.of(prop, "vectors", sub))) {
      return Path.of(prop, "vectors", sub);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      final Path candidate = p.resolveSibling("shared").resolve("vectors").resolve(sub);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared vectors not found for " + sub);
  }

  static JsonNode json(final Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(final String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(final Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(final Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(final String s) {
    final String h = s.startsWith("0x") ? s.substring(2) : s;
    return HexFormat.of().parseHex(h);
  }

  static String hex(final byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
