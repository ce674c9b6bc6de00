package dev.aether.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the account key of a key file: {@code {"ed25519_seed": "0x…"}} (an account key, {@code keys
 * new --account}) or a validator key file made by {@code aetherctl keys new}, whose account is its
 * <em>operator</em> account — the cold key's ({@code cold.seed}), which genesis funds, owns the
 * stake and earns the rewards. A validator file's node key is its network identity only and never
 * signs transactions (ADR 0029). Bad files are exit code 2.
 */
public final class KeyFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyFiles() {}

  /** The account key pair in {@code file}. */
  public static Ed25519KeyPair ed25519(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readAllBytes(file));
      if (n != null && n.has("bls")) {
        JsonNode cold = n.path("cold").get("seed");
        if (cold == null || !cold.isTextual()) {
          throw new CliException(
              file
                  + " is a validator key file without its cold key (cold.seed), which signs for"
                  + " the operator account: use the copy that keeps it, or an account key (keys new"
                  + " --account)",
              2);
        }
        return Ed25519KeyPair.fromSeed(Hex.decode(cold.asText()));
      }
      JsonNode seed = n == null ? null : n.get("ed25519_seed");
      if (seed == null || !seed.isTextual()) {
        throw new CliException(file + ": no ed25519_seed field (and not a validator key file)", 2);
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
