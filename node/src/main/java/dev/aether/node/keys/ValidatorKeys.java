package dev.aether.node.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.consensus.crypto.OpCerts;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.OpCert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * One validator's keys: Ed25519 node key (network identity), BLS (votes), ECVRF (leader lottery),
 * the Ed25519 <em>cold</em> key (identity in validator sets, operator account, signs operational
 * certificates) and the hot KES key (proposals, forward-secure) with the operational certificate
 * the cold key issued for it. {@link #toString()} shows public parts only.
 *
 * <p>The key file is JSON (version 2), mode 0600. It stores the KES key in its evolved form only
 * (never the KES seed), and the node rewrites it atomically as the key evolves, so neither a stolen
 * file nor a stolen disk can sign for past periods. The cold key's seed may be left out of a node's
 * copy (kept offline): the node then runs, but cannot rotate or sign its own evidence transactions.
 */
public final class ValidatorKeys implements AutoCloseable {
  /** Key-file format version. 2: cold key and operational certificate (issue 16). */
  public static final int VERSION = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ed25519KeyPair node;
  private final BlsSecretKey bls;
  private final VrfKeyPair vrf;
  private final Bytes coldPublic;
  private final Optional<Ed25519KeyPair> cold;
  private final KesSecretKey kes;
  private final OpCert opCert;

  ValidatorKeys(
      Ed25519KeyPair node,
      BlsSecretKey bls,
      VrfKeyPair vrf,
      Bytes coldPublic,
      Optional<Ed25519KeyPair> cold,
      KesSecretKey kes,
      OpCert opCert) {
    this.node = node;
    this.bls = bls;
    this.vrf = vrf;
    this.coldPublic = coldPublic;
    this.cold = cold;
    this.kes = kes;
    this.opCert = opCert;
    if (cold.isPresent() && !Bytes.of(cold.get().publicKey().bytes()).equals(coldPublic)) {
      throw new IllegalArgumentException("cold.publicKey does not match its seed");
    }
    if (!Bytes.of(kes.verificationKey().bytes()).equals(opCert.hotKey())) {
      throw new IllegalArgumentException("kes.opcert names another hot key");
    }
    if (!OpCerts.verify(coldPublic, opCert)) {
      throw new IllegalArgumentException("kes.opcert is not signed by the cold key");
    }
  }

  /** Keys derived from one 32-byte master seed, each part under its own domain tag. */
  public static ValidatorKeys fromMasterSeed(byte[] master) {
    if (master.length != 32) {
      throw new IllegalArgumentException("master seed must be 32 bytes");
    }
    Ed25519KeyPair cold =
        Ed25519KeyPair.fromSeed(Hashing.tagged("aether/key/cold", master).toArray());
    KesSecretKey kes = Kes.sum6().keygen(Hashing.tagged("aether/key/kes", master).toArray());
    return new ValidatorKeys(
        Ed25519KeyPair.fromSeed(Hashing.tagged("aether/key/ed25519", master).toArray()),
        BlsSecretKey.fromSeed(Hashing.tagged("aether/key/bls", master).toArray()),
        VrfKeyPair.fromSeed(Hashing.tagged("aether/key/vrf", master).toArray()),
        Bytes.of(cold.publicKey().bytes()),
        Optional.of(cold),
        kes,
        OpCerts.issue(cold, kes.verificationKey(), 0, 0));
  }

  public static ValidatorKeys generate(SecureRandom random) {
    byte[] master = new byte[32];
    random.nextBytes(master);
    try {
      return fromMasterSeed(master);
    } finally {
      java.util.Arrays.fill(master, (byte) 0);
    }
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

  /** The cold key pair, when this file holds its seed. */
  public Optional<Ed25519KeyPair> cold() {
    return cold;
  }

  /** The cold public key: the validator's identity in every epoch's set. */
  public Bytes coldPublicKey() {
    return coldPublic;
  }

  /** The hot KES key, at its current evolution. */
  public KesSecretKey kes() {
    return kes;
  }

  /** The operational certificate for {@link #kes()}. */
  public OpCert opCert() {
    return opCert;
  }

  /** The node key's account address. */
  public Address address() {
    return Address.ofPublicKey(node.publicKey().bytes());
  }

  /** The operator account: the cold key's address (it owns the stake, pays and signs for it). */
  public Address operator() {
    return Address.ofPublicKey(coldPublic.toArray());
  }

  /**
   * The public parts as JSON, in the key-file layout {@code aetherctl keys new} also writes: {@code
   * {version, address, operator, ed25519:{publicKey}, bls:{publicKey, proofOfPossession},
   * vrf:{suite, publicKey}, cold:{publicKey}, kes:{scheme, period, verificationKey,
   * opcert:{counter, startPeriod, signature}}}}; {@code address} is the node key's account, {@code
   * operator} the cold key's.
   */
  public ObjectNode publicJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", VERSION);
    o.put("address", address().toString());
    o.put("operator", operator().toString());
    o.putObject("ed25519").put("publicKey", Hex.encode(node.publicKey().bytes()));
    ObjectNode b = o.putObject("bls");
    b.put("publicKey", Hex.encode(bls.publicKey().bytes()));
    b.put("proofOfPossession", Hex.encode(bls.provePossession().bytes()));
    ObjectNode v = o.putObject("vrf");
    v.put("suite", dev.aether.crypto.VrfSuite.LEADER_ELECTION.name());
    v.put("publicKey", Hex.encode(vrf.publicKey().bytes()));
    o.putObject("cold").put("publicKey", coldPublic.toHex());
    o.set("kes", kesJson(kes, opCert, false));
    return o;
  }

  private static ObjectNode kesJson(KesSecretKey kes, OpCert cert, boolean secret) {
    ObjectNode k = JSON.createObjectNode();
    k.put("scheme", "Sum6KES");
    k.put("period", kes.period());
    k.put("verificationKey", Hex.encode(kes.verificationKey().bytes()));
    if (secret) {
      k.put("secretKey", Hex.encode(kes.toBytes()));
    }
    ObjectNode c = k.putObject("opcert");
    c.put("counter", cert.counter());
    c.put("startPeriod", cert.startPeriod());
    c.put("signature", cert.coldSignature().toHex());
    return k;
  }

  /** Genesis-file public keys: node_key, bls_key, bls_pop, vrf_key, cold_key. */
  public java.util.SortedMap<String, String> genesisKeys() {
    java.util.SortedMap<String, String> m = new java.util.TreeMap<>();
    m.put("node_key", Hex.encode(node.publicKey().bytes()));
    m.put("bls_key", Hex.encode(bls.publicKey().bytes()));
    m.put("bls_pop", Hex.encode(bls.provePossession().bytes()));
    m.put("vrf_key", Hex.encode(vrf.publicKey().bytes()));
    m.put("cold_key", coldPublic.toHex());
    return m;
  }

  /** The whole file, secrets included. */
  public ObjectNode toJson() {
    ObjectNode o = publicJson();
    ((ObjectNode) o.get("ed25519")).put("seed", Hex.encode(node.seed()));
    ((ObjectNode) o.get("bls")).put("secretKey", Hex.encode(bls.toBytes()));
    ((ObjectNode) o.get("vrf")).put("seed", Hex.encode(vrf.seed()));
    cold.ifPresent(c -> ((ObjectNode) o.get("cold")).put("seed", Hex.encode(c.seed())));
    o.set("kes", kesJson(kes, opCert, true));
    return o;
  }

  /** Writes the key file with mode 0600; refuses to overwrite an existing file. */
  public void write(Path file) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
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
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /** Parses key-file bytes; {@code name} (may be empty) labels errors. */
  public static ValidatorKeys parse(String name, byte[] bytes) {
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          name.isEmpty() ? "not JSON" : name + ": not a JSON key file");
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException(
          name.isEmpty() ? "not a JSON object" : name + ": not a JSON key file");
    }
    int version = o.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(
          (name.isEmpty() ? "" : name + ": ")
              + "unsupported key file version "
              + version
              + (version == 1
                  ? " (made before operational certificates: create a new one with aetherctl keys"
                      + " new)"
                  : ""));
    }
    try {
      JsonNode c = o.path("kes").path("opcert");
      KesSecretKey kes =
          KesSecretKey.fromBytes(
              hex(o, "kes", "secretKey"), o.path("kes").path("period").asInt(-1));
      if (!c.path("counter").canConvertToLong() || !c.path("startPeriod").canConvertToInt()) {
        throw new IllegalArgumentException("missing field kes.opcert.counter or startPeriod");
      }
      OpCert cert =
          new OpCert(
              Bytes.of(kes.verificationKey().bytes()),
              c.path("counter").asLong(),
              c.path("startPeriod").asInt(),
              Bytes.of(hexText(c.path("signature"), "kes.opcert.signature")));
      Bytes coldPublic = Bytes.of(hex(o, "cold", "publicKey"));
      Optional<Ed25519KeyPair> cold =
          o.path("cold").path("seed").isTextual()
              ? Optional.of(Ed25519KeyPair.fromSeed(hex(o, "cold", "seed")))
              : Optional.empty();
      ValidatorKeys k =
          new ValidatorKeys(
              Ed25519KeyPair.fromSeed(hex(o, "ed25519", "seed")),
              BlsSecretKey.fromBytes(hex(o, "bls", "secretKey")),
              VrfKeyPair.fromSeed(hex(o, "vrf", "seed")),
              coldPublic,
              cold,
              kes,
              cert);
      // Every stored public value must match its secret: a file edited by hand (or corrupted)
      // is refused rather than half-trusted.
      ObjectNode pub = k.publicJson();
      for (String field :
          new String[] {
            "ed25519/publicKey", "bls/publicKey", "vrf/publicKey", "kes/verificationKey", "address"
          }) {
        String stored = o.at("/" + field).asText("");
        if (!stored.equalsIgnoreCase(pub.at("/" + field).asText())) {
          throw new IllegalArgumentException(
              field.replace('/', '.') + " does not match its secret key");
        }
      }
      String pop = o.path("bls").path("proofOfPossession").asText("");
      if (!dev.aether.crypto.Bls.INSTANCE.verifyPossession(
          k.bls.publicKey(), new dev.aether.crypto.BlsSignature(Hex.decode(pop)))) {
        throw new IllegalArgumentException("bls.proofOfPossession does not verify");
      }
      return k;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name.isEmpty() ? e.getMessage() : name + ": " + e.getMessage());
    }
  }

  /**
   * These keys with the hot KES key and certificate replaced (an evolution or a rotation); the
   * other keys unchanged.
   */
  public ValidatorKeys withKes(KesSecretKey nextKes, OpCert nextCert) {
    return new ValidatorKeys(node, bls, vrf, coldPublic, cold, nextKes, nextCert);
  }

  /**
   * The next operational certificate: a fresh hot key, counter + 1, starting at absolute KES period
   * {@code startPeriod}, signed with the cold key — what {@code aetherctl keys rotate-kes} does.
   *
   * @throws IllegalStateException if this file does not hold the cold key's seed
   */
  public ValidatorKeys rotated(int startPeriod, SecureRandom random) {
    Ed25519KeyPair c =
        cold.orElseThrow(
            () -> new IllegalStateException("the key file holds no cold.seed: cannot issue"));
    if (startPeriod < 0) {
      throw new IllegalArgumentException("start period must be >= 0");
    }
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    try {
      KesSecretKey fresh = Kes.sum6().keygen(seed);
      return withKes(
          fresh, OpCerts.issue(c, fresh.verificationKey(), opCert.counter() + 1, startPeriod));
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Erases every secret this object holds (each key's own {@code close}, ADR 0011). Instances made
   * by {@link #withKes} or {@link #rotated} share the node, BLS, VRF and cold keys with this one:
   * closing either closes those for both.
   */
  @Override
  public void close() {
    node.close();
    bls.close();
    vrf.close();
    kes.close();
    cold.ifPresent(Ed25519KeyPair::close);
  }

  /** Atomically replaces {@code file}'s content with these keys (under its lock if held). */
  public void replace(Path file) throws IOException {
    AtomicFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
  }

  private static byte[] hex(JsonNode o, String group, String field) {
    return hexText(o.path(group).path(field), group + "." + field);
  }

  private static byte[] hexText(JsonNode n, String what) {
    if (!n.isTextual()) {
      throw new IllegalArgumentException("missing field " + what);
    }
    return Hex.decode(n.textValue());
  }

  @Override
  public String toString() {
    return "ValidatorKeys[operator " + operator() + "]";
  }
}
