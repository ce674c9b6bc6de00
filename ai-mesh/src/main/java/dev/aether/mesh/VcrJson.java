package dev.aether.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.compute.ComputeException;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.types.codec.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a published receipt ({@code vcr.json}, a {@link VcrSubmission}): every field of
 * {@link Vcr} under its snake_case name, byte strings as {@code 0x} hex, the seed as an unsigned
 * decimal string (u64 does not fit a JSON number exactly everywhere); then the publication: {@code
 * model_header} (canonical header bytes), {@code weights_root}, {@code trace_leaves} (the leaves
 * concatenated, 32 bytes each), {@code data_proof}, {@code last_step} (canonical step evidence) and
 * {@code collateral} (certificate files). Unknown fields are refused so a file means one receipt.
 */
public final class VcrJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of(
          "version",
          "job_id",
          "provider",
          "input_hash",
          "model_hash",
          "code_hash",
          "seed",
          "output_hash",
          "tee_quote",
          "kzg_commit",
          "openings",
          "sig",
          "model_header",
          "weights_root",
          "trace_leaves",
          "data_proof",
          "last_step",
          "collateral");

  private VcrJson() {}

  /** Pretty-printed JSON of a published receipt. */
  public static String write(VcrSubmission sub) {
    ObjectNode o = fields(sub.vcr());
    o.put("model_header", "0x" + Hashing.hex(sub.header().encode()));
    o.put("weights_root", sub.weightsRoot().toHex());
    byte[] leaves = new byte[32 * sub.leaves().size()];
    for (int i = 0; i < sub.leaves().size(); i++) {
      System.arraycopy(sub.leaves().get(i).toArray(), 0, leaves, 32 * i, 32);
    }
    o.put("trace_leaves", "0x" + Hashing.hex(leaves));
    o.put("data_proof", hex(sub.dataProof()));
    o.put("last_step", "0x" + Hashing.hex(StepEvidence.CODEC.encode(sub.lastStep())));
    ArrayNode c = o.putArray("collateral");
    sub.collateral().forEach(b -> c.add(hex(b)));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new MeshException.Internal("cannot write JSON", e);
    }
  }

  private static ObjectNode fields(Vcr v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", Vcr.VERSION);
    o.put("job_id", v.jobId().toHex());
    o.put("provider", v.provider().toString());
    o.put("input_hash", v.inputHash().toHex());
    o.put("model_hash", v.modelHash().toHex());
    o.put("code_hash", v.codeHash().toHex());
    o.put("seed", Long.toUnsignedString(v.seed()));
    o.put("output_hash", v.outputHash().toHex());
    o.put("tee_quote", hex(v.teeQuote()));
    v.kzgCommit().ifPresent(c -> o.put("kzg_commit", hex(c)));
    v.openings()
        .ifPresent(
            os -> {
              ArrayNode a = o.putArray("openings");
              for (Opening op : os) {
                ObjectNode n = a.addObject();
                n.put("index", op.index());
                n.put("value", hex(op.value()));
                n.put("proof", hex(op.proof()));
              }
            });
    o.put("sig", hex(v.sig()));
    return o;
  }

  /**
   * Parses a published receipt.
   *
   * @throws MeshException.BadReceipt if it is not exactly one well-formed published receipt
   */
  public static VcrSubmission read(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new MeshException.BadReceipt(
          "receipt is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (o == null || !o.isObject()) {
      throw new MeshException.BadReceipt("receipt must be a JSON object", null);
    }
    o.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new MeshException.BadReceipt("unknown field '" + f + "'", null);
              }
            });
    if (o.path("version").asInt(-1) != Vcr.VERSION) {
      throw new MeshException.BadReceipt("version must be " + Vcr.VERSION, null);
    }
    long seed;
    try {
      seed = Long.parseUnsignedLong(text(o, "seed"));
    } catch (NumberFormatException e) {
      throw new MeshException.BadReceipt("seed is not an unsigned 64-bit integer", e);
    }
    Optional<Bytes> commit =
        o.has("kzg_commit")
            ? Optional.of(Bytes.of(Hashing.unhex(text(o, "kzg_commit"), 48, "kzg_commit")))
            : Optional.empty();
    Optional<List<Opening>> openings = Optional.empty();
    if (o.has("openings")) {
      if (!o.get("openings").isArray()) {
        throw new MeshException.BadReceipt("openings must be an array", null);
      }
      List<Opening> list = new ArrayList<>();
      for (JsonNode n : o.get("openings")) {
        if (!n.path("index").canConvertToInt()) {
          throw new MeshException.BadReceipt("opening index must be an integer", null);
        }
        list.add(
            new Opening(
                n.get("index").asInt(),
                Bytes.of(Hashing.unhex(text(n, "value"), 32, "opening value")),
                Bytes.of(Hashing.unhex(text(n, "proof"), 48, "opening proof"))));
      }
      openings = Optional.of(list);
    }
    byte[] quote = Hashing.unhex(text(o, "tee_quote"), -1, "tee_quote");
    Vcr vcr;
    try {
      vcr =
          new Vcr(
              h256(o, "job_id"),
              new Address(h256(o, "provider")),
              h256(o, "input_hash"),
              h256(o, "model_hash"),
              h256(o, "code_hash"),
              seed,
              h256(o, "output_hash"),
              Bytes.of(quote),
              commit,
              openings,
              Bytes.of(Hashing.unhex(text(o, "sig"), 64, "sig")));
    } catch (IllegalArgumentException e) {
      throw new MeshException.BadReceipt("receipt is not well formed: " + e.getMessage(), e);
    }
    byte[] leafBytes = Hashing.unhex(text(o, "trace_leaves"), -1, "trace_leaves");
    if (leafBytes.length % 32 != 0 || leafBytes.length / 32 > VcrSubmission.MAX_LEAVES) {
      throw new MeshException.BadReceipt("trace_leaves must be up to 4096 × 32 bytes", null);
    }
    List<H256> leaves = new ArrayList<>(leafBytes.length / 32);
    for (int i = 0; i < leafBytes.length; i += 32) {
      leaves.add(H256.of(java.util.Arrays.copyOfRange(leafBytes, i, i + 32)));
    }
    List<Bytes> collateral = new ArrayList<>();
    JsonNode c = o.path("collateral");
    if (!c.isArray()) {
      throw new MeshException.BadReceipt("collateral must be an array", null);
    }
    for (JsonNode f : c) {
      if (!f.isTextual()) {
        throw new MeshException.BadReceipt("collateral entries are hex strings", null);
      }
      collateral.add(Bytes.of(Hashing.unhex(f.asText(), -1, "collateral")));
    }
    try {
      return new VcrSubmission(
          vcr,
          ModelHeader.decode(Hashing.unhex(text(o, "model_header"), -1, "model_header")),
          h256(o, "weights_root"),
          leaves,
          Bytes.of(Hashing.unhex(text(o, "data_proof"), -1, "data_proof")),
          StepEvidence.CODEC.decode(Hashing.unhex(text(o, "last_step"), -1, "last_step")),
          collateral);
    } catch (ComputeException | CodecException | IllegalArgumentException e) {
      throw new MeshException.BadReceipt("publication is not well formed: " + e.getMessage(), e);
    }
  }

  private static H256 h256(JsonNode o, String field) {
    return H256.of(Hashing.unhex(text(o, field), 32, field));
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new MeshException.BadReceipt("missing text field '" + field + "'", null);
    }
    return n.asText();
  }

  private static String hex(Bytes b) {
    return "0x" + Hashing.hex(b.toArray());
  }
}
