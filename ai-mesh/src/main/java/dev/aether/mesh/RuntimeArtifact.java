package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The provider runtime artifact: the {@code aether-compute} jar, which holds the engine whose
 * arithmetic a job's result depends on. {@code code_hash = SHA-256(jar bytes)} — a hash of the
 * artifact that runs, not a version label; the jar is built reproducibly (fixed entry timestamps),
 * so anyone can rebuild it from source and compare. In a confidential VM the launch measurement
 * covers the image that contains this jar; for the development TEE the "measurement" is {@code
 * SHA-384(jar bytes)}. A provider registers both.
 */
public final class RuntimeArtifact {
  private RuntimeArtifact() {}

  /** The jar this process loaded the engine from, if it was loaded from a jar file. */
  public static Optional<Path> current() {
    try {
      CodeSource src = Engine.class.getProtectionDomain().getCodeSource();
      if (src == null || src.getLocation() == null) {
        return Optional.empty();
      }
      Path p = Path.of(src.getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar")
          ? Optional.of(p)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** {@code code_hash} of an artifact file: its SHA-256. */
  public static byte[] codeHash(Path artifact) {
    return digest("SHA-256", read(artifact));
  }

  /** The development TEE's measurement of an artifact file: its SHA-384. */
  public static byte[] devMeasurement(Path artifact) {
    return digest("SHA-384", read(artifact));
  }

  /** {@code code_hash} of artifact bytes. */
  public static byte[] codeHash(byte[] artifact) {
    return digest("SHA-256", artifact);
  }

  /** The development TEE's measurement of artifact bytes. */
  public static byte[] devMeasurement(byte[] artifact) {
    return digest("SHA-384", artifact);
  }

  private static byte[] read(Path artifact) {
    try {
      return Files.readAllBytes(artifact);
    } catch (IOException e) {
      throw new MeshException.BadInput("cannot read runtime artifact " + artifact);
    }
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + alg, e);
    }
  }
}
