package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.tee.TeeMode;
import dev.aether.verifiers.tee.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's TEE at start ({@link DaemonTee}): the configured mode against what the machine has
 * (paths in a temporary directory, so the host's own hardware never decides) and what the chain
 * allows; every refusal one line, exit 1.
 */
class DaemonTeeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path artifact;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("k.json"), "{\"ed25519_seed\": \"0x" + "31".repeat(32) + "\"}");
    Files.writeString(dir.resolve("t.json"), "{\"ed25519_seed\": \"0x" + "32".repeat(32) + "\"}");
    artifact = Files.writeString(dir.resolve("runtime.jar"), "runtime");
  }

  private DaemonConfig config(String extra) throws Exception {
    return DaemonConfig.read(
        Files.writeString(dir.resolve("c.toml"), "key = \"k.json\"\nstate_dir = \"s\"\n" + extra));
  }

  private static JsonNode params(boolean allowDev) {
    return JSON.createObjectNode()
        .put("allowDevTee", allowDev)
        .put("timeOriginMs", 1_700_000_000_000L)
        .put("slotMs", 500);
  }

  private DaemonTee.Paths nothing() {
    return new DaemonTee.Paths(dir.resolve("no-configfs"), dir.resolve("no-sev-guest"));
  }

  private ProviderTee open(DaemonConfig c, boolean allowDev, DaemonTee.Paths p) {
    return DaemonTee.open(c, params(allowDev), 10, artifact, p, () -> new byte[64]);
  }

  private void refused(DaemonConfig c, boolean allowDev, DaemonTee.Paths p, String why) {
    assertThatThrownBy(() -> open(c, allowDev, p))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("tee: ")
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(1));
  }

  @Test
  void autoIsTheDefaultAndWithoutHardwareOnADevnetIsTheDevTee() throws Exception {
    DaemonConfig c = config("tee_key = \"t.json\"\n");
    assertThat(c.tee()).isEqualTo(TeeMode.AUTO);
    ProviderTee t = open(c, true, nothing());
    DevAttester expected =
        new DevAttester(
            KeyFiles.ed25519(dir.resolve("t.json")).seed(),
            RuntimeArtifact.devMeasurement(artifact));
    assertThat(t.attester().kind()).isEqualTo(Evidence.Kind.DEV);
    assertThat(t.devKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(expected.publicKey()));
    assertThat(t.measurement()).isEqualTo(expected.measurement());
  }

  @Test
  void withoutHardwareTheDevTeeIsRefusedWhereGenesisForbidsItOrNoKeyIsSet() throws Exception {
    refused(
        config("tee_key = \"t.json\"\n"),
        false,
        nothing(),
        "no TEE hardware here: no configfs-tsm at "
            + dir.resolve("no-configfs")
            + ", no "
            + dir.resolve("no-sev-guest")
            + "): this chain's genesis does not allow the development TEE");
    refused(config(""), true, nothing(), "set tee_key");
    refused(config("tee = \"dev\"\ntee_key = \"t.json\"\n"), false, nothing(), "tee = \"dev\"");
  }

  @Test
  void namedHardwareThatIsNotHereIsRefused() throws Exception {
    refused(config("tee = \"sev-snp\"\n"), true, nothing(), "no SEV-SNP guest interface");
    refused(config("tee = \"tdx\"\n"), true, nothing(), "no TDX guest interface");
  }

  @Test
  void aConfigfsDirectoryWithoutAProviderIsRefusedNotReplacedByTheDevTee() throws Exception {
    // A report directory in which entries can be made but which no TEE driver fills.
    Path root = Files.createDirectory(dir.resolve("report"));
    refused(
        config("tee_key = \"t.json\"\n"),
        true,
        new DaemonTee.Paths(root, dir.resolve("no-sev-guest")),
        "configfs-tsm is present but unusable");
    try (var left = Files.list(root)) {
      assertThat(left).isEmpty(); // the probe removed the entry it made
    }
  }

  @Test
  void theSevGuestFallbackThatCannotAttestRefusesToStartWithTheKernelsAnswer() throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
    // /dev/null exists but is no SEV-SNP guest: the real ioctl, through FFM, is refused.
    refused(
        config("tee_key = \"t.json\"\n"),
        true,
        new DaemonTee.Paths(dir.resolve("no-configfs"), Path.of("/dev/null")),
        "SNP_GET_EXT_REPORT failed: errno 25 (ENOTTY)");
  }

  @Test
  void teeCollateralFilesAreCheckedAtStart() throws Exception {
    Files.writeString(dir.resolve("bad.bundle"), "{\"tcbInfo\":{}}no chain");
    assertThatThrownBy(() -> DaemonTee.collateral(java.util.List.of(dir.resolve("bad.bundle"))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("tee_collateral")
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
    Files.write(dir.resolve("big.der"), new byte[DaemonTee.MAX_FILE + 1]);
    assertThatThrownBy(() -> DaemonTee.collateral(java.util.List.of(dir.resolve("big.der"))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("bytes");
    assertThatThrownBy(() -> DaemonTee.collateral(java.util.List.of(dir.resolve("missing.der"))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("cannot read");
    Path vcek = Files.write(dir.resolve("vcek.der"), new byte[] {0x30, 0x03, 1, 2, 3});
    assertThat(DaemonTee.collateral(java.util.List.of(vcek))).hasSize(1);
  }

  @Test
  void certificatesAreJudgedAtTheChainsTime() {
    assertThat(DaemonTee.chainTime(params(true), 10))
        .isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L + 5_000));
    // A devnet: no time origin, so every real certificate is judged in 1970 (ADR 0034).
    assertThat(DaemonTee.chainTime(JSON.createObjectNode().put("slotMs", 500), 10))
        .isEqualTo(Instant.ofEpochMilli(5_000));
  }
}
