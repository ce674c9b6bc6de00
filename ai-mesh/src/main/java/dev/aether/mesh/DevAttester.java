package dev.aether.mesh;

import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.DevTeeSigner;
import dev.aether.verifiers.tee.Evidence;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.List;

/**
 * The development TEE for machines without SEV-SNP or TDX: the verifiers module's development
 * quote, signed by a local Ed25519 key. It proves nothing about hardware, so verifiers accept it
 * only under a devnet policy that names this very key — on chain, the key the provider registered
 * (there is no built-in shared key). The quote's 48-byte measurement plays the launch measurement's
 * part: {@link RuntimeArtifact#devMeasurement} of the runtime artifact, which the provider
 * registers beside its {@code code_hash}.
 */
public final class DevAttester implements Attester {
  private final DevTeeSigner signer;
  private final byte[] measurement;

  /**
   * A dev TEE whose key is derived from a 32-byte seed (RFC 8032 private key).
   *
   * @param seed the key seed
   * @param measurement the 48-byte measurement it reports
   */
  public DevAttester(byte[] seed, byte[] measurement) {
    if (measurement.length != 48) {
      throw new IllegalArgumentException("dev TEE measurements are 48 bytes");
    }
    this.signer = new DevTeeSigner(keyPair(seed));
    this.measurement = measurement.clone();
  }

  /** The dev key (32 bytes): what the provider registers and verifiers trust. */
  public byte[] publicKey() {
    return signer.publicKey();
  }

  /** The dev key as hex. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(signer.publicKey());
  }

  /** The measurement it reports. */
  public byte[] measurement() {
    return measurement.clone();
  }

  @Override
  public Attestation attest(byte[] reportData) {
    return new Attestation(Bytes.of(signer.quote(measurement, reportData)), List.of());
  }

  @Override
  public byte[] quote(byte[] reportData) {
    return signer.quote(measurement, reportData);
  }

  @Override
  public Evidence.Kind kind() {
    return Evidence.Kind.DEV;
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
