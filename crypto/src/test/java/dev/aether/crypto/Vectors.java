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

/** Locates and parses the third-party vectors in the repository's {@code testdata/}. */
final class Vectors {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Vectors() {}

  /** {@code testdata/<sub>} (see testdata/README.md). */
  static Path dir(final String sub) {
    return root().resolve(sub);
  }

  /**
   * The repository's {@code testdata/}: system property {@code aether.testdata} (set by surefire),
   * else the first {@code testdata/README.md} above the working directory (IDE, JMH).
   */
  static Path root() {
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

  private static final java.util.regex.Pattern BLOB_REF =
      java.util.regex.Pattern.compile("blob:([0-9a-f]{16})");

  /**
   * One c-kzg-4844 case file exactly as upstream ships it: the packed file with every {@code
   * blob:<id>} replaced by {@code 0x} + {@code kzg/blobs/<id>.hex} (see testdata/kzg/SOURCE.md).
   */
  static String kzgCaseText(final Path file) {
    try {
      final String packed = Files.readString(file);
      final Path blobs = dir("kzg").resolve("blobs");
      final StringBuilder out = new StringBuilder();
      final java.util.regex.Matcher m = BLOB_REF.matcher(packed);
      while (m.find()) {
        final String blob = Files.readString(blobs.resolve(m.group(1) + ".hex"));
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("0x" + blob));
      }
      m.appendTail(out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A c-kzg-4844 case, parsed after its blobs are put back (see {@link #kzgCaseText}). */
  static JsonNode kzgCase(final Path file) {
    try {
      return YAML.readTree(kzgCaseText(file));
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
