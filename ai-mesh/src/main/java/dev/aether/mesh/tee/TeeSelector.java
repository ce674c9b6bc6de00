package dev.aether.mesh.tee;

import dev.aether.mesh.MeshException;
import dev.aether.verifiers.tee.Evidence;
import java.util.Optional;

/**
 * Chooses a provider's TEE from its configured {@link TeeMode}, what the machine has ({@link
 * TeeProbe}) and whether the chain allows development quotes. Pure: the same inputs always give the
 * same choice or the same one-line refusal.
 *
 * <p>Secure default: {@code auto} takes hardware when there is any — configfs-tsm first, then
 * {@code /dev/sev-guest} — and the development TEE only when there is <em>no</em> hardware at all
 * and the chain's genesis allows development quotes and a development key is configured. A
 * configfs-tsm that is present but unusable, or names a TEE Aether does not verify, is refused
 * rather than quietly replaced by the development TEE: a confidential VM that attests with a
 * software key would claim nothing and fool its operator.
 */
public final class TeeSelector {
  private TeeSelector() {}

  /** The chosen TEE. */
  public sealed interface Choice {
    /**
     * configfs-tsm, whose provider makes {@code kind} evidence.
     *
     * @param kind SEV-SNP or TDX
     */
    record Configfs(Evidence.Kind kind) implements Choice {}

    /** {@code /dev/sev-guest}'s {@code SNP_GET_EXT_REPORT}. */
    record SevGuest() implements Choice {}

    /** The development TEE. */
    record Dev() implements Choice {}
  }

  /**
   * @param mode the configured mode
   * @param probe what this machine has
   * @param chainAllowsDev the chain's genesis {@code [devnet].allow_dev_attestations}
   * @param devKey whether a development TEE key is configured
   * @throws MeshException.TeeRefused for the development TEE where it may not be used
   * @throws MeshException.TeeUnavailable when the hardware asked for (or present) cannot be used
   * @throws MeshException.TeeUnknownProvider when configfs-tsm names a TEE other than the one asked
   *     for, or one Aether does not verify
   */
  public static Choice choose(
      TeeMode mode, TeeProbe probe, boolean chainAllowsDev, boolean devKey) {
    return switch (mode) {
      case DEV -> dev(mode, chainAllowsDev, devKey, "");
      case SEV_SNP -> {
        Optional<Choice> c = configfs(mode, probe, Evidence.Kind.SEV_SNP);
        if (c.isPresent()) {
          yield c.get();
        }
        if (probe.sevGuestPresent()) {
          yield new Choice.SevGuest();
        }
        throw new MeshException.TeeUnavailable(
            "tee = \"sev-snp\": no SEV-SNP guest interface here ("
                + configfsState(probe)
                + "; "
                + probe.sevGuest()
                + " absent)",
            null);
      }
      case TDX -> {
        Optional<Choice> c = configfs(mode, probe, Evidence.Kind.TDX);
        if (c.isPresent()) {
          yield c.get();
        }
        throw new MeshException.TeeUnavailable(
            "tee = \"tdx\": no TDX guest interface here ("
                + configfsState(probe)
                + "; TDX is attested through configfs-tsm only, Linux 6.7 or later)",
            null);
      }
      case AUTO -> {
        switch (probe.configfs()) {
          case TeeProbe.Configfs.Provider p -> {
            Evidence.Kind k =
                ConfigfsTsmAttester.kindOf(p.name())
                    .orElseThrow(
                        () ->
                            new MeshException.TeeUnknownProvider(
                                "tee = \"auto\": configfs-tsm at "
                                    + probe.configfsRoot()
                                    + " names provider '"
                                    + p.name()
                                    + "', not a TEE Aether verifies (sev_guest, tdx_guest);"
                                    + " refusing rather than attesting with the development TEE"));
            yield new Choice.Configfs(k);
          }
          case TeeProbe.Configfs.Unusable u -> {
            if (probe.sevGuestPresent()) {
              yield new Choice.SevGuest();
            }
            throw new MeshException.TeeUnavailable(
                "tee = \"auto\": configfs-tsm is present but unusable ("
                    + u.why()
                    + "); refusing rather than attesting with the development TEE",
                null);
          }
          case TeeProbe.Configfs.Absent a -> {
            if (probe.sevGuestPresent()) {
              yield new Choice.SevGuest();
            }
            yield dev(
                mode,
                chainAllowsDev,
                devKey,
                " (no TEE hardware here: no configfs-tsm at "
                    + probe.configfsRoot()
                    + ", no "
                    + probe.sevGuest()
                    + ")");
          }
        }
      }
    };
  }

  private static Optional<Choice> configfs(TeeMode mode, TeeProbe probe, Evidence.Kind want) {
    if (probe.configfs() instanceof TeeProbe.Configfs.Provider p) {
      Optional<Evidence.Kind> k = ConfigfsTsmAttester.kindOf(p.name());
      if (k.isPresent() && k.get() == want) {
        return Optional.of(new Choice.Configfs(want));
      }
      throw new MeshException.TeeUnknownProvider(
          "tee = \""
              + mode.configName()
              + "\": configfs-tsm at "
              + probe.configfsRoot()
              + " names provider '"
              + p.name()
              + "'"
              + k.map(x -> ", which makes " + Quotes.name(x) + " evidence").orElse("")
              + ", not "
              + (want == Evidence.Kind.SEV_SNP ? "sev_guest" : "tdx_guest"));
    }
    return Optional.empty();
  }

  private static String configfsState(TeeProbe probe) {
    return switch (probe.configfs()) {
      case TeeProbe.Configfs.Absent a -> "no configfs-tsm at " + probe.configfsRoot();
      case TeeProbe.Configfs.Unusable u -> "configfs-tsm unusable: " + u.why();
      case TeeProbe.Configfs.Provider p -> "configfs-tsm provider '" + p.name() + "'";
    };
  }

  private static Choice dev(TeeMode mode, boolean chainAllowsDev, boolean devKey, String context) {
    String head = "tee = \"" + mode.configName() + "\"" + context + ": ";
    if (!chainAllowsDev) {
      throw new MeshException.TeeRefused(
          head
              + "this chain's genesis does not allow the development TEE"
              + " ([devnet].allow_dev_attestations is off)");
    }
    if (!devKey) {
      throw new MeshException.TeeRefused(
          head + "the development TEE needs its key file: set tee_key");
    }
    return new Choice.Dev();
  }
}
