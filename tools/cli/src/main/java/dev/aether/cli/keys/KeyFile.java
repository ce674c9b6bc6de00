package dev.aether.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.CryptoException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfSuite;
import dev.aether.types.Address;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One validator's keys, as stored in a key file (JSON, version 1): the Ed25519 node key, the BLS
 * voting key with its proof of possession, the VRF key, the KES hot key and the Ed25519 cold key
 * (the operator account: staking transactions and rewards; signs operational certificates).
 *
 * <p>The KES key is stored as its current evolved state and period, never as the seed it came from:
 * a seed would regenerate every past period and undo forward security.
 */
public record KeyFile(
    Ed25519KeyPair node, BlsSecretKey bls, VrfKeyPair vrf, KesSecretKey kes, Ed25519KeyPair cold)
    implements AutoCloseable {

  /** Erases all five secrets (each key's own {@code close}). */
  @Override
  public void close() {
    node.close();
    bls.close();
    vrf.close();
    kes.close();
    cold.close();
  }

  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  static KeyFile generate(final SecureRandom random) {
    final byte[] blsIkm = new byte[32];
    random.nextBytes(blsIkm);
    final byte[] kesSeed = new byte[32];
    random.nextBytes(kesSeed);
    final KeyFile k =
        new KeyFile(
            Ed25519KeyPair.generate(random),
            BlsSecretKey.fromSeed(blsIkm),
            VrfKeyPair.generate(random),
            dev.aether.crypto.Kes.sum6().keygen(kesSeed),
            Ed25519KeyPair.generate(random));
    java.util.Arrays.fill(blsIkm, (byte) 0);
    java.util.Arrays.fill(kesSeed, (byte) 0);
    return k;
  }

  /** The node key's account address. */
  public Address address() {
    return Address.ofPublicKey(node.publicKey().bytes());
  }

  /** The operator address: the cold key's account, which owns the stake and its rewards. */
  public Address operator() {
    return Address.ofPublicKey(cold.publicKey().bytes());
  }

  /** Reads and cross-checks a key file; any problem is a {@link CliException} with exit code 2. */
  public static KeyFile read(final java.nio.file.Path file) {
    final JsonNode root;
    try {
      root = JSON.readTree(java.nio.file.Files.readAllBytes(file));
    } catch (java.io.IOException e) {
      throw new CliException("cannot read key file " + file + ": " + e.getMessage(), 2);
    }
    return parse(root);
  }

  private static String hex(final byte[] b) {
    return "0x" + HEX.formatHex(b);
  }

  /** The full file, secrets included. */
  ObjectNode toJson() {
    final ObjectNode root = publicJson();
    ((ObjectNode) root.get("ed25519")).put("seed", hex(node.seed()));
    ((ObjectNode) root.get("bls")).put("secretKey", hex(bls.toBytes()));
    ((ObjectNode) root.get("vrf")).put("seed", hex(vrf.seed()));
    ((ObjectNode) root.get("kes")).put("secretKey", hex(kes.toBytes()));
    ((ObjectNode) root.get("cold")).put("seed", hex(cold.seed()));
    return root;
  }

  /** Public parts only: what {@code keys show} prints. */
  ObjectNode publicJson() {
    final ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("address", address().toString());
    root.put("operator", operator().toString());
    root.putObject("ed25519").put("publicKey", node.publicKey().toString());
    final ObjectNode b = root.putObject("bls");
    b.put("publicKey", bls.publicKey().toString());
    b.put("proofOfPossession", bls.provePossession().toString());
    final ObjectNode v = root.putObject("vrf");
    v.put("suite", VrfSuite.LEADER_ELECTION.name());
    v.put("publicKey", vrf.publicKey().toString());
    final ObjectNode k = root.putObject("kes");
    k.put("scheme", "Sum6KES");
    k.put("period", kes.period());
    k.put("verificationKey", kes.verificationKey().toString());
    root.putObject("cold").put("publicKey", cold.publicKey().toString());
    return root;
  }

  /** Parses and cross-checks a key file: every stored public value must match its secret. */
  static KeyFile parse(final JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new CliException("invalid key file: not a JSON object", 2);
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new CliException("invalid key file: unsupported version " + root.path("version"), 2);
    }
    try {
      final KeyFile k =
          new KeyFile(
              Ed25519KeyPair.fromSeed(bytes(root, "ed25519", "seed")),
              BlsSecretKey.fromBytes(bytes(root, "bls", "secretKey")),
              VrfKeyPair.fromSeed(bytes(root, "vrf", "seed")),
              KesSecretKey.fromBytes(
                  bytes(root, "kes", "secretKey"), root.path("kes").path("period").asInt(-1)),
              Ed25519KeyPair.fromSeed(bytes(root, "cold", "seed")));
      check(root, "ed25519", "publicKey", k.node.publicKey().toString());
      check(root, "bls", "publicKey", k.bls.publicKey().toString());
      check(root, "vrf", "publicKey", k.vrf.publicKey().toString());
      check(root, "kes", "verificationKey", k.kes.verificationKey().toString());
      check(root, "cold", "publicKey", k.cold.publicKey().toString());
      check(root, "address", null, k.address().toString());
      check(root, "operator", null, k.operator().toString());
      final String pop = root.path("bls").path("proofOfPossession").asText("");
      if (!Bls.INSTANCE.verifyPossession(
          k.bls.publicKey(),
          new dev.aether.crypto.BlsSignature(parseHex("bls.proofOfPossession", pop)))) {
        throw new CliException("invalid key file: bls.proofOfPossession does not verify", 2);
      }
      return k;
    } catch (CryptoException e) {
      throw new CliException("invalid key file: " + e.error().message(), 2);
    }
  }

  private static byte[] bytes(final JsonNode root, final String group, final String field) {
    final JsonNode n = root.path(group).path(field);
    if (!n.isTextual()) {
      throw new CliException("invalid key file: missing " + group + "." + field, 2);
    }
    return parseHex(group + "." + field, n.asText());
  }

  private static byte[] parseHex(final String what, final String s) {
    try {
      return HEX.parseHex(s.startsWith("0x") ? s.substring(2) : s);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid key file: " + what + " is not hex", 2);
    }
  }

  private static void check(
      final JsonNode root, final String group, final String field, final String expected) {
    final JsonNode n = field == null ? root.path(group) : root.path(group).path(field);
    final String name = field == null ? group : group + "." + field;
    if (!n.isTextual() || !n.asText().equalsIgnoreCase(expected)) {
      throw new CliException("invalid key file: " + name + " does not match its secret key", 2);
    }
  }
}
