package dev.aether.mesh.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.mesh.DevAttester;
import dev.aether.mesh.MeshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TeeProbe} over a configfs-like directory, and {@link TeeSelfCheck} refusing, with the
 * verifier's reason, real recorded evidence the chain's strict policy would refuse.
 */
class TeeProbeAndSelfCheckTest {
  @TempDir Path dir;

  @Test
  void probeReadsTheProviderAndLeavesNoEntryBehind() throws IOException {
    Path root = Files.createDirectory(dir.resolve("report"));
    FakeTsmKernel k = new FakeTsmKernel(root, "tdx_guest", in -> new byte[0]);
    TeeProbe p = TeeProbe.of(k, dir.resolve("no-sev-guest"));
    assertThat(p.configfs()).isEqualTo(new TeeProbe.Configfs.Provider("tdx_guest"));
    assertThat(p.sevGuestPresent()).isFalse();
    assertThat(k.leftovers()).isZero();
    assertThat(k.inblobs).isEmpty(); // probing asks the hardware for nothing
  }

  @Test
  void probeTellsAbsentFromUnusable() throws IOException {
    Path device = Files.createFile(dir.resolve("sev-guest"));
    TeeProbe none = TeeProbe.of(dir.resolve("no-configfs"), device);
    assertThat(none.configfs()).isInstanceOf(TeeProbe.Configfs.Absent.class);
    assertThat(none.sevGuestPresent()).isTrue();
    Path root = Files.createDirectory(dir.resolve("report"));
    FakeTsmKernel k = new FakeTsmKernel(root, "sev_guest", in -> new byte[0]);
    k.mkdirFails = Optional.of(new IOException("No such device or address"));
    assertThat(TeeProbe.of(k, device).configfs())
        .isInstanceOfSatisfying(
            TeeProbe.Configfs.Unusable.class,
            u -> assertThat(u.why()).contains("No such device or address"));
  }

  @Test
  void theRecordedDebugGuestWouldBeRefusedOnChainAndTheDaemonSaysWhy() throws IOException {
    Path root = Files.createDirectory(dir.resolve("report"));
    ConfigfsTsmAttester snp = Recorded.snpConfigfs(root);
    assertThatThrownBy(
            () -> TeeSelfCheck.measurement(snp, Recorded.snpReportData(), Recorded.SNP_AT))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageContaining("SEV-SNP evidence would be refused on chain")
        .hasMessageContaining("TEE_POLICY_DEBUG");
    // A devnet's chain time (time origin 0): every real certificate is outside its validity.
    assertThatThrownBy(() -> TeeSelfCheck.measurement(snp, Recorded.snpReportData(), Instant.EPOCH))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageContaining("TEE_CERT_VALIDITY");
  }

  @Test
  void tdxWithoutPcsCollateralWouldBeRefusedOnChain() throws IOException {
    Path root = Files.createDirectory(dir.resolve("report"));
    assertThatThrownBy(
            () ->
                TeeSelfCheck.measurement(
                    Recorded.tdxConfigfs(root, List.of()),
                    Recorded.tdxReportData(),
                    Recorded.TDX_AT))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageContaining("TEE_COLLATERAL_MISSING");
  }

  @Test
  void theSelfCheckUsesTheChainsStrictPolicyWhichNeverAcceptsDevQuotes() {
    DevAttester dev = new DevAttester(new byte[32], new byte[48]);
    assertThatThrownBy(() -> TeeSelfCheck.measurement(dev, new byte[64], Recorded.SNP_AT))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageContaining("TEE_POLICY_DEV_DISALLOWED");
  }
}
