package dev.aether.da;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the field and the coder against Backblaze/klauspost reference values. */
class ReedSolomonVectorTest {
  private static JsonNode v;

  @BeforeAll
  static void load() throws Exception {
    v = Vectors.reedSolomon();
  }

  @Test
  void fieldTablesMatchBackblaze() {
    final JsonNode field = v.get("field");
    assertThat(field.get("poly").asText()).startsWith("0x11D");
    final JsonNode exp = field.get("exp_table");
    for (int i = 0; i < 255; i++) {
      assertThat(Gf256.expTable(i)).as("exp[%d]", i).isEqualTo(exp.get(i).asInt());
    }
    final JsonNode log = field.get("log_table");
    for (int a = 1; a < 256; a++) {
      assertThat(Gf256.logTable(a)).as("log[%d]", a).isEqualTo(log.get(a).asInt());
    }
  }

  @Test
  void fieldOperationsMatchUpstreamCases() {
    int checked = 0;
    for (final JsonNode c : v.get("gf_cases")) {
      final String op = c.get("op").asText();
      final int a = c.get("a").asInt();
      final int b = c.has("b") ? c.get("b").asInt() : c.get("n").asInt();
      final int expect = c.get("expect").asInt();
      switch (op) {
        case "mul" -> assertThat(Gf256.mul(a, b)).isEqualTo(expect);
        case "exp" -> assertThat(Gf256.exp(a, b)).isEqualTo(expect);
        default -> throw new AssertionError("unknown op " + op);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void parityRowsMatchReferenceMatrices() throws Exception {
    for (final JsonNode m : v.get("matrices")) {
      final int k = m.get("k").asInt();
      final int p = m.get("m").asInt();
      final ReedSolomon rs = ReedSolomon.create(k, p);
      final JsonNode rows = m.get("parity_rows");
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < k; c++) {
          assertThat(rs.matrixCoefficient(k + r, c))
              .as("RS(%d,%d) E[%d][%d]", k + p, k, k + r, c)
              .isEqualTo(rows.get(r).get(c).asInt());
        }
      }
    }
  }

  @Test
  void encodeMatchesReferenceParity() throws Exception {
    int sets = 0;
    for (final JsonNode e : v.get("encode")) {
      final int k = e.get("k").asInt();
      final int p = e.get("m").asInt();
      final ReedSolomon rs = ReedSolomon.create(k, p);
      final byte[][] shards = new byte[k + p][];
      for (int i = 0; i < k; i++) {
        shards[i] = Vectors.hex(e.get("data").get(i));
      }
      for (int i = 0; i < p; i++) {
        shards[k + i] = new byte[shards[0].length];
      }
      rs.encodeParity(shards);
      for (int i = 0; i < p; i++) {
        assertThat(shards[k + i]).isEqualTo(Vectors.hex(e.get("parity").get(i)));
      }
      assertThat(rs.isParityCorrect(shards)).isTrue();
      sets++;
    }
    assertThat(sets).isEqualTo(6);
  }

  @Test
  void bumpedParityByteFailsVerification() throws Exception {
    final JsonNode e = v.get("encode").get(0);
    final ReedSolomon rs = ReedSolomon.create(5, 5);
    final byte[][] shards = new byte[10][];
    for (int i = 0; i < 5; i++) {
      shards[i] = Vectors.hex(e.get("data").get(i));
      shards[5 + i] = Vectors.hex(e.get("parity").get(i));
    }
    assertThat(rs.isParityCorrect(shards)).isTrue();
    shards[8][0]++;
    assertThat(rs.isParityCorrect(shards)).isFalse();
  }

  @Test
  void decodeMatchesReferenceCases() throws Exception {
    int cases = 0;
    for (final JsonNode d : v.get("decode")) {
      final int k = d.get("k").asInt();
      final int p = d.get("m").asInt();
      final ReedSolomon rs = ReedSolomon.create(k, p);
      final byte[][] shards = new byte[k + p][];
      final boolean[] present = new boolean[k + p];
      for (int i = 0; i < k + p; i++) {
        final JsonNode s = d.get("shards").get(i);
        if (!s.isNull()) {
          shards[i] = Vectors.hex(s);
          present[i] = true;
        }
      }
      if (d.get("expect").isNull()) {
        assertThatThrownBy(() -> rs.reconstruct(shards, present))
            .isInstanceOfSatisfying(
                DaException.class,
                ex -> assertThat(ex.error()).isInstanceOf(DaError.TooFewShards.class));
      } else {
        rs.reconstruct(shards, present);
        for (int i = 0; i < k + p; i++) {
          assertThat(shards[i]).as("shard %d", i).isEqualTo(Vectors.hex(d.get("expect").get(i)));
        }
      }
      cases++;
    }
    assertThat(cases).isEqualTo(24);
  }
}
