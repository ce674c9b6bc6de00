package dev.aether.mesh.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.mesh.MeshException;
import dev.aether.verifiers.tee.Evidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TeeSelector}: which TEE a provider attests with, and the one-line refusals. */
class TeeSelectorTest {
  private static final Path ROOT = Path.of("/sys/kernel/config/tsm/report");
  private static final Path DEV = Path.of("/dev/sev-guest");

  private static TeeProbe probe(TeeProbe.Configfs c, boolean sevGuest) {
    return new TeeProbe(ROOT, c, DEV, sevGuest);
  }

  private static TeeProbe.Configfs provider(String name) {
    return new TeeProbe.Configfs.Provider(name);
  }

  private static final TeeProbe.Configfs ABSENT = new TeeProbe.Configfs.Absent();
  private static final TeeProbe.Configfs UNUSABLE =
      new TeeProbe.Configfs.Unusable("cannot make a report entry: AccessDeniedException");

  @Test
  void autoPrefersConfigfsThenTheSevGuestDeviceThenTheDevTeeOnlyWithoutHardware() {
    assertThat(TeeSelector.choose(TeeMode.AUTO, probe(provider("sev_guest"), true), true, true))
        .isEqualTo(new TeeSelector.Choice.Configfs(Evidence.Kind.SEV_SNP));
    assertThat(TeeSelector.choose(TeeMode.AUTO, probe(provider("tdx_guest"), false), true, true))
        .isEqualTo(new TeeSelector.Choice.Configfs(Evidence.Kind.TDX));
    assertThat(TeeSelector.choose(TeeMode.AUTO, probe(ABSENT, true), true, true))
        .isEqualTo(new TeeSelector.Choice.SevGuest());
    assertThat(TeeSelector.choose(TeeMode.AUTO, probe(UNUSABLE, true), true, true))
        .isEqualTo(new TeeSelector.Choice.SevGuest());
    assertThat(TeeSelector.choose(TeeMode.AUTO, probe(ABSENT, false), true, true))
        .isEqualTo(new TeeSelector.Choice.Dev());
  }

  @Test
  void autoWithoutHardwareRefusesTheDevTeeUnlessGenesisAllowsItAndAKeyIsSet() {
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.AUTO, probe(ABSENT, false), false, true))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessage(
            "tee = \"auto\" (no TEE hardware here: no configfs-tsm at "
                + ROOT
                + ", no "
                + DEV
                + "): this chain's genesis does not allow the development TEE"
                + " ([devnet].allow_dev_attestations is off)");
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.AUTO, probe(ABSENT, false), true, false))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageContaining("set tee_key");
  }

  @Test
  void hardwareThatIsPresentButUnusableOrUnknownIsNeverReplacedByTheDevTee() {
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.AUTO, probe(UNUSABLE, false), true, true))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("present but unusable")
        .hasMessageContaining("AccessDeniedException");
    assertThatThrownBy(
            () ->
                TeeSelector.choose(
                    TeeMode.AUTO, probe(provider("arm_cca_guest"), false), true, true))
        .isInstanceOf(MeshException.TeeUnknownProvider.class)
        .hasMessageContaining("'arm_cca_guest', not a TEE Aether verifies");
  }

  @Test
  void namedHardwareIsThatHardwareOrARefusal() {
    assertThat(
            TeeSelector.choose(TeeMode.SEV_SNP, probe(provider("sev_guest"), true), false, false))
        .isEqualTo(new TeeSelector.Choice.Configfs(Evidence.Kind.SEV_SNP));
    assertThat(TeeSelector.choose(TeeMode.SEV_SNP, probe(ABSENT, true), false, false))
        .isEqualTo(new TeeSelector.Choice.SevGuest());
    assertThat(TeeSelector.choose(TeeMode.SEV_SNP, probe(UNUSABLE, true), false, false))
        .isEqualTo(new TeeSelector.Choice.SevGuest());
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.SEV_SNP, probe(ABSENT, false), true, true))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("no SEV-SNP guest interface");
    assertThatThrownBy(
            () ->
                TeeSelector.choose(
                    TeeMode.SEV_SNP, probe(provider("tdx_guest"), false), true, true))
        .isInstanceOf(MeshException.TeeUnknownProvider.class)
        .hasMessageContaining("which makes TDX evidence, not sev_guest");
    assertThat(TeeSelector.choose(TeeMode.TDX, probe(provider("tdx_guest"), false), false, false))
        .isEqualTo(new TeeSelector.Choice.Configfs(Evidence.Kind.TDX));
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.TDX, probe(ABSENT, true), true, true))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("configfs-tsm only");
  }

  @Test
  void devIsExplicitAndStillNeedsGenesisAndAKey() {
    assertThat(TeeSelector.choose(TeeMode.DEV, probe(provider("sev_guest"), true), true, true))
        .isEqualTo(new TeeSelector.Choice.Dev());
    assertThatThrownBy(() -> TeeSelector.choose(TeeMode.DEV, probe(ABSENT, false), false, true))
        .isInstanceOf(MeshException.TeeRefused.class)
        .hasMessageStartingWith("tee = \"dev\": this chain's genesis does not allow");
  }

  @Test
  void noCombinationGivesTheDevTeeWhereHardwareIsPresentOrGenesisForbidsIt() {
    // Every mode × every configfs state × device × genesis × key: the invariant, exhaustively.
    List<TeeProbe.Configfs> states =
        List.of(ABSENT, UNUSABLE, provider("sev_guest"), provider("tdx_guest"), provider("other"));
    int choices = 0;
    for (TeeMode mode : TeeMode.values()) {
      for (TeeProbe.Configfs c : states) {
        for (boolean sevGuest : new boolean[] {false, true}) {
          for (boolean allow : new boolean[] {false, true}) {
            for (boolean key : new boolean[] {false, true}) {
              TeeSelector.Choice got;
              try {
                got = TeeSelector.choose(mode, probe(c, sevGuest), allow, key);
              } catch (MeshException e) {
                assertThat(e.getMessage()).doesNotContain("\n").startsWith("tee = \"");
                continue;
              }
              choices++;
              if (got instanceof TeeSelector.Choice.Dev) {
                assertThat(allow && key).isTrue();
                assertThat(
                        mode == TeeMode.DEV || (c instanceof TeeProbe.Configfs.Absent && !sevGuest))
                    .isTrue();
              }
              if (got instanceof TeeSelector.Choice.Configfs cf) {
                assertThat(c).isInstanceOf(TeeProbe.Configfs.Provider.class);
                assertThat(ConfigfsTsmAttester.kindOf(((TeeProbe.Configfs.Provider) c).name()))
                    .contains(cf.kind());
              }
              if (got instanceof TeeSelector.Choice.SevGuest) {
                assertThat(sevGuest).isTrue();
                assertThat(mode).isIn(TeeMode.AUTO, TeeMode.SEV_SNP);
              }
            }
          }
        }
      }
    }
    assertThat(choices).isPositive();
  }

  @Test
  void modesParseByTheirConfigNamesOnly() {
    List<String> names = new ArrayList<>();
    for (TeeMode m : TeeMode.values()) {
      assertThat(TeeMode.parse(m.configName())).contains(m);
      names.add(m.configName());
    }
    assertThat(names).containsExactly("auto", "sev-snp", "tdx", "dev");
    assertThat(TeeMode.parse("SEV_SNP")).isEmpty();
    assertThat(TeeMode.parse("sgx")).isEmpty();
  }
}
