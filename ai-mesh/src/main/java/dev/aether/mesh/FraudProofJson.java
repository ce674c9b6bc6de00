package dev.aether.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.compute.proof.FraudProof;
import dev.aether.types.codec.CodecException;
import java.io.IOException;
import java.util.Set;

/**
 * The file {@code aetherctl mesh challenge} writes and {@code aetherctl job challenge} sends:
 * {@code job_id}, {@code step} (for people) and {@code fraud_proof}, the canonical bytes of the
 * {@link FraudProof} as {@code 0x} hex (what the transaction carries).
 */
public final class FraudProofJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FraudProofJson() {}

  /** Pretty-printed JSON. */
  public static String write(FraudProof p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("job_id", p.jobId().toHex());
    o.put("step", p.step());
    o.put("fraud_proof", "0x" + Hashing.hex(p.encode()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new MeshException.Internal("cannot write JSON", e);
    }
  }

  /**
   * Parses a fraud-proof file.
   *
   * @throws MeshException.BadReceipt if it is not one
   */
  public static FraudProof read(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new MeshException.BadReceipt("fraud proof is not JSON", e);
    }
    if (o == null || !o.isObject() || !o.path("fraud_proof").isTextual()) {
      throw new MeshException.BadReceipt("fraud proof file lacks 'fraud_proof'", null);
    }
    o.fieldNames()
        .forEachRemaining(
            f -> {
              if (!Set.of("job_id", "step", "fraud_proof").contains(f)) {
                throw new MeshException.BadReceipt("unknown field '" + f + "'", null);
              }
            });
    try {
      return FraudProof.CODEC.decode(Hashing.unhex(o.get("fraud_proof").asText(), -1, "proof"));
    } catch (CodecException e) {
      throw new MeshException.BadReceipt("fraud proof does not decode: " + e.getMessage(), e);
    }
  }
}
