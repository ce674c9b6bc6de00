package dev.aether.mesh.tee;

import dev.aether.mesh.Attestation;
import dev.aether.mesh.Attester;
import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Evidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hardware attestation through Linux's configfs-tsm report interface (kernel 6.7+, {@code
 * Documentation/ABI/testing/configfs-tsm-report}), one code path for AMD SEV-SNP ({@code provider}
 * {@code sev_guest}) and Intel TDX ({@code tdx_guest}).
 *
 * <p>Per quote: {@code mkdir} a fresh entry under the report directory (one entry per request, so
 * no other process writes to it), read {@code generation}, write the 64-byte REPORT_DATA to {@code
 * inblob} (one write, which advances the generation by one), read {@code outblob} (the SEV-SNP
 * report or the TDX quote), {@code auxblob} (SEV-SNP: the host's certificate table) and {@code
 * provider}, read {@code generation} again — if it is not exactly one more, someone else wrote to
 * the entry between our write and our reads and the blobs may belong to their request, so the entry
 * is dropped and the request made again —, then {@code rmdir}. The returned evidence must be of the
 * expected kind and carry exactly the REPORT_DATA written ({@link Quotes#checked}), else nothing is
 * returned. The receipt's collateral is the certificate table's VCEK/VLEK/ASK/ARK plus the files
 * the operator configured (e.g. TDX PCS collateral, or a VCEK where the host supplies none).
 *
 * <p>{@code privlevel} (the SEV-SNP VMPL) is left at 0, the only level the chain's policy accepts;
 * a guest whose {@code privlevel_floor} is above 0 (Linux under an SVSM) cannot get such a report
 * and is refused.
 */
public final class ConfigfsTsmAttester implements Attester {
  /** Where the kernel mounts the report interface. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/kernel/config/tsm/report");

  /** Requests made before a generation conflict is reported as a failure. */
  static final int ATTEMPTS = 3;

  private final TsmFs fs;
  private final Evidence.Kind kind;
  private final List<Bytes> extraCollateral;

  /**
   * @param root the configfs-tsm report directory ({@link #DEFAULT_ROOT})
   * @param kind the evidence expected ({@code SEV_SNP} or {@code TDX}); another provider is refused
   * @param extraCollateral certificate files and PCS bundles added to every quote's collateral
   */
  public ConfigfsTsmAttester(Path root, Evidence.Kind kind, List<Bytes> extraCollateral) {
    this(new TsmFs(root), kind, extraCollateral);
  }

  ConfigfsTsmAttester(TsmFs fs, Evidence.Kind kind, List<Bytes> extraCollateral) {
    if (kind == Evidence.Kind.DEV) {
      throw new IllegalArgumentException("configfs-tsm makes SEV-SNP or TDX evidence");
    }
    this.fs = fs;
    this.kind = kind;
    this.extraCollateral = List.copyOf(extraCollateral);
  }

  /** The kind of TEE configfs-tsm's {@code provider} attribute names, if Aether verifies it. */
  public static Optional<Evidence.Kind> kindOf(String provider) {
    return switch (provider) {
      case "sev_guest" -> Optional.of(Evidence.Kind.SEV_SNP);
      case "tdx_guest" -> Optional.of(Evidence.Kind.TDX);
      default -> Optional.empty();
    };
  }

  /**
   * The {@code provider} of the report interface at {@code root}: makes an entry, reads the
   * attribute, removes the entry. Fails when no TEE driver is registered or the interface cannot be
   * used (the kernel answers ENXIO; permission denied without root).
   */
  public static String provider(Path root) {
    return provider(new TsmFs(root));
  }

  static String provider(TsmFs fs) {
    String entry = mkdir(fs);
    try {
      return text(fs, entry, "provider");
    } catch (IOException e) {
      throw new MeshException.TeeUnavailable(
          "configfs-tsm at " + fs.root() + ": cannot read provider: " + reason(e), e);
    } finally {
      rmdir(fs, entry);
    }
  }

  @Override
  public Evidence.Kind kind() {
    return kind;
  }

  @Override
  public Attestation attest(byte[] reportData) {
    Quotes.requireReportData(reportData);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<Attestation> a = once(reportData);
      if (a.isPresent()) {
        return a.get();
      }
    }
    throw new MeshException.TeeFailed(
        "configfs-tsm at "
            + fs.root()
            + ": the report entry's generation changed while it was read, "
            + ATTEMPTS
            + " times: another process writes to this provider's report entries",
        null);
  }

  /** One request; empty when the generation shows a concurrent write. */
  private Optional<Attestation> once(byte[] reportData) {
    String entry = mkdir(fs);
    try {
      if (kind == Evidence.Kind.SEV_SNP && fs.exists(entry, "privlevel_floor")) {
        long floor = number(fs, entry, "privlevel_floor");
        if (floor > 0) {
          throw new MeshException.TeeUnavailable(
              "configfs-tsm: privlevel_floor is "
                  + floor
                  + ": this guest runs below VMPL 0 (under an SVSM) and cannot get the VMPL-0"
                  + " report the chain's policy requires",
              null);
        }
      }
      long before = number(fs, entry, "generation");
      fs.write(entry, "inblob", reportData);
      byte[] out = fs.read(entry, "outblob");
      byte[] aux = fs.exists(entry, "auxblob") ? fs.read(entry, "auxblob") : new byte[0];
      String provider = text(fs, entry, "provider");
      long after = number(fs, entry, "generation");
      if (after != before + 1) {
        return Optional.empty();
      }
      Evidence.Kind named =
          kindOf(provider)
              .orElseThrow(
                  () ->
                      new MeshException.TeeUnknownProvider(
                          "configfs-tsm provider '"
                              + provider
                              + "' is not a TEE Aether verifies (sev_guest, tdx_guest)"));
      if (named != kind) {
        throw new MeshException.TeeUnknownProvider(
            "configfs-tsm provider '"
                + provider
                + "' makes "
                + Quotes.name(named)
                + " evidence, but this provider attests with "
                + Quotes.name(kind));
      }
      Quotes.checked(kind, reportData, out, "configfs-tsm outblob");
      List<Bytes> collateral = new ArrayList<>();
      if (kind == Evidence.Kind.SEV_SNP) {
        collateral.addAll(SnpCertTable.certificates(aux));
      }
      collateral.addAll(extraCollateral);
      return Optional.of(new Attestation(Bytes.of(out), collateral));
    } catch (IOException e) {
      throw new MeshException.TeeFailed(
          "configfs-tsm at " + fs.root() + ": " + reason(e) + " (entry " + entry + ")", e);
    } finally {
      rmdir(fs, entry);
    }
  }

  /** A fresh entry under a random name, so no other requester shares it. */
  private static String mkdir(TsmFs fs) {
    for (int tries = 0; ; tries++) {
      String entry = "aether-" + UUID.randomUUID();
      try {
        fs.mkdir(entry);
        return entry;
      } catch (FileAlreadyExistsException e) {
        if (tries == 3) {
          throw new MeshException.TeeFailed("configfs-tsm: cannot make a fresh report entry", e);
        }
      } catch (IOException e) {
        throw new MeshException.TeeUnavailable(
            "configfs-tsm at " + fs.root() + ": cannot make a report entry: " + reason(e), e);
      }
    }
  }

  private static void rmdir(TsmFs fs, String entry) {
    try {
      fs.rmdir(entry);
    } catch (IOException e) {
      // The quote (or the error being reported) stands; a leftover entry only holds kernel memory
      // until the next reboot and never serves another request (each request makes its own).
    }
  }

  private static String text(TsmFs fs, String entry, String attr) throws IOException {
    return new String(fs.read(entry, attr), StandardCharsets.US_ASCII).strip();
  }

  private static long number(TsmFs fs, String entry, String attr) throws IOException {
    String t = text(fs, entry, attr);
    try {
      return Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new IOException(attr + " is not a number: '" + t + "'", e);
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
  }
}
