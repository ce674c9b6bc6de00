package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.Hashing;
import dev.aether.verifiers.tee.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Well-known development keys: the provider key {@code SHA-256("aether-dev-provider")} and the dev
 * TEE key {@code SHA-256("aether-dev-tee")}. Public by construction — for devnets and demos only,
 * and never trusted by a verifying command unless named with {@code --allow-dev}.
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

  /**
   * The verification policy of the mesh commands: {@code strict()} (no development quote), or
   * development quotes from exactly the keys the user named with {@code --allow-dev} — never a
   * well-known key by default.
   */
  static Policy policy(List<String> devKeys) {
    Set<String> keys =
        Set.copyOf(devKeys.stream().map(k -> k.startsWith("0x") ? k.substring(2) : k).toList());
    try {
      return keys.isEmpty() ? Policy.strict() : Policy.strict().withDevAttestations(true, keys);
    } catch (IllegalArgumentException e) {
      throw new CliException("--allow-dev: " + e.getMessage(), MeshCommand.BAD_INPUT);
    }
  }
}
