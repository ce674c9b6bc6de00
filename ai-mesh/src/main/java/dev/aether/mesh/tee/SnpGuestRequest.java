package dev.aether.mesh.tee;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.aether.mesh.MeshException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The {@code SNP_GET_EXT_REPORT} ioctl's structures ({@code include/uapi/linux/sev-guest.h}) as FFM
 * layouts, and their encoding and decoding — pure, so the layouts are tested without the device:
 *
 * <pre>
 * struct snp_report_req          { u8 user_data[64]; u32 vmpl; u8 rsvd[28]; }            96 bytes
 * struct snp_ext_report_req      { struct snp_report_req data; u64 certs_address;
 *                                  u32 certs_len; }                        112 bytes (4 padding)
 * struct snp_report_resp         { u8 data[4000]; }   = { u32 status; u32 report_size;
 *                                                         u8 rsvd[24]; u8 report[]; }
 * struct snp_guest_request_ioctl { u8 msg_version; u64 req_data; u64 resp_data;
 *                                  u64 exitinfo2 (fw_error low, vmm_error high); } 32 bytes
 * SNP_GET_EXT_REPORT = _IOWR('S', 0x2, struct snp_guest_request_ioctl) = 0xC0205302
 * </pre>
 *
 * Integers are in the machine's byte order (the kernel's), which is what FFM's {@code JAVA_INT} and
 * {@code JAVA_LONG} use.
 */
final class SnpGuestRequest {
  static final StructLayout REPORT_REQ =
      MemoryLayout.structLayout(
              MemoryLayout.sequenceLayout(64, JAVA_BYTE).withName("user_data"),
              JAVA_INT.withName("vmpl"),
              MemoryLayout.sequenceLayout(28, JAVA_BYTE).withName("rsvd"))
          .withName("snp_report_req");

  static final StructLayout EXT_REPORT_REQ =
      MemoryLayout.structLayout(
              REPORT_REQ.withName("data"),
              JAVA_LONG.withName("certs_address"),
              JAVA_INT.withName("certs_len"),
              MemoryLayout.paddingLayout(4))
          .withName("snp_ext_report_req");

  static final StructLayout REQUEST_IOCTL =
      MemoryLayout.structLayout(
              JAVA_BYTE.withName("msg_version"),
              MemoryLayout.paddingLayout(7),
              JAVA_LONG.withName("req_data"),
              JAVA_LONG.withName("resp_data"),
              JAVA_LONG.withName("exitinfo2"))
          .withName("snp_guest_request_ioctl");

  /** {@code struct snp_report_resp}. */
  static final long RESPONSE_SIZE = 4000;

  /** The response header before the report: status, report_size, 24 reserved bytes. */
  static final long RESPONSE_HEADER = 32;

  /**
   * The certificate buffer: the kernel's maximum (SEV_FW_BLOB_MAX_SIZE), a multiple of the page
   * size as it requires — no second round trip for a larger one.
   */
  static final int CERTS_SIZE = 16 * 1024;

  /** {@code _IOWR('S', 0x2, struct snp_guest_request_ioctl)}. */
  static final long SNP_GET_EXT_REPORT = iowr('S', 2, REQUEST_IOCTL.byteSize());

  /** VMM error: the certificate buffer is too small (certs_len then says how large it must be). */
  static final int VMM_ERR_INVALID_LEN = 1;

  /** VMM error: the host is busy. */
  static final int VMM_ERR_BUSY = 2;

  private static final VarHandle VMPL = handle(EXT_REPORT_REQ, "data", "vmpl");
  private static final VarHandle CERTS_ADDRESS = handle(EXT_REPORT_REQ, "certs_address");
  private static final VarHandle CERTS_LEN = handle(EXT_REPORT_REQ, "certs_len");
  private static final VarHandle MSG_VERSION = handle(REQUEST_IOCTL, "msg_version");
  private static final VarHandle REQ_DATA = handle(REQUEST_IOCTL, "req_data");
  private static final VarHandle RESP_DATA = handle(REQUEST_IOCTL, "resp_data");
  private static final VarHandle EXITINFO2 = handle(REQUEST_IOCTL, "exitinfo2");
  private static final long USER_DATA =
      EXT_REPORT_REQ.byteOffset(
          PathElement.groupElement("data"), PathElement.groupElement("user_data"));

  private SnpGuestRequest() {}

  /** Linux's {@code _IOWR(type, nr, size)}: read-write direction (3) in bits 30..31. */
  static long iowr(char type, int nr, long size) {
    return (3L << 30) | (size << 16) | ((long) type << 8) | nr;
  }

  /**
   * Fills {@code ioctl} and {@code req} for an extended report at VMPL 0 over {@code reportData},
   * the response to go to {@code resp} and the certificate table to {@code certs}.
   */
  static void encode(
      MemorySegment ioctl,
      MemorySegment req,
      MemorySegment resp,
      MemorySegment certs,
      byte[] reportData) {
    Quotes.requireReportData(reportData);
    req.fill((byte) 0);
    MemorySegment.copy(reportData, 0, req, JAVA_BYTE, USER_DATA, reportData.length);
    VMPL.set(req, 0L, 0);
    CERTS_ADDRESS.set(req, 0L, certs.address());
    CERTS_LEN.set(req, 0L, (int) certs.byteSize());
    ioctl.fill((byte) 0);
    MSG_VERSION.set(ioctl, 0L, (byte) 1);
    REQ_DATA.set(ioctl, 0L, req.address());
    RESP_DATA.set(ioctl, 0L, resp.address());
  }

  /** The ioctl's {@code exitinfo2}: firmware error in the low 32 bits, VMM error in the high. */
  static long exitInfo2(MemorySegment ioctl) {
    return (long) EXITINFO2.get(ioctl, 0L);
  }

  /**
   * The {@code certs_len} the kernel wrote back (the size needed when the buffer was too small).
   */
  static int certsLen(MemorySegment req) {
    return (int) CERTS_LEN.get(req, 0L);
  }

  /** Why a failed ioctl failed, from {@code exitinfo2} and the request's {@code certs_len}. */
  static String failure(MemorySegment ioctl, MemorySegment req) {
    long info = exitInfo2(ioctl);
    int vmm = (int) (info >>> 32);
    int fw = (int) info;
    if (vmm == VMM_ERR_INVALID_LEN) {
      return "the host's certificates need "
          + Integer.toUnsignedString(certsLen(req))
          + " bytes, more than the kernel's "
          + CERTS_SIZE;
    }
    if (vmm == VMM_ERR_BUSY) {
      return "the host is busy (VMM error 2)";
    }
    return "firmware error 0x"
        + Integer.toHexString(fw)
        + ", VMM error 0x"
        + Integer.toHexString(vmm);
  }

  /** The report in a successful response, after checking its header. */
  static byte[] report(MemorySegment resp) {
    int status = resp.get(JAVA_INT_UNALIGNED, 0);
    long size = Integer.toUnsignedLong(resp.get(JAVA_INT_UNALIGNED, 4));
    if (status != 0) {
      throw new MeshException.TeeFailed(
          "SNP_GET_EXT_REPORT: firmware status 0x"
              + Integer.toHexString(status)
              + statusName(status),
          null);
    }
    if (size == 0 || size > RESPONSE_SIZE - RESPONSE_HEADER) {
      throw new MeshException.TeeFailed(
          "SNP_GET_EXT_REPORT: report_size " + size + " does not fit the response", null);
    }
    return resp.asSlice(RESPONSE_HEADER, size).toArray(JAVA_BYTE);
  }

  private static String statusName(int status) {
    return switch (status) {
      case 0x16 -> " (invalid parameter)";
      case 0x27 -> " (invalid key selection)";
      default -> "";
    };
  }

  private static VarHandle handle(StructLayout layout, String... path) {
    PathElement[] p = new PathElement[path.length];
    for (int i = 0; i < path.length; i++) {
      p[i] = PathElement.groupElement(path[i]);
    }
    return layout.varHandle(p);
  }
}
