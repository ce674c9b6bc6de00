package dev.aether.cli.mesh;

import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import java.nio.charset.StandardCharsets;

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

  static Ed25519Key tee() {
    return Ed25519Key.fromSeed(Hashing.sha256("aether-dev-tee".getBytes(StandardCharsets.UTF_8)));
  }
}
