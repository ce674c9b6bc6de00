package dev.aether.rpc;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/vectors} as CONVENTIONS.md describes. */
final class Vectors {
  private Vectors() {}

  static Path shared() {
    String prop = System.getProperty("aether.shared");
    Path base = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    Path vectors = base.resolve("vectors");
    if (!Files.isDirectory(vectors)) {
      vectors = Path.of("..", "..", "shared", "vectors");
    }
    if (!Files.isDirectory(vectors)) {
      throw new IllegalStateException("shared/vectors not found (set -Daether.shared)");
    }
    return vectors;
  }
}
