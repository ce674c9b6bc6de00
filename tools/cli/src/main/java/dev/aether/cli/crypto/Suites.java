package dev.aether.cli.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.crypto.Blob;
import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsPublicKey;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.BlsSignature;
import dev.aether.crypto.CryptoException;
import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.KesSignature;
import dev.aether.crypto.KesVerificationKey;
import dev.aether.crypto.Kzg;
import dev.aether.crypto.KzgCommitment;
import dev.aether.crypto.KzgFieldElement;
import dev.aether.crypto.KzgProof;
import dev.aether.crypto.KzgProofAndY;
import dev.aether.crypto.Sha256;
import dev.aether.crypto.Verifier;
import dev.aether.crypto.Vrf;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfOutput;
import dev.aether.crypto.VrfProof;
import dev.aether.crypto.VrfPublicKey;
import dev.aether.crypto.VrfSuite;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** The suites of {@code crypto check}: field names and semantics as in issue 3. */
final class Suites {

  static final List<String> NAMES =
      List.of(
          "sha256",
          "ed25519-sign",
          "ed25519-verify",
          "ed25519-batch-verify",
          "vrf-prove",
          "vrf-verify",
          "bls-sign",
          "bls-verify",
          "bls-aggregate",
          "bls-fast-aggregate-verify",
          "bls-aggregate-verify",
          "kes-sign",
          "kes-verify",
          "kzg-blob-to-commitment",
          "kzg-compute-proof",
          "kzg-verify-proof",
          "kzg-compute-blob-proof",
          "kzg-verify-blob-proof",
          "kzg-verify-blob-proof-batch");

  /** picocli completion candidates (shown in --help). */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  /** A line whose fields are missing or not hex: answered with {@code {"error"}}. */
  static final class InputError extends RuntimeException {
    InputError(final String message) {
      super(message, null, false, false);
    }
  }

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Suites() {}

  static ObjectNode run(final String suite, final JsonNode in) {
    return switch (suite) {
      case "sha256" -> obj("digest", Sha256.hash(hex(in, "msg")).bytes());
      case "ed25519-sign" -> {
        final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(hex(in, "sk"));
        final ObjectNode o = obj("pk", kp.publicKey().bytes());
        o.put("sig", out(kp.sign(hex(in, "msg")).bytes()));
        yield o;
      }
      case "ed25519-verify" -> {
        final byte[] pk = hex(in, "pk");
        final byte[] msg = hex(in, "msg");
        final byte[] sig = hex(in, "sig");
        yield valid(
            () ->
                Ed25519.VERIFIER.verify(new Ed25519PublicKey(pk), msg, new Ed25519Signature(sig)));
      }
      case "ed25519-batch-verify" -> {
        final List<byte[][]> items = new ArrayList<>();
        for (final JsonNode item : array(in, "items")) {
          items.add(new byte[][] {hex(item, "pk"), hex(item, "msg"), hex(item, "sig")});
        }
        yield valid(
            () ->
                Ed25519.VERIFIER.verifyBatch(
                    items.stream()
                        .map(
                            i ->
                                new Verifier.Signed(
                                    new Ed25519PublicKey(i[0]), i[1], new Ed25519Signature(i[2])))
                        .toList()));
      }
      case "vrf-prove" -> {
        final Vrf vrf = Vrf.of(vrfSuite(in));
        final VrfKeyPair key = VrfKeyPair.fromSeed(hex(in, "sk"));
        final VrfProof pi = vrf.prove(key, hex(in, "alpha"));
        final ObjectNode o = obj("pk", key.publicKey().bytes());
        o.put("pi", out(pi.bytes()));
        o.put("beta", out(vrf.proofToHash(pi).bytes()));
        yield o;
      }
      case "vrf-verify" -> {
        final Vrf vrf = Vrf.of(vrfSuite(in));
        final byte[] pk = hex(in, "pk");
        final byte[] alpha = hex(in, "alpha");
        final byte[] pi = hex(in, "pi");
        Optional<VrfOutput> beta;
        try {
          beta = vrf.verify(new VrfPublicKey(pk), alpha, new VrfProof(pi));
        } catch (CryptoException wrongLength) {
          beta = Optional.empty();
        }
        final ObjectNode o = F.objectNode();
        o.put("valid", beta.isPresent());
        beta.ifPresent(b -> o.put("beta", out(b.bytes())));
        yield o;
      }
      case "bls-sign" ->
          obj("sig", BlsSecretKey.fromBytes(hex(in, "sk")).sign(hex(in, "msg")).bytes());
      case "bls-verify" -> {
        final byte[] pk = hex(in, "pk");
        final byte[] msg = hex(in, "msg");
        final byte[] sig = hex(in, "sig");
        yield valid(() -> Bls.INSTANCE.verify(new BlsPublicKey(pk), msg, new BlsSignature(sig)));
      }
      case "bls-aggregate" ->
          obj("sig", Bls.INSTANCE.aggregate(list(in, "sigs", BlsSignature::new)).bytes());
      case "bls-fast-aggregate-verify" -> {
        final List<byte[]> pks = hexList(in, "pks");
        final byte[] msg = hex(in, "msg");
        final byte[] sig = hex(in, "sig");
        yield valid(
            () ->
                Bls.INSTANCE.fastAggregateVerify(
                    pks.stream().map(BlsPublicKey::new).toList(), msg, new BlsSignature(sig)));
      }
      case "bls-aggregate-verify" -> {
        final List<byte[]> pks = hexList(in, "pks");
        final List<byte[]> msgs = hexList(in, "msgs");
        final byte[] sig = hex(in, "sig");
        yield valid(
            () ->
                Bls.INSTANCE.aggregateVerify(
                    pks.stream().map(BlsPublicKey::new).toList(), msgs, new BlsSignature(sig)));
      }
      case "kes-sign" -> {
        final int period = period(in);
        final KesSecretKey key = Kes.sum6().keygen(hex(in, "seed"));
        key.evolveTo(period);
        final ObjectNode o = obj("vk", key.verificationKey().bytes());
        o.put("sig", out(key.sign(period, hex(in, "msg")).bytes()));
        yield o;
      }
      case "kes-verify" -> {
        final byte[] vk = hex(in, "vk");
        final int period = period(in);
        final byte[] msg = hex(in, "msg");
        final byte[] sig = hex(in, "sig");
        yield valid(
            () ->
                Kes.sum6().verify(new KesVerificationKey(vk), period, msg, new KesSignature(sig)));
      }
      case "kzg-blob-to-commitment" ->
          obj("commitment", Kzg.ethereum().blobToCommitment(Blob.of(hex(in, "blob"))).bytes());
      case "kzg-compute-proof" -> {
        final KzgProofAndY r =
            Kzg.ethereum()
                .computeProof(Blob.of(hex(in, "blob")), new KzgFieldElement(hex(in, "z")));
        final ObjectNode o = obj("proof", r.proof().bytes());
        o.put("y", out(r.y().bytes()));
        yield o;
      }
      case "kzg-verify-proof" -> {
        final byte[] c = hex(in, "commitment");
        final byte[] z = hex(in, "z");
        final byte[] y = hex(in, "y");
        final byte[] proof = hex(in, "proof");
        yield valid(
            () ->
                Kzg.ethereum()
                    .verifyProof(
                        new KzgCommitment(c),
                        new KzgFieldElement(z),
                        new KzgFieldElement(y),
                        new KzgProof(proof)));
      }
      case "kzg-compute-blob-proof" ->
          obj(
              "proof",
              Kzg.ethereum()
                  .computeBlobProof(
                      Blob.of(hex(in, "blob")), new KzgCommitment(hex(in, "commitment")))
                  .bytes());
      case "kzg-verify-blob-proof" -> {
        final byte[] blob = hex(in, "blob");
        final byte[] c = hex(in, "commitment");
        final byte[] proof = hex(in, "proof");
        yield valid(
            () ->
                Kzg.ethereum()
                    .verifyBlobProof(Blob.of(blob), new KzgCommitment(c), new KzgProof(proof)));
      }
      case "kzg-verify-blob-proof-batch" -> {
        final List<byte[]> blobs = hexList(in, "blobs");
        final List<byte[]> cs = hexList(in, "commitments");
        final List<byte[]> proofs = hexList(in, "proofs");
        yield valid(
            () ->
                Kzg.ethereum()
                    .verifyBlobProofBatch(
                        blobs.stream().map(Blob::of).toList(),
                        cs.stream().map(KzgCommitment::new).toList(),
                        proofs.stream().map(KzgProof::new).toList()));
      }
      default -> throw new InputError("unknown suite " + suite);
    };
  }

  /** A verifier's answer: a refusal by the primitive (length, bad point) reads as false. */
  private static ObjectNode valid(final BooleanSupplier check) {
    boolean v;
    try {
      v = check.getAsBoolean();
    } catch (CryptoException refused) {
      v = false;
    }
    final ObjectNode o = F.objectNode();
    o.put("valid", v);
    return o;
  }

  private static ObjectNode obj(final String field, final byte[] value) {
    final ObjectNode o = F.objectNode();
    o.put(field, out(value));
    return o;
  }

  private static String out(final byte[] b) {
    return "0x" + HEX.formatHex(b);
  }

  private static JsonNode field(final JsonNode in, final String name) {
    final JsonNode n = in.get(name);
    if (n == null || n.isNull()) {
      throw new InputError("missing field '" + name + "'");
    }
    return n;
  }

  static byte[] parseHex(final String what, final String s) {
    final String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    try {
      return HEX.parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new InputError("field '" + what + "' is not hex");
    }
  }

  private static byte[] hex(final JsonNode in, final String name) {
    final JsonNode n = field(in, name);
    if (!n.isTextual()) {
      throw new InputError("field '" + name + "' must be a hex string");
    }
    return parseHex(name, n.asText());
  }

  private static JsonNode array(final JsonNode in, final String name) {
    final JsonNode n = field(in, name);
    if (!n.isArray()) {
      throw new InputError("field '" + name + "' must be an array");
    }
    for (final JsonNode e : n) {
      if (!e.isTextual() && !e.isObject()) {
        throw new InputError("field '" + name + "' has an element of the wrong type");
      }
    }
    return n;
  }

  private static List<byte[]> hexList(final JsonNode in, final String name) {
    final List<byte[]> out = new ArrayList<>();
    for (final JsonNode e : array(in, name)) {
      if (!e.isTextual()) {
        throw new InputError("field '" + name + "' must hold hex strings");
      }
      out.add(parseHex(name, e.asText()));
    }
    return out;
  }

  private static <T> List<T> list(
      final JsonNode in, final String name, final Function<byte[], T> make) {
    return hexList(in, name).stream().map(make).toList();
  }

  private static int period(final JsonNode in) {
    final JsonNode n = field(in, "period");
    if (!n.isInt()) {
      throw new InputError("field 'period' must be an integer");
    }
    return n.asInt();
  }

  private static VrfSuite vrfSuite(final JsonNode in) {
    final String s = field(in, "suite").asText();
    return switch (s) {
      case "TAI" -> VrfSuite.TAI;
      case "ELL2" -> VrfSuite.ELL2;
      default -> throw new InputError("field 'suite' must be \"TAI\" or \"ELL2\"");
    };
  }
}
