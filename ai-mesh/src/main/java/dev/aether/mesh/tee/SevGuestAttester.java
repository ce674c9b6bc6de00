package dev.aether.mesh.tee;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.aether.mesh.Attestation;
import dev.aether.mesh.Attester;
import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Evidence;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SEV-SNP attestation through {@code /dev/sev-guest}'s {@code SNP_GET_EXT_REPORT} ioctl — the
 * interface of kernels before configfs-tsm (6.7) and the fallback where configfs is not mounted.
 * The ioctl is made through FFM ({@link Libc}); its structures are {@link SnpGuestRequest}'s. The
 * report is requested at VMPL 0 with a 16 KiB certificate buffer, which the host fills with its
 * certificate table ({@link SnpCertTable}: VCEK or VLEK, ASK, ARK) when it has one.
 *
 * <p>As with {@link ConfigfsTsmAttester}, the report must carry exactly the REPORT_DATA asked for,
 * and the operator's extra certificate files join every quote's collateral.
 */
public final class SevGuestAttester implements Attester {
  /** The SEV-SNP guest driver's device. */
  public static final Path DEFAULT_DEVICE = Path.of("/dev/sev-guest");

  private final Path device;
  private final List<Bytes> extraCollateral;
  private Libc libc;

  /**
   * @param device the guest device ({@link #DEFAULT_DEVICE})
   * @param extraCollateral certificate files added to every quote's collateral (the VCEK where the
   *     host supplies no certificate table)
   */
  public SevGuestAttester(Path device, List<Bytes> extraCollateral) {
    this.device = device;
    this.extraCollateral = List.copyOf(extraCollateral);
  }

  @Override
  public Evidence.Kind kind() {
    return Evidence.Kind.SEV_SNP;
  }

  @Override
  public Attestation attest(byte[] reportData) {
    Quotes.requireReportData(reportData);
    Libc c = libc();
    byte[] report;
    byte[] table;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ioctl = arena.allocate(SnpGuestRequest.REQUEST_IOCTL);
      MemorySegment req = arena.allocate(SnpGuestRequest.EXT_REPORT_REQ);
      MemorySegment resp = arena.allocate(SnpGuestRequest.RESPONSE_SIZE, 4096);
      MemorySegment certs = arena.allocate(SnpGuestRequest.CERTS_SIZE, 4096);
      SnpGuestRequest.encode(ioctl, req, resp, certs, reportData);
      int fd;
      try {
        fd = c.open(device.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
      } catch (Libc.Failure f) {
        throw new MeshException.TeeUnavailable(device + ": " + f.getMessage(), f);
      }
      try {
        c.ioctl(fd, SnpGuestRequest.SNP_GET_EXT_REPORT, ioctl, "SNP_GET_EXT_REPORT");
      } catch (Libc.Failure f) {
        String why =
            SnpGuestRequest.exitInfo2(ioctl) != 0 ? ": " + SnpGuestRequest.failure(ioctl, req) : "";
        throw new MeshException.TeeFailed(device + ": " + f.getMessage() + why, f);
      } finally {
        c.close(fd);
      }
      report = SnpGuestRequest.report(resp);
      table = certs.toArray(JAVA_BYTE);
    }
    Quotes.checked(Evidence.Kind.SEV_SNP, reportData, report, "SNP_GET_EXT_REPORT's report");
    List<Bytes> collateral = new ArrayList<>(SnpCertTable.certificates(table));
    collateral.addAll(extraCollateral);
    return new Attestation(Bytes.of(report), collateral);
  }

  private synchronized Libc libc() {
    if (libc == null) {
      try {
        libc = new Libc();
      } catch (RuntimeException e) {
        throw new MeshException.TeeUnavailable(
            "cannot call libc through FFM on this platform: " + e.getMessage(), e);
      }
    }
    return libc;
  }
}
