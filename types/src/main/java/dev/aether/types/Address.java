package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * An account or UTxO owner: {@code SHA-256("aether/address/v1" || 0x00 || ed25519_public_key)}.
 * Hashing the key keeps addresses a fixed 32 bytes whatever the key scheme becomes.
 */
public record Address(H256 hash) implements Comparable<Address> {
  public static final Codec<Address> CODEC =
      new Codec<>() {
        @Override
        public void write(Address value, Writer out) {
          H256.CODEC.write(value.hash, out);
        }

        @Override
        public Address read(Reader in) {
          return new Address(H256.CODEC.read(in));
        }
      };

  public Address {
    java.util.Objects.requireNonNull(hash, "hash");
  }

  /** The address that an Ed25519 public key (32 bytes) controls. */
  public static Address ofPublicKey(byte[] ed25519PublicKey) {
    if (ed25519PublicKey.length != 32) {
      throw new IllegalArgumentException(
          "Ed25519 public key must be 32 bytes, got " + ed25519PublicKey.length);
    }
    return new Address(Hashing.tagged("aether/address/v1", ed25519PublicKey));
  }

  public static Address fromHex(String hex) {
    return new Address(H256.fromHex(hex));
  }

  @Override
  public int compareTo(Address o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public String toString() {
    return hash.toHex();
  }
}
