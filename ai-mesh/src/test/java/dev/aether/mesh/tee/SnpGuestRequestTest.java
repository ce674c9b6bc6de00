package dev.aether.mesh.tee;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aether.compute.proof.CollateralFiles;
import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code /dev/sev-guest} path without SEV-SNP hardware: the ioctl structures' layout and
 * encoding byte for byte against {@code include/uapi/linux/sev-guest.h}, the response decoded from
 * the real recorded report and a real certificate table, and the FFM downcalls themselves against
 * devices that are not SEV-SNP guests (the ioctl is refused with ENOTTY, a missing device with
 * ENOENT). What cannot run here is the ioctl succeeding: that needs an SEV-SNP guest.
 */
class SnpGuestRequestTest {

  private static ByteBuffer le(MemorySegment s) {
    return ByteBuffer.wrap(s.toArray(JAVA_BYTE)).order(ByteOrder.nativeOrder());
  }

  @Test
  void layoutsMatchTheKernelsStructs() {
    assertThat(SnpGuestRequest.REPORT_REQ.byteSize()).isEqualTo(96);
    assertThat(SnpGuestRequest.EXT_REPORT_REQ.byteSize()).isEqualTo(112);
    assertThat(
            SnpGuestRequest.EXT_REPORT_REQ.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("certs_address")))
        .isEqualTo(96);
    assertThat(
            SnpGuestRequest.EXT_REPORT_REQ.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("certs_len")))
        .isEqualTo(104);
    assertThat(SnpGuestRequest.REQUEST_IOCTL.byteSize()).isEqualTo(32);
    // _IOWR('S', 0x2, struct snp_guest_request_ioctl), as the C preprocessor computes it.
    assertThat(SnpGuestRequest.SNP_GET_EXT_REPORT).isEqualTo(0xC0205302L);
    assertThat(SnpGuestRequest.iowr('S', 0, 32)).isEqualTo(0xC0205300L); // SNP_GET_REPORT
  }

  @Test
  void theRequestCarriesTheReportDataVmplZeroAndTheBuffers() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ioctl = a.allocate(SnpGuestRequest.REQUEST_IOCTL);
      MemorySegment req = a.allocate(SnpGuestRequest.EXT_REPORT_REQ);
      MemorySegment resp = a.allocate(SnpGuestRequest.RESPONSE_SIZE, 4096);
      MemorySegment certs = a.allocate(SnpGuestRequest.CERTS_SIZE, 4096);
      req.fill((byte) 0x5a); // whatever was there before must not reach the kernel
      byte[] rd = Recorded.snpReportData();
      SnpGuestRequest.encode(ioctl, req, resp, certs, rd);
      ByteBuffer r = le(req);
      byte[] userData = new byte[64];
      r.get(0, userData);
      assertThat(userData).isEqualTo(rd);
      assertThat(r.getInt(64)).isZero(); // vmpl
      for (int i = 68; i < 96; i++) {
        assertThat(r.get(i)).as("rsvd byte %d", i).isZero();
      }
      assertThat(r.getLong(96)).isEqualTo(certs.address());
      assertThat(r.getInt(104)).isEqualTo(16 * 1024);
      ByteBuffer io = le(ioctl);
      assertThat(io.get(0)).isEqualTo((byte) 1); // msg_version
      assertThat(io.getLong(8)).isEqualTo(req.address());
      assertThat(io.getLong(16)).isEqualTo(resp.address());
      assertThat(io.getLong(24)).isZero();
    }
  }

  @Test
  void aResponseWithTheRecordedReportAndTableDecodesToEvidenceThatVerifies() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment resp = a.allocate(SnpGuestRequest.RESPONSE_SIZE, 4096);
      byte[] report = Recorded.snpReport();
      resp.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 0); // status
      resp.set(java.lang.foreign.ValueLayout.JAVA_INT, 4, report.length); // report_size
      MemorySegment.copy(report, 0, resp, JAVA_BYTE, 32, report.length);
      byte[] decoded = SnpGuestRequest.report(resp);
      assertThat(decoded).isEqualTo(report);

      MemorySegment certs = a.allocate(SnpGuestRequest.CERTS_SIZE, 4096);
      byte[] table = Recorded.milanTable();
      MemorySegment.copy(table, 0, certs, JAVA_BYTE, 0, table.length);
      List<Bytes> files = SnpCertTable.certificates(certs.toArray(JAVA_BYTE));
      Evidence e =
          Quotes.checked(Evidence.Kind.SEV_SNP, Recorded.snpReportData(), decoded, "response");
      Policy p =
          Policy.strict()
              .withAllowDebug(true)
              .withSnpGuest(new Policy.SnpGuestRules(false, true, false, 0))
              .withAllowedMeasurements(Set.of(HexFormat.of().formatHex(e.measurement())));
      Verdict v =
          new TeeVerifier()
              .verify(
                  decoded,
                  CollateralFiles.parse(files.stream().map(Bytes::toArray).toList()),
                  p,
                  Optional.of(Recorded.snpReportData()),
                  Recorded.SNP_AT);
      assertThat(v).isInstanceOf(Verdict.Valid.class);
    }
  }

  @Test
  void firmwareAndHostErrorsAreNamed() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment resp = a.allocate(SnpGuestRequest.RESPONSE_SIZE, 4096);
      resp.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 0x16);
      assertThatThrownBy(() -> SnpGuestRequest.report(resp))
          .isInstanceOf(MeshException.TeeFailed.class)
          .hasMessageContaining("0x16 (invalid parameter)");
      resp.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 0);
      resp.set(java.lang.foreign.ValueLayout.JAVA_INT, 4, 4000);
      assertThatThrownBy(() -> SnpGuestRequest.report(resp))
          .isInstanceOf(MeshException.TeeFailed.class)
          .hasMessageContaining("report_size 4000");

      MemorySegment ioctl = a.allocate(SnpGuestRequest.REQUEST_IOCTL);
      MemorySegment req = a.allocate(SnpGuestRequest.EXT_REPORT_REQ);
      SnpGuestRequest.encode(ioctl, req, resp, a.allocate(16384, 4096), new byte[64]);
      // The kernel reports a too-small certificate buffer as VMM error 1 and writes the size back.
      ioctl.set(java.lang.foreign.ValueLayout.JAVA_LONG, 24, 1L << 32);
      req.set(java.lang.foreign.ValueLayout.JAVA_INT, 104, 20480);
      assertThat(SnpGuestRequest.failure(ioctl, req)).contains("need 20480 bytes");
      ioctl.set(java.lang.foreign.ValueLayout.JAVA_LONG, 24, 0x27L);
      assertThat(SnpGuestRequest.failure(ioctl, req)).contains("firmware error 0x27");
    }
  }

  @Test
  void theDowncallsReachTheKernelAndItsRefusalIsReported() {
    assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
    byte[] rd = new byte[64];
    // /dev/null is no SEV-SNP guest: open succeeds, the ioctl is refused by the kernel.
    assertThatThrownBy(() -> new SevGuestAttester(Path.of("/dev/null"), List.of()).attest(rd))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("ioctl SNP_GET_EXT_REPORT failed")
        .hasMessageContaining("ENOTTY");
    assertThatThrownBy(
            () -> new SevGuestAttester(Path.of("/dev/no-such-sev-guest"), List.of()).attest(rd))
        .isInstanceOf(MeshException.TeeUnavailable.class)
        .hasMessageContaining("ENOENT");
  }
}
