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

  @TempDir static Path dir;
  private static Path input;
  private static Path providerKey;
  private static Path teeKey;
  private static Path artifact;

  @BeforeAll
  static void filesAndKeys() throws Exception {
    input =
        Path.of(System.getProperty("aether.root", "../.."))
            .resolve("ai-mesh/models/digits-mlp/sample-input.txt");
    providerKey =
        Files.writeString(
            dir.resolve("provider.json"), "{\"ed25519_seed\":\"0x" + "11".repeat(32) + "\"}");
    teeKey =
        Files.writeString(
            dir.resolve("tee.json"), "{\"ed25519_seed\":\"0x" + "22".repeat(32) + "\"}");
    // Tests run from class folders; a file stands in for the runtime jar.
    artifact = Files.writeString(dir.resolve("artifact.jar"), "runtime artifact bytes");
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
      dir.resolve(out).toString(),
      "--provider-key",
      providerKey.toString(),
      "--tee-key",
      teeKey.toString(),
      "--runtime-artifact",
      artifact.toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHarness.run(args);
  }

  private static CliHarness.Result verify(String vcr, String... extra) {
    String[] base = {"mesh", "verify-vcr", vcr, "--runtime-artifact", artifact.toString()};
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
  void honestRunVerifiesOnlyForTheNamedDevKeySurvivesAChallengeAndRejectsTampering()
      throws Exception {
    CliHarness.Result r = run("honest.json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("trace_length  7").contains("output_hash   0x");
    String vcr = dir.resolve("honest.json").toString();
    CliHarness.Result v = verify(vcr, "--allow-dev", teeKey.toString());
    assertThat(v.exitCode()).as(v.err()).isZero();
    assertThat(v.out()).contains("valid");
    // No built-in dev key: without naming one, a development quote is refused.
    CliHarness.Result unnamed = verify(vcr);
    assertThat(unnamed.exitCode()).isEqualTo(1);
    assertThat(unnamed.err()).contains("vcr.bad_quote").contains("TEE_POLICY_DEV_DISALLOWED");
    CliHarness.Result other = verify(vcr, "--allow-dev", providerKey.toString());
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).contains("TEE_POLICY_DEV_KEY");
    CliHarness.Result wrongJob =
        verify(vcr, "--allow-dev", teeKey.toString(), "--job", "0x" + "cd".repeat(32));
    assertThat(wrongJob.exitCode()).isEqualTo(1);
    assertThat(wrongJob.err()).contains("vcr.wrong_job");
    CliHarness.Result c = CliHarness.run("mesh", "challenge", vcr, "--openings", "7");
    assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
    assertThat(c.out()).contains("honest: all 7 steps").contains("spot check honest");
    Path tampered = Files.copy(dir.resolve("honest.json"), dir.resolve("t.json"));
    String json = Files.readString(tampered);
    int at = json.indexOf("\"sig\" : \"0x") + 12;
    char ch = json.charAt(at);
    Files.writeString(
        tampered, json.substring(0, at) + (ch == '0' ? '1' : '0') + json.substring(at + 1));
    CliHarness.Result t = verify(tampered.toString(), "--allow-dev", teeKey.toString());
    assertThat(t.exitCode()).isEqualTo(1);
    assertThat(t.err()).contains("vcr.bad_signature");
  }

  @Test
  void falsifiedMiddleStepIsNamedByReRunningAndAProofIsWritten() {
    assertThat(run("fraud.json", "--falsify-step", "4").exitCode()).isZero();
    String vcr = dir.resolve("fraud.json").toString();
    // The receipt itself is self-consistent.
    assertThat(verify(vcr, "--allow-dev", teeKey.toString()).exitCode()).isZero();
    CliHarness.Result c = CliHarness.run("mesh", "challenge", vcr);
    assertThat(c.exitCode()).as(c.out() + c.err()).isEqualTo(1);
    assertThat(c.out()).contains("FRAUD: first divergent step 4");
    assertThat(dir.resolve("fraud.json.fraud.json")).exists();
  }

  @Test
  void falsifiedLastStepIsRefusedByTheReceiptCheck() {
    assertThat(run("last.json", "--falsify-step", "6").exitCode()).isZero();
    CliHarness.Result v =
        verify(dir.resolve("last.json").toString(), "--allow-dev", teeKey.toString());
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(v.err()).contains("vcr.last_step_falsified");
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    CliHarness.Result missing = verify(dir.resolve("no.json").toString());
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
            dir.resolve("x.json").toString(),
            "--provider-key",
            providerKey.toString(),
            "--tee-key",
            teeKey.toString(),
            "--runtime-artifact",
            artifact.toString());
    assertThat(model.exitCode()).isEqualTo(2);
    assertThat(model.err()).contains("mesh.unknown_model");
    CliHarness.Result noKey =
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
            JOB,
            "--out",
            dir.resolve("x.json").toString());
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(run("y.json", "--job-id", "0x12").exitCode()).isEqualTo(2);
  }
}
