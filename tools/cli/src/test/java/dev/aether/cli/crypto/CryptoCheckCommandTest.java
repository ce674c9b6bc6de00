package dev.aether.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliHarness;
import dev.aether.cli.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code crypto check} with the third-party vectors in testdata/, through the CLI. */
class CryptoCheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path vectors(final String sub) {
    return TestData.dir(sub);
  }

  /** Runs one suite over {@code lines}; returns the parsed output lines. */
  private static List<JsonNode> check(final Path dir, final String suite, final List<String> lines)
      throws IOException {
    final Path in = Files.createTempFile(dir, suite, ".jsonl");
    Files.write(in, lines);
    final CliHarness.Result r =
        CliHarness.run("crypto", "check", "--suite", suite, "--input", in.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    final List<JsonNode> out = new ArrayList<>();
    for (final String l : r.out().split("\n")) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    assertThat(out).hasSize((int) lines.stream().filter(l -> !l.isBlank()).count());
    return out;
  }

  @Test
  void ethereumBlsCasesThroughTheCli(@TempDir final Path dir) throws IOException {
    final Map<String, List<JsonNode>> bySuite = new LinkedHashMap<>();
    for (final String l : Files.readAllLines(vectors("bls").resolve("eth-bls-cases.jsonl"))) {
      if (!l.isBlank()) {
        final JsonNode n = JSON.readTree(l);
        bySuite.computeIfAbsent(n.get("suite").asText(), k -> new ArrayList<>()).add(n);
      }
    }
    assertThat(bySuite).hasSize(5);
    for (final var e : bySuite.entrySet()) {
      final List<String> lines = new ArrayList<>();
      for (final JsonNode c : e.getValue()) {
        lines.add(JSON.writeValueAsString(c.get("in")));
      }
      final List<JsonNode> out = check(dir, e.getKey(), lines);
      for (int i = 0; i < out.size(); i++) {
        final JsonNode expect = e.getValue().get(i).get("expect");
        final String name = e.getValue().get(i).get("case").asText();
        if (expect.has("error")) {
          assertThat(out.get(i).has("error")).as(name).isTrue();
        } else {
          assertThat(out.get(i)).as(name).isEqualTo(expect);
        }
      }
    }
  }

  @Test
  void rfc8032ThroughSignVerifyAndBatch(@TempDir final Path dir) throws IOException {
    final JsonNode tests = JSON.readTree(vectors("ed25519").resolve("rfc8032.json").toFile());
    final List<String> sign = new ArrayList<>();
    final List<String> verify = new ArrayList<>();
    final List<JsonNode> items = new ArrayList<>();
    for (final JsonNode t : tests) {
      sign.add(line("sk", t.get("sk").asText(), "msg", t.get("msg").asText()));
      verify.add(
          line(
              "pk",
              "0x" + t.get("pk").asText(),
              "msg",
              t.get("msg").asText(),
              "sig",
              t.get("sig").asText()));
      final ObjectNode item = JSON.createObjectNode();
      item.put("pk", t.get("pk").asText());
      item.put("msg", t.get("msg").asText());
      item.put("sig", t.get("sig").asText());
      items.add(item);
    }
    final List<JsonNode> signed = check(dir, "ed25519-sign", sign);
    for (int i = 0; i < signed.size(); i++) {
      assertThat(signed.get(i).get("pk").asText())
          .isEqualTo("0x" + tests.get(i).get("pk").asText());
      assertThat(signed.get(i).get("sig").asText())
          .isEqualTo("0x" + tests.get(i).get("sig").asText());
    }
    // Verify: the vectors, one with a flipped message, one with a short signature.
    verify.add(
        line(
            "pk",
            tests.get(0).get("pk").asText(),
            "msg",
            "01",
            "sig",
            tests.get(0).get("sig").asText()));
    verify.add(line("pk", tests.get(0).get("pk").asText(), "msg", "", "sig", "00"));
    final List<JsonNode> verdicts = check(dir, "ed25519-verify", verify);
    for (int i = 0; i < tests.size(); i++) {
      assertThat(verdicts.get(i).get("valid").asBoolean()).isTrue();
    }
    assertThat(verdicts.get(tests.size()).get("valid").asBoolean()).isFalse();
    assertThat(verdicts.get(tests.size() + 1).get("valid").asBoolean()).isFalse();
    final ObjectNode batch = JSON.createObjectNode();
    batch.putArray("items").addAll(items);
    assertThat(check(dir, "ed25519-batch-verify", List.of(JSON.writeValueAsString(batch))).get(0))
        .isEqualTo(JSON.readTree("{\"valid\":true}"));
  }

  @Test
  void rfc9381ThroughVrfProveAndVerify(@TempDir final Path dir) throws IOException {
    final JsonNode tests = JSON.readTree(vectors("ecvrf").resolve("rfc9381.json").toFile());
    final List<String> prove = new ArrayList<>();
    final List<String> verify = new ArrayList<>();
    for (final JsonNode t : tests) {
      prove.add(
          line(
              "suite",
              t.get("suite").asText(),
              "sk",
              t.get("sk").asText(),
              "alpha",
              t.get("alpha").asText()));
      verify.add(
          line(
              "suite", t.get("suite").asText(),
              "pk", t.get("pk").asText(),
              "alpha", t.get("alpha").asText(),
              "pi", t.get("pi").asText()));
    }
    final List<JsonNode> proofs = check(dir, "vrf-prove", prove);
    final List<JsonNode> verdicts = check(dir, "vrf-verify", verify);
    for (int i = 0; i < tests.size(); i++) {
      final JsonNode t = tests.get(i);
      assertThat(proofs.get(i).get("pi").asText()).isEqualTo("0x" + t.get("pi").asText());
      assertThat(proofs.get(i).get("beta").asText()).isEqualTo("0x" + t.get("beta").asText());
      assertThat(verdicts.get(i).get("valid").asBoolean()).isTrue();
      assertThat(verdicts.get(i).get("beta").asText()).isEqualTo("0x" + t.get("beta").asText());
    }
    final JsonNode t = tests.get(0);
    final String wrongSuite = t.get("suite").asText().equals("TAI") ? "ELL2" : "TAI";
    final JsonNode bad =
        check(
                dir,
                "vrf-verify",
                List.of(
                    line(
                        "suite",
                        wrongSuite,
                        "pk",
                        t.get("pk").asText(),
                        "alpha",
                        "",
                        "pi",
                        t.get("pi").asText())))
            .get(0);
    assertThat(bad).isEqualTo(JSON.readTree("{\"valid\":false}"));
  }

  @Test
  void kesCasesThroughTheCli(@TempDir final Path dir) throws IOException {
    final JsonNode doc = JSON.readTree(vectors("kes").resolve("sum6kes.json").toFile());
    final List<String> lines = new ArrayList<>();
    final List<Boolean> expect = new ArrayList<>();
    for (final JsonNode c : doc.get("cases")) {
      if (!c.get("scheme").asText().equals("Sum6KES")) {
        continue;
      }
      final ObjectNode in = JSON.createObjectNode();
      in.put("vk", doc.get("vk").asText());
      in.put("period", c.get("period").asInt());
      in.put("msg", c.get("msg").asText());
      in.put("sig", c.get("sig").asText());
      lines.add(JSON.writeValueAsString(in));
      expect.add(c.get("expect").asBoolean());
    }
    final List<JsonNode> out = check(dir, "kes-verify", lines);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i).get("valid").asBoolean()).as("case %d", i).isEqualTo(expect.get(i));
    }
    final ObjectNode sign = JSON.createObjectNode();
    sign.put("seed", doc.get("seed_hex").asText());
    sign.put("period", 5);
    sign.put("msg", doc.get("message_hex").asText());
    final JsonNode signed = check(dir, "kes-sign", List.of(JSON.writeValueAsString(sign))).get(0);
    assertThat(signed.get("vk").asText()).isEqualTo("0x" + doc.get("vk").asText());
    assertThat(signed.get("sig").asText())
        .isEqualTo("0x" + doc.at("/upstream/sum6_sig_period5").asText());
  }

  @Test
  void kzgVerifyProofCasesThroughTheCli(@TempDir final Path dir) throws IOException {
    final Path cases = vectors("kzg").resolve("verify_kzg_proof");
    final List<String> lines = new ArrayList<>();
    final List<String> expect = new ArrayList<>();
    try (var files = Files.list(cases)) {
      for (final Path f : files.sorted().limit(40).toList()) {
        final Map<String, String> kv = new LinkedHashMap<>();
        for (final String l : Files.readAllLines(f)) {
          final int colon = l.indexOf(':');
          if (colon > 0) {
            kv.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim().replace("'", ""));
          }
        }
        lines.add(
            line(
                "commitment",
                kv.get("commitment"),
                "z",
                kv.get("z"),
                "y",
                kv.get("y"),
                "proof",
                kv.get("proof")));
        expect.add(kv.get("output"));
      }
    }
    final List<JsonNode> out = check(dir, "kzg-verify-proof", lines);
    for (int i = 0; i < out.size(); i++) {
      // null in the reference = refused = {"valid": false} for a verify suite.
      assertThat(out.get(i).get("valid").asBoolean())
          .as(lines.get(i))
          .isEqualTo(expect.get(i).equals("true"));
    }
  }

  @Test
  void malformedLinesAnswerErrorAndTheRestGoOn(@TempDir final Path dir) throws IOException {
    final List<JsonNode> out =
        check(
            dir,
            "sha256",
            List.of(
                "{\"msg\":\"0x616263\"}",
                "not json",
                "{\"msg\":\"zz\"}",
                "{}",
                "[1]",
                "{\"msg\":\"616263\"}"));
    assertThat(out.get(0).get("digest").asText())
        .isEqualTo("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(out.get(1).get("error").asText()).startsWith("malformed JSON");
    assertThat(out.get(2).get("error").asText()).isEqualTo("field 'msg' is not hex");
    assertThat(out.get(3).get("error").asText()).isEqualTo("missing field 'msg'");
    assertThat(out.get(4).has("error")).isTrue();
    assertThat(out.get(5)).isEqualTo(out.get(0));
    final List<JsonNode> agg = check(dir, "bls-aggregate", List.of("{\"sigs\":[]}"));
    assertThat(agg.get(0).get("error").asText()).startsWith("CRYPTO_BAD_ARGUMENT");
  }

  @Test
  void unknownSuiteIsAUsageErrorOnOneLine() {
    final CliHarness.Result r = CliHarness.run("crypto", "check", "--suite", "rot13");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: unknown suite 'rot13'").doesNotContain("\n");
  }

  private static String line(final String... kv) throws IOException {
    final ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return JSON.writeValueAsString(o);
  }
}
