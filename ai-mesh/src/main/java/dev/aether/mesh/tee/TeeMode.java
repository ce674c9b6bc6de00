package dev.aether.mesh.tee;

import java.util.Arrays;
import java.util.Optional;

/** How a provider chooses its TEE (the daemon's {@code tee} key). */
public enum TeeMode {
  /**
   * Hardware if present (configfs-tsm, then {@code /dev/sev-guest}), else the dev TEE if allowed.
   */
  AUTO("auto"),
  /** AMD SEV-SNP only: configfs-tsm's {@code sev_guest}, else {@code /dev/sev-guest}. */
  SEV_SNP("sev-snp"),
  /** Intel TDX only: configfs-tsm's {@code tdx_guest}. */
  TDX("tdx"),
  /** The development TEE (devnets whose genesis allows it). */
  DEV("dev");

  private final String configName;

  TeeMode(String configName) {
    this.configName = configName;
  }

  /** The name in a config file. */
  public String configName() {
    return configName;
  }

  /** The mode a config file names. */
  public static Optional<TeeMode> parse(String name) {
    return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
  }
}
