package dev.aether.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the Ed25519 key of a key file: {@code {"ed25519_seed": "0x…"}} or a validator key file made
 * by {@code aetherctl keys new} ({@code ed25519.seed}). Bad files are exit code 2.
 */
public final class KeyFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyFiles() {}

  /** The key pair in {@code file}. */
  public static Ed25519KeyPair ed25519(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readAllBytes(file));
      JsonNode seed = n == null ? null : n.get("ed25519_seed");
      if (seed == null && n != null) {
        seed = n.path("ed25519").get("seed");
      }
      if (seed == null || !seed.isTextual()) {
        throw new CliException(file + ": no ed25519_seed or ed25519.seed field", 2);
      }
      return Ed25519KeyPair.fromSeed(Hex.decode(seed.asText()));
    } catch (IOException e) {
      throw new CliException("cannot read key file " + file, 2);
    } catch (IllegalArgumentException e) {
      throw new CliException(file + ": " + e.getMessage(), 2);
    }
  }

  /**
   * A 32-byte Ed25519 public key given as {@code 0x} hex, or read from a key file.
   *
   * @param what the option, for the error message
   */
  public static byte[] publicKey(String hexOrFile, String what) {
    // 64 hex digits without the 0x prefix are a key too (what `mesh run` and `keys show` print
    // after "0x", and what people paste); anything else is a key file's path.
    if (hexOrFile.length() == 64 && hexOrFile.matches("[0-9a-fA-F]{64}")) {
      hexOrFile = "0x" + hexOrFile;
    }
    if (hexOrFile.startsWith("0x")) {
      try {
        byte[] k = Hex.decode(hexOrFile);
        if (k.length != 32) {
          throw new CliException(what + ": a public key is 32 bytes", 2);
        }
        return k;
      } catch (IllegalArgumentException e) {
        throw new CliException(what + ": " + e.getMessage(), 2);
      }
    }
    return ed25519(Path.of(hexOrFile)).publicKey().bytes();
  }
}
