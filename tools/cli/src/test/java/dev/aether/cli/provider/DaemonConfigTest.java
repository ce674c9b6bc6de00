package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.cli.CliException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's config file: the shipped example parses to its documented defaults, and every bad
 * value is refused with exit code 2 and the key named — never a silent default.
 */
class DaemonConfigTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));

  @TempDir Path dir;

  private DaemonConfig read(String toml) throws Exception {
    return DaemonConfig.read(Files.writeString(dir.resolve("c.toml"), toml));
  }

  private void refused(String toml, String why) {
    assertThatThrownBy(() -> read(toml))
        .isInstanceOf(CliException.class)
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void theExampleParsesToItsDocumentedValues() {
    DaemonConfig c = DaemonConfig.read(ROOT.resolve("config/provider.example.toml"));
    assertThat(c.provider()).isTrue();
    assertThat(c.watcher()).isFalse();
    assertThat(c.register()).isTrue();
    assertThat(c.maxConcurrent()).isEqualTo(1);
    assertThat(c.maxQueue()).isEqualTo(4);
    assertThat(c.minPrice()).isEqualTo(BigInteger.ONE);
    assertThat(c.maxBond()).isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(c.falsifyStep()).isEmpty();
    assertThat(c.key()).isEqualTo(ROOT.resolve("config/provider.json").toAbsolutePath());
    assertThat(c.stateDir().getFileName().toString()).isEqualTo("provider-state");
    assertThat(c.tee()).isEqualTo(dev.aether.mesh.tee.TeeMode.AUTO);
    assertThat(c.teeCollateral()).isEmpty();
  }

  @Test
  void teeModesAndCollateralFilesParse() throws Exception {
    DaemonConfig hw =
        read(
            "key = \"k.json\"\nstate_dir = \"s\"\ntee = \"tdx\"\n"
                + "tee_collateral = [\"pcs/tcbinfo.bundle\", \"pcs/qeidentity.bundle\"]\n");
    assertThat(hw.tee()).isEqualTo(dev.aether.mesh.tee.TeeMode.TDX);
    assertThat(hw.teeKey()).isEmpty(); // hardware needs no development key
    assertThat(hw.teeCollateral())
        .containsExactly(
            dir.toAbsolutePath().resolve("pcs/tcbinfo.bundle"),
            dir.toAbsolutePath().resolve("pcs/qeidentity.bundle"));
    assertThat(read("key = \"k.json\"\nstate_dir = \"s\"\ntee = \"sev-snp\"\n").tee())
        .isEqualTo(dev.aether.mesh.tee.TeeMode.SEV_SNP);
    // auto needs no key either: without one it cannot fall back to the development TEE.
    assertThat(read("key = \"k.json\"\nstate_dir = \"s\"\n").teeKey()).isEmpty();
  }

  @Test
  void aWatcherNeedsNoTeeAndRelativePathsFollowTheFile() throws Exception {
    DaemonConfig c =
        read("key = \"w.json\"\nstate_dir = \"s\"\nroles = [\"watcher\"]\nrerun_percent = 25\n");
    assertThat(c.watcher()).isTrue();
    assertThat(c.provider()).isFalse();
    assertThat(c.rerunPercent()).isEqualTo(25);
    assertThat(c.key()).isEqualTo(dir.toAbsolutePath().resolve("w.json"));
    assertThat(c.stream()).isEmpty(); // polls JSON-RPC unless told where the block stream is
    assertThat(
            read(
                "key = \"w.json\"\nstate_dir = \"s\"\nroles = [\"watcher\"]\n"
                    + "stream = \"127.0.0.1:9090\"\n")
                .stream())
        .contains("127.0.0.1:9090");
  }

  @Test
  void badValuesAreRefusedByName() {
    String base = "key = \"k.json\"\nstate_dir = \"s\"\ntee_key = \"t.json\"\n";
    refused(base + "colour = \"blue\"\n", "unknown key colour");
    refused(base + "tee = \"sgx\"\n", "tee: auto, sev-snp, tdx or dev, got \"sgx\"");
    refused(base + "tee = \"SEV-SNP\"\n", "tee: auto, sev-snp, tdx or dev");
    refused("key = \"k.json\"\nstate_dir = \"s\"\ntee = \"dev\"\n", "tee_key is required");
    refused(base + "tee_collateral = \"vcek.der\"\n", "tee_collateral: a list of strings");
    refused(base + "roles = [\"miner\"]\n", "roles");
    refused(base + "roles = []\n", "roles");
    refused(base + "rerun_percent = 101\n", "rerun_percent");
    refused(base + "max_concurrent = 0\n", "max_concurrent");
    refused(base + "min_price = -1\n", "min_price");
    refused(base + "posters = [\"0x12\"]\n", "posters");
    refused(base + "test_only_falsify_step = 0\n", "test_only_falsify_step");
    refused(base + "stream = \"localhost\"\n", "stream: host:port");
    refused(base + "stream = \"localhost:0\"\n", "stream: host:port");
    refused(base + "stream = \"localhost:http\"\n", "stream: host:port");
    refused("state_dir = \"s\"\ntee_key = \"t.json\"\n", "key is required");
    refused(base + "key = 5\n", "");
  }

  @Test
  void aSecondDaemonOnOneStateFolderIsRefused() {
    StateStore first = new StateStore(dir.resolve("state"));
    try {
      assertThatThrownBy(() -> new StateStore(dir.resolve("state")))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("another daemon");
      // A reader beside it (--status) is fine.
      new StateStore(dir.resolve("state"), false).close();
    } finally {
      first.close();
    }
    new StateStore(dir.resolve("state")).close();
  }
}
