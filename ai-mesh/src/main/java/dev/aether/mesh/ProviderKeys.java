package dev.aether.mesh;

import dev.aether.types.Address;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a validator learns a provider's Ed25519 public key: the receipt names the provider only by
 * {@link Address} (a hash of the key), the chain knows the key of every registered provider.
 */
@FunctionalInterface
public interface ProviderKeys {
  /** The 32-byte public key of {@code provider}, if registered. */
  Optional<byte[]> publicKey(Address provider);

  /** A fixed set of known keys. */
  static ProviderKeys of(byte[]... publicKeys) {
    byte[][] keys = Arrays.stream(publicKeys).map(byte[]::clone).toArray(byte[][]::new);
    return provider ->
        Arrays.stream(keys)
            .filter(k -> Address.ofPublicKey(k).equals(provider))
            .findFirst()
            .map(byte[]::clone);
  }
}
