package dev.aether.mesh;

import dev.aether.mesh.engine.OperatorSet;
import dev.aether.verifiers.tee.DevTeeSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;

/**
 * The development TEE for machines without SEV-SNP or TDX: the verifiers module's development
 * quote, signed by a local Ed25519 key. It proves nothing about hardware, so validators accept it
 * only under a devnet policy listing this key ({@code Policy.withDevAttestations}). The quote's
 * 48-byte measurement is {@code SHA-384(operator-set version)}, naming the engine that ran.
 */
public final class DevAttester implements Attester {
  private final DevTeeSigner signer;
  private final byte[] measurement;

  /** A dev TEE whose key is derived from a 32-byte seed (RFC 8032 private key). */
  public DevAttester(byte[] seed) {
    this.signer = new DevTeeSigner(keyPair(seed));
    this.measurement = measurement();
  }

  /** The dev key (hex) to list in a devnet policy's trusted development keys. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(signer.publicKey());
  }

  @Override
  public byte[] quote(byte[] reportData) {
    return signer.quote(measurement, reportData);
  }

  /** {@code SHA-384(UTF-8(OperatorSet.VERSION))}. */
  public static byte[] measurement() {
    try {
      return MessageDigest.getInstance("SHA-384")
          .digest(OperatorSet.VERSION.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-384", e);
    }
  }

  private static KeyPair keyPair(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("dev TEE seeds are 32 bytes");
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      // The JDK draws the 32-byte private key from the generator's random source: feeding it the
      // seed makes the key a function of the seed.
      g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides Ed25519", e);
    }
  }

  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = seed[i % seed.length];
      }
    }
  }
}
