package dev.aether.cli.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshCommandTest {
  private static final String JOB = "0x" + "ab".repeat(32);

  /** The well-known development TEE key ({@code SHA-256("aether-dev-tee")}). */
  private static final String DEV_TEE_KEY = DevKeys.tee().publicKeyHex();

  @TempDir static Path dir;
  private static Path input;

  @BeforeAll
  static void sampleInput() {
    input =
        Path.of(System.getProperty("aether.root", "../.."))
            .resolve("ai-mesh/models/digits-mlp/sample-input.txt");
  }

  private static CliHarness.Result run(String out, String... extra) {
    String[] base = {
      "mesh",
      "run",
      "--model",
      "digits-mlp",
      "--input",
      input.toString(),
      "--seed",
      "4",
      "--job-id",
      JOB,
      "--out",
      dir.resolve(out).toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHarness.run(args);
  }

  @Test
  void modelsListsTheShippedModelsByHash() {
    CliHarness.Result r = CliHarness.run("mesh", "models");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("digits-mlp").containsPattern("[0-9a-f]{64}");
  }

  @Test
  void honestRunVerifiesSurvivesAChallengeAndRejectsTampering() throws Exception {
    CliHarness.Result r = run("honest.json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("trace_length  7").contains("output_hash   0x");
    String vcr = dir.resolve("honest.json").toString();
    // The well-known dev TEE key is trusted only when named.
    CliHarness.Result refused = CliHarness.run("mesh", "verify-vcr", vcr);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("TEE_POLICY_DEV_DISALLOWED");
    assertThat(r.out()).contains("tee dev key   " + DEV_TEE_KEY);
    CliHarness.Result v = CliHarness.run("mesh", "verify-vcr", vcr, "--allow-dev", DEV_TEE_KEY);
    assertThat(v.exitCode()).as(v.err()).isZero();
    assertThat(v.out()).contains("valid");
    CliHarness.Result c =
        CliHarness.run("mesh", "challenge", vcr, "--openings", "7", "--allow-dev", DEV_TEE_KEY);
    assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
    assertThat(c.out()).contains("honest");
    Path tampered = Files.copy(dir.resolve("honest.json"), dir.resolve("t.json"));
    String json = Files.readString(tampered);
    int at = json.indexOf("\"sig\" : \"0x") + 12;
    char ch = json.charAt(at);
    Files.writeString(
        tampered, json.substring(0, at) + (ch == '0' ? '1' : '0') + json.substring(at + 1));
    CliHarness.Result t =
        CliHarness.run("mesh", "verify-vcr", tampered.toString(), "--allow-dev", DEV_TEE_KEY);
    assertThat(t.exitCode()).isEqualTo(1);
    assertThat(t.err()).contains("vcr.bad_signature");
  }

  @Test
  void falsifiedStepIsFoundByAFullChallenge() {
    assertThat(run("fraud.json", "--falsify-step", "4").exitCode()).isZero();
    String vcr = dir.resolve("fraud.json").toString();
    assertThat(CliHarness.run("mesh", "verify-vcr", vcr, "--allow-dev", DEV_TEE_KEY).exitCode())
        .isZero();
    CliHarness.Result c =
        CliHarness.run("mesh", "challenge", vcr, "--openings", "7", "--allow-dev", DEV_TEE_KEY);
    assertThat(c.exitCode()).isEqualTo(1);
    assertThat(c.out()).contains("FRAUD at step 4");
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    CliHarness.Result missing =
        CliHarness.run("mesh", "verify-vcr", dir.resolve("no.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines().count()).isEqualTo(1);
    Path junk = Files.writeString(dir.resolve("junk.json"), "{\"version\": 1}");
    CliHarness.Result bad = CliHarness.run("mesh", "challenge", junk.toString(), "--openings", "2");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: mesh.bad_receipt");
    CliHarness.Result model =
        CliHarness.run(
            "mesh",
            "run",
            "--model",
            "nope",
            "--input",
            input.toString(),
            "--seed",
            "1",
            "--job-id",
            JOB,
            "--out",
            dir.resolve("x.json").toString());
    assertThat(model.exitCode()).isEqualTo(2);
    assertThat(model.err()).contains("mesh.unknown_model");
    CliHarness.Result job =
        CliHarness.run(
            "mesh",
            "run",
            "--model",
            "digits-mlp",
            "--input",
            input.toString(),
            "--seed",
            "1",
            "--job-id",
            "0x12",
            "--out",
            dir.resolve("x.json").toString());
    assertThat(job.exitCode()).isEqualTo(2);
  }
}
