package dev.aether.cli.provider;

import dev.aether.mesh.Attester;
import dev.aether.mesh.DevAttester;
import java.util.Optional;

/**
 * The TEE a provider daemon attests with, as it registers it: the attester, the launch measurement
 * it reports (hardware: read from a checked start-up quote; development: the runtime artifact's)
 * and, for the development TEE only, its key.
 *
 * @param attester makes the quotes
 * @param measurement the 48-byte launch measurement registered on chain
 * @param devKey the development TEE's public key (development kind only)
 * @param description one line for the log: which interface, which TEE
 */
record ProviderTee(
    Attester attester, byte[] measurement, Optional<byte[]> devKey, String description) {
  /** Copies the arrays. */
  ProviderTee {
    measurement = measurement.clone();
    devKey = devKey.map(byte[]::clone);
  }

  @Override
  public byte[] measurement() {
    return measurement.clone();
  }

  @Override
  public Optional<byte[]> devKey() {
    return devKey.map(byte[]::clone);
  }

  /** The development TEE: its measurement and key. */
  static ProviderTee dev(DevAttester d) {
    return new ProviderTee(
        d, d.measurement(), Optional.of(d.publicKey()), "development TEE (devnets only)");
  }
}
