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
            "--allow-debug");
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
    assertThat(
            CliHarness.run("tee", "verify", "--quote", TDX, "--at", "2023-07-01T01:00:00Z")
                .exitCode())
        .isZero();
    final CliHarness.Result expired =
        CliHarness.run("tee", "verify", "--quote", TDX, "--at", "2053-07-01T00:00:00Z");
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out()).startsWith("INVALID TEE_CERT_VALIDITY");
    final CliHarness.Result binding =
        CliHarness.run(
            "tee", "verify", "--quote", TDX, "--at", "2023-07-01T01:00:00Z", "--report-data", "00");
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
            TEE.resolve("tdx/rootcrl.der").toString());
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
            chain.toString());
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
            "--json");
    assertThat(qe.exitCode()).as(qe.out() + qe.err()).isZero();
    assertThat(qe.out()).contains("quoting enclave UpToDate");
    Files.delete(chain);
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
