package dev.aether.node.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.types.Address;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * One validator's keys: Ed25519 (node identity), BLS (votes), ECVRF (leader lottery), KES
 * (proposals, forward-secure) and the Ed25519 cold key, whose account is the validator's operator
 * address (staking transactions, rewards) and which signs its operational certificates. {@link
 * #toString()} shows public parts only.
 *
 * <p>The key file is JSON, mode 0600. It stores the KES key in its evolved form only (never the KES
 * seed), so a stolen file cannot sign for past periods.
 */
public final class ValidatorKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ed25519KeyPair node;
  private final BlsSecretKey bls;
  private final VrfKeyPair vrf;
  private final KesSecretKey kes;
  private final Ed25519KeyPair cold;

  ValidatorKeys(
      Ed25519KeyPair node,
      BlsSecretKey bls,
      VrfKeyPair vrf,
      KesSecretKey kes,
      Ed25519KeyPair cold) {
    this.node = node;
    this.bls = bls;
    this.vrf = vrf;
    this.kes = kes;
    this.cold = cold;
  }

  /** Keys derived from one 32-byte master seed, each part under its own domain tag. */
  public static ValidatorKeys fromMasterSeed(byte[] master) {
    if (master.length != 32) {
      throw new IllegalArgumentException("master seed must be 32 bytes");
    }
    return new ValidatorKeys(
        Ed25519KeyPair.fromSeed(Hashing.tagged("aether/key/ed25519", master).toArray()),
        BlsSecretKey.fromSeed(Hashing.tagged("aether/key/bls", master).toArray()),
        VrfKeyPair.fromSeed(Hashing.tagged("aether/key/vrf", master).toArray()),
        Kes.sum6().keygen(Hashing.tagged("aether/key/kes", master).toArray()),
        Ed25519KeyPair.fromSeed(Hashing.tagged("aether/key/cold", master).toArray()));
  }

  public static ValidatorKeys generate(SecureRandom random) {
    byte[] master = new byte[32];
    random.nextBytes(master);
    return fromMasterSeed(master);
  }

  /**
   * The devnet's well-known validator {@code index}: deterministic, public, for local chains only.
   */
  public static ValidatorKeys devnet(int index) {
    return fromMasterSeed(
        Hashing.tagged(
                "aether/devnet/validator/v1",
                Integer.toString(index).getBytes(StandardCharsets.US_ASCII))
            .toArray());
  }

  public Ed25519KeyPair node() {
    return node;
  }

  public BlsSecretKey bls() {
    return bls;
  }

  public VrfKeyPair vrf() {
    return vrf;
  }

  public KesSecretKey kes() {
    return kes;
  }

  /** The cold key: signs staking transactions and operational certificates. */
  public Ed25519KeyPair cold() {
    return cold;
  }

  /** The node key's account address. */
  public Address address() {
    return Address.ofPublicKey(node.publicKey().bytes());
  }

  /** The operator address: the cold key's account, which owns the stake and its rewards. */
  public Address operator() {
    return Address.ofPublicKey(cold.publicKey().bytes());
  }

  /**
   * The public parts as JSON, in the key-file layout {@code aetherctl keys new} also writes: {@code
   * {version, address, operator, ed25519:{publicKey}, bls:{publicKey, proofOfPossession},
   * vrf:{suite, publicKey}, kes:{scheme, period, verificationKey}, cold:{publicKey}}}.
   */
  public ObjectNode publicJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", 1);
    o.put("address", address().toString());
    o.put("operator", operator().toString());
    o.putObject("ed25519").put("publicKey", Hex.encode(node.publicKey().bytes()));
    ObjectNode b = o.putObject("bls");
    b.put("publicKey", Hex.encode(bls.publicKey().bytes()));
    b.put("proofOfPossession", Hex.encode(bls.provePossession().bytes()));
    ObjectNode v = o.putObject("vrf");
    v.put("suite", dev.aether.crypto.VrfSuite.LEADER_ELECTION.name());
    v.put("publicKey", Hex.encode(vrf.publicKey().bytes()));
    ObjectNode k = o.putObject("kes");
    k.put("scheme", "Sum6KES");
    k.put("period", kes.period());
    k.put("verificationKey", Hex.encode(kes.verificationKey().bytes()));
    o.putObject("cold").put("publicKey", Hex.encode(cold.publicKey().bytes()));
    return o;
  }

  /** Genesis-file public keys: node_key, bls_key, bls_pop, vrf_key, kes_key, cold_key. */
  public java.util.SortedMap<String, String> genesisKeys() {
    java.util.SortedMap<String, String> m = new java.util.TreeMap<>();
    m.put("node_key", Hex.encode(node.publicKey().bytes()));
    m.put("bls_key", Hex.encode(bls.publicKey().bytes()));
    m.put("bls_pop", Hex.encode(bls.provePossession().bytes()));
    m.put("vrf_key", Hex.encode(vrf.publicKey().bytes()));
    m.put("kes_key", Hex.encode(kes.verificationKey().bytes()));
    m.put("cold_key", Hex.encode(cold.publicKey().bytes()));
    return m;
  }

  /** Writes the key file with mode 0600; refuses to overwrite an existing file. */
  public void write(Path file) throws IOException {
    ObjectNode o = publicJson();
    ((ObjectNode) o.get("ed25519")).put("seed", Hex.encode(node.seed()));
    ((ObjectNode) o.get("bls")).put("secretKey", Hex.encode(bls.toBytes()));
    ((ObjectNode) o.get("vrf")).put("seed", Hex.encode(vrf.seed()));
    ((ObjectNode) o.get("kes")).put("secretKey", Hex.encode(kes.toBytes()));
    ((ObjectNode) o.get("cold")).put("seed", Hex.encode(cold.seed()));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite");
    }
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * Reads a key file (from {@link #write} or {@code aetherctl keys new}); a malformed file names
   * the bad field.
   */
  public static ValidatorKeys read(Path file) throws IOException {
    JsonNode o;
    try {
      o = JSON.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(file + ": not a JSON key file");
    }
    if (o == null || o.path("version").asInt() != 1) {
      throw new IllegalArgumentException(file + ": unsupported key file version");
    }
    try {
      ValidatorKeys k =
          new ValidatorKeys(
              Ed25519KeyPair.fromSeed(hex(o, "ed25519", "seed")),
              BlsSecretKey.fromBytes(hex(o, "bls", "secretKey")),
              VrfKeyPair.fromSeed(hex(o, "vrf", "seed")),
              KesSecretKey.fromBytes(
                  hex(o, "kes", "secretKey"), o.path("kes").path("period").asInt()),
              Ed25519KeyPair.fromSeed(hex(o, "cold", "seed")));
      String storedCold = o.path("cold").path("publicKey").asText("");
      if (!storedCold.equalsIgnoreCase(Hex.encode(k.cold.publicKey().bytes()))) {
        throw new IllegalArgumentException("cold.publicKey does not match its seed");
      }
      String stored = o.path("ed25519").path("publicKey").asText("");
      if (!stored.equalsIgnoreCase(Hex.encode(k.node.publicKey().bytes()))) {
        throw new IllegalArgumentException("ed25519.publicKey does not match its seed");
      }
      return k;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static byte[] hex(JsonNode o, String group, String field) {
    JsonNode n = o.path(group).path(field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException("missing field " + group + "." + field);
    }
    return Hex.decode(n.textValue());
  }

  @Override
  public String toString() {
    return "ValidatorKeys[" + address() + "]";
  }
}
