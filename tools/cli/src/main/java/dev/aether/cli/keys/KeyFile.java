package dev.aether.cli.keys;

import dev.aether.cli.CliException;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.types.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A validator key file as the CLI reads it: the one format the node reads ({@link ValidatorKeys},
 * version 2), with every failure a one-line {@link CliException} (exit 2). The file holds the
 * Ed25519 node key, the BLS voting key with its proof of possession, the VRF key, the Ed25519 cold
 * key (the operator account: staking transactions and rewards; signs operational certificates) and
 * the hot KES key in its current evolved state with its operational certificate — never a KES seed,
 * which would regenerate every past period and undo forward security.
 */
public final class KeyFile implements AutoCloseable {
  private final ValidatorKeys keys;

  /** Erases all the file's secrets (each key's own {@code close}). */
  @Override
  public void close() {
    keys.close();
  }

  private KeyFile(ValidatorKeys keys) {
    this.keys = keys;
  }

  /** Reads and cross-checks a key file: every stored public value must match its secret. */
  public static KeyFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file, 2);
    } catch (IOException e) {
      throw new CliException("cannot read key file " + file + ": " + e.getMessage(), 2);
    }
    try {
      return new KeyFile(ValidatorKeys.parse("", bytes));
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid key file: " + e.getMessage(), 2);
    }
  }

  /** All the keys, as the node holds them. */
  public ValidatorKeys keys() {
    return keys;
  }

  public Ed25519KeyPair node() {
    return keys.node();
  }

  public BlsSecretKey bls() {
    return keys.bls();
  }

  public VrfKeyPair vrf() {
    return keys.vrf();
  }

  public KesSecretKey kes() {
    return keys.kes();
  }

  /**
   * The cold key pair.
   *
   * @throws CliException (exit 2) if the file holds only the cold public key
   */
  public Ed25519KeyPair cold() {
    return keys.cold()
        .orElseThrow(
            () ->
                new CliException(
                    "the key file holds no cold.seed: use the copy that keeps the cold key", 2));
  }

  /** The node key's account address. */
  public Address address() {
    return keys.address();
  }

  /** The operator address: the cold key's account, which owns the stake and its rewards. */
  public Address operator() {
    return keys.operator();
  }
}
