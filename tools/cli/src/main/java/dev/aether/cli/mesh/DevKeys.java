package dev.aether.cli.mesh;

import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import dev.aether.verifiers.tee.Policy;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Well-known development keys: the provider key {@code SHA-256("aether-dev-provider")} and the dev
 * TEE key {@code SHA-256("aether-dev-tee")}. Public by construction — for devnets and demos only.
 */
final class DevKeys {
  private DevKeys() {}

  static Ed25519Key provider() {
    return Ed25519Key.fromSeed(
        Hashing.sha256("aether-dev-provider".getBytes(StandardCharsets.UTF_8)));
  }

  static DevAttester tee() {
    return new DevAttester(Hashing.sha256("aether-dev-tee".getBytes(StandardCharsets.UTF_8)));
  }

  /** Devnet policy: development quotes from the dev TEE key only; {@code strict()} otherwise. */
  static Policy policy(boolean hardwareOnly) {
    return hardwareOnly
        ? Policy.strict()
        : Policy.strict().withDevAttestations(true, Set.of(tee().publicKeyHex()));
  }
}
