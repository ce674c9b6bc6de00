package dev.aether.cli.keys;

import dev.aether.cli.CliException;
import dev.aether.node.keys.ValidatorKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading a validator key file for the CLI: the one format the node reads ({@link ValidatorKeys},
 * version 2), with every failure a one-line {@link CliException} (exit 2). The file holds the
 * Ed25519 node key, the BLS voting key with its proof of possession, the VRF key, the Ed25519 cold
 * key (operator account; signs operational certificates) and the hot KES key in its current evolved
 * state with its operational certificate — never a KES seed, which would regenerate every past
 * period and undo forward security.
 */
final class KeyFile {
  private KeyFile() {}

  /** Parses and cross-checks a key file: every stored public value must match its secret. */
  static ValidatorKeys read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file, 2);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
    }
    try {
      return ValidatorKeys.parse("", bytes);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid key file: " + e.getMessage(), 2);
    }
  }
}
