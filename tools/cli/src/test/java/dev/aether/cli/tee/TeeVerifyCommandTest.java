package dev.aether.cli.tee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.cli.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aetherctl tee verify} against the real evidence in testdata/tee. */
class TeeVerifyCommandTest {

  private static final Path TEE = TestData.dir("tee");
  private static final String SNP = TEE.resolve("sev-snp/attestation.bin").toString();
  private static final String VCEK = TEE.resolve("sev-snp/vcek.testcer").toString();
  private static final String TDX = TEE.resolve("tdx/tdx_prod_quote_SPR_E4.dat").toString();
  private static final String SNP_RD = "0102030405";
  private static final String NO_COLLATERAL = "--allow-missing-collateral";

  @Test
  void realSnpReportIsValidAsOfItsDate() {
    final CliHarness.Result r =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--vcek",
            VCEK,
            "--report-data",
            SNP_RD,
            "--at",
            "2022-09-24T01:00:00Z",
            "--allow-debug",
            "--allow-smt");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).startsWith("VALID SEV_SNP").contains("measurement: b07af962");
  }

  @Test
  void certsDirectoryWorksAndJsonIsParseable(@TempDir final Path dir) throws Exception {
    Files.copy(Path.of(VCEK), dir.resolve("vcek.der"));
    Files.copy(TEE.resolve("sev-snp/ask_ark_milan.pem"), dir.resolve("ask_ark.pem"));
    final CliHarness.Result r =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--certs",
            dir.toString(),
            "--at",
            "2022-09-24T01:00:00Z",
            "--allow-debug",
            "--allow-smt",
            "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    final JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isTrue();
    assertThat(j.get("kind").asText()).isEqualTo("SEV_SNP");
    assertThat(j.get("fields").get("reported_tcb").asText()).contains("snp=5");
  }

  @Test
  void debugPolicyFailureIsExitOneWithTheReasonCode() throws Exception {
    final CliHarness.Result r =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--vcek",
            VCEK,
            "--at",
            "2022-09-24T01:00:00Z",
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    final JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isFalse();
    assertThat(j.get("reason").asText()).isEqualTo("TEE_POLICY_DEBUG");
  }

  @Test
  void tdxQuoteVerifiesAndFailsWhenExpiredOrWrongReportData() {
    final CliHarness.Result ok =
        CliHarness.run(
            "tee", "verify", "--quote", TDX, "--at", "2023-07-01T01:00:00Z", NO_COLLATERAL);
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains("platform TCB status NOT evaluated")
        .contains("quoting enclave identity NOT evaluated");
    final CliHarness.Result expired =
        CliHarness.run(
            "tee", "verify", "--quote", TDX, "--at", "2053-07-01T00:00:00Z", NO_COLLATERAL);
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out()).startsWith("INVALID TEE_CERT_VALIDITY");
    final CliHarness.Result binding =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            TDX,
            "--at",
            "2023-07-01T01:00:00Z",
            "--report-data",
            "00",
            NO_COLLATERAL);
    assertThat(binding.exitCode()).isEqualTo(1);
    assertThat(binding.out()).startsWith("INVALID TEE_REPORT_DATA_MISMATCH");
  }

  @Test
  void crlsAndTcbInfoAreApplied() throws Exception {
    final CliHarness.Result withCrls =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            TDX,
            "--at",
            "2023-07-01T01:00:00Z",
            "--crl",
            TEE.resolve("tdx/pckcrl").toString(),
            "--crl",
            TEE.resolve("tdx/rootcrl.der").toString(),
            NO_COLLATERAL);
    assertThat(withCrls.exitCode()).as(withCrls.out() + withCrls.err()).isZero();
    assertThat(withCrls.out()).contains("2 CRLs applied");
    final Path chain = Files.createTempFile("tcb-chain", ".pem");
    try (var in =
        TeeVerifyCommandTest.class.getResourceAsStream("/tee/tcb_info_issuer_chain.pem")) {
      Files.write(chain, in.readAllBytes());
    }
    final CliHarness.Result tcb =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            TDX,
            "--at",
            "2023-07-01T01:00:00Z",
            "--tcb-info",
            TEE.resolve("tdx/sample_tcbInfo_response").toString(),
            "--pcs-chain",
            chain.toString(),
            NO_COLLATERAL);
    assertThat(tcb.exitCode()).isEqualTo(1);
    assertThat(tcb.out()).startsWith("INVALID TEE_TCB_STATUS");
    final CliHarness.Result qe =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            TDX,
            "--at",
            "2023-07-01T01:00:00Z",
            "--qe-identity",
            TEE.resolve("tdx/sample_qeIdentity_response").toString(),
            "--pcs-chain",
            chain.toString(),
            NO_COLLATERAL,
            "--json");
    assertThat(qe.exitCode()).as(qe.out() + qe.err()).isZero();
    assertThat(qe.out()).contains("quoting enclave UpToDate");
    Files.delete(chain);
  }

  @Test
  void snpGuestPolicyBitsAreRefusedByDefaultAndNamed() {
    final CliHarness.Result smt =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--vcek",
            VCEK,
            "--at",
            "2022-09-24T01:00:00Z",
            "--allow-debug");
    assertThat(smt.exitCode()).isEqualTo(1);
    assertThat(smt.out()).startsWith("INVALID TEE_POLICY_SMT");
    final CliHarness.Result single =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--vcek",
            VCEK,
            "--at",
            "2022-09-24T01:00:00Z",
            "--allow-debug",
            "--allow-smt",
            "--require-single-socket");
    assertThat(single.out()).startsWith("INVALID TEE_POLICY_SINGLE_SOCKET");
    final CliHarness.Result svn =
        CliHarness.run(
            "tee",
            "verify",
            "--quote",
            SNP,
            "--vcek",
            VCEK,
            "--at",
            "2022-09-24T01:00:00Z",
            "--allow-debug",
            "--allow-smt",
            "--min-guest-svn",
            "1");
    assertThat(svn.out()).startsWith("INVALID TEE_POLICY_GUEST_SVN");
  }

  @Test
  void tdxWithoutCollateralIsRefusedPlainlyByDefault() {
    final CliHarness.Result r =
        CliHarness.run("tee", "verify", "--quote", TDX, "--at", "2023-07-01T01:00:00Z");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("INVALID TEE_COLLATERAL_MISSING")
        .contains("TCB info")
        .contains("QE identity");
  }

  @Test
  void allowDevNamesTheKeysItTrustsAndNoKeyIsTrustedByDefault(@TempDir final Path dir)
      throws Exception {
    final java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
    final var signer = new dev.aether.verifiers.tee.DevTeeSigner(g.generateKeyPair());
    final var other = new dev.aether.verifiers.tee.DevTeeSigner(g.generateKeyPair());
    final String key = java.util.HexFormat.of().formatHex(signer.publicKey());
    final String otherKey = java.util.HexFormat.of().formatHex(other.publicKey());
    final Path quote = dir.resolve("dev.bin");
    Files.write(quote, signer.quote(new byte[48], new byte[64]));
    final String q = quote.toString();

    final CliHarness.Result refused = CliHarness.run("tee", "verify", "--quote", q);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).startsWith("INVALID TEE_POLICY_DEV_DISALLOWED");

    final CliHarness.Result noKey = CliHarness.run("tee", "verify", "--quote", q, "--allow-dev");
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).startsWith("error: ").contains("--allow-dev");

    final CliHarness.Result wrongKey =
        CliHarness.run("tee", "verify", "--quote", q, "--allow-dev", otherKey);
    assertThat(wrongKey.exitCode()).isEqualTo(1);
    assertThat(wrongKey.out())
        .startsWith("INVALID TEE_POLICY_DEV_KEY")
        .contains(key)
        .contains("trusted development keys (NOT hardware-backed): " + otherKey);

    final CliHarness.Result ok =
        CliHarness.run("tee", "verify", "--quote", q, "--allow-dev", "0x" + key);
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .startsWith("VALID DEV")
        .contains("development key " + key + " (NOT hardware-backed)")
        .contains("trusted development keys (NOT hardware-backed): " + key);

    final CliHarness.Result badKey =
        CliHarness.run("tee", "verify", "--quote", q, "--allow-dev", "abcd");
    assertThat(badKey.exitCode()).isEqualTo(2);
    // Neither 64 hex digits nor a readable key file.
    assertThat(badKey.err()).startsWith("error: ").contains("abcd").doesNotContain("Exception");
  }

  @Test
  void badInputIsExitTwoWithOneLine(@TempDir final Path dir) throws Exception {
    final Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {1, 2, 3});
    final CliHarness.Result notQuote = CliHarness.run("tee", "verify", "--quote", junk.toString());
    assertThat(notQuote.exitCode()).isEqualTo(2);
    assertThat(notQuote.out()).startsWith("INVALID TEE_");

    for (final String[] args :
        new String[][] {
          {"tee", "verify", "--quote", dir.resolve("missing").toString()},
          {"tee", "verify", "--quote", TDX, "--at", "yesterday"},
          {"tee", "verify", "--quote", TDX, "--report-data", "xyz"},
          {"tee", "verify", "--quote", TDX, "--vcek", VCEK, "--certs", dir.toString()},
          {"tee", "verify"}
        }) {
      final CliHarness.Result r = CliHarness.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
