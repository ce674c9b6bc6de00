package dev.aether.mesh.tee;

import dev.aether.mesh.MeshException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What TEE interfaces this machine has: configfs-tsm's report directory and the provider behind it,
 * and {@code /dev/sev-guest}. Probing configfs makes and removes one report entry (the only way to
 * read {@code provider}); it asks the hardware for nothing.
 *
 * @param configfsRoot where configfs-tsm was looked for
 * @param configfs what was found there
 * @param sevGuest the SEV-SNP guest device looked for
 * @param sevGuestPresent whether that device exists
 */
public record TeeProbe(
    Path configfsRoot, Configfs configfs, Path sevGuest, boolean sevGuestPresent) {

  /** configfs-tsm's state. */
  public sealed interface Configfs {
    /** No report directory: no configfs-tsm (or configfs not mounted). */
    record Absent() implements Configfs {}

    /**
     * A report entry names this provider ({@code sev_guest}, {@code tdx_guest}, or one Aether does
     * not verify).
     *
     * @param name the {@code provider} attribute
     */
    record Provider(String name) implements Configfs {}

    /**
     * The directory exists but no entry could be made or read: no TEE driver registered (ENXIO), or
     * no permission.
     *
     * @param why the error
     */
    record Unusable(String why) implements Configfs {}
  }

  /** Looks at {@code configfsRoot} and {@code sevGuest}. */
  public static TeeProbe of(Path configfsRoot, Path sevGuest) {
    return of(new TsmFs(configfsRoot), sevGuest);
  }

  static TeeProbe of(TsmFs fs, Path sevGuest) {
    Configfs c;
    if (!Files.isDirectory(fs.root())) {
      c = new Configfs.Absent();
    } else {
      try {
        c = new Configfs.Provider(ConfigfsTsmAttester.provider(fs));
      } catch (MeshException e) {
        c = new Configfs.Unusable(e.getMessage());
      }
    }
    return new TeeProbe(fs.root(), c, sevGuest, Files.exists(sevGuest));
  }
}
