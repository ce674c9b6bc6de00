package dev.aether.verifiers.tee;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * An Intel TDX DCAP quote, version 4 (Intel "TDX DCAP Quoting Library API", appendix A.3):
 *
 * <pre>
 * 0     header (48): version u16 = 4, attestation key type u16 = 2 (ECDSA-256-with-P-256),
 *       TEE type u32 = 0x81 (TDX), reserved (4), QE vendor id (16), user data (20)
 * 48    TD quote body (584): TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, SEAMATTRIBUTES, TDATTRIBUTES,
 *       XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR0..3, REPORTDATA (at 568)
 * 632   signature data length u32, then: quote signature (64, r||s), attestation key (64, x||y),
 *       certification data type u16 = 6, size u32, QE report certification data:
 *       QE report (384), QE report signature (64), QE auth data (u16 size + bytes),
 *       certification data type u16 = 5, size u32, PCK certificate chain (PEM)
 * </pre>
 *
 * <p>Every declared size must match the bytes it spans. Bytes after the signature data are not
 * covered by any signature; they are tolerated (real quotes from some stacks carry padding) and
 * reported as {@link #trailingBytes()}.
 */
public final class TdxQuote implements Evidence {

  /** TEE type of TDX quotes. */
  public static final long TEE_TYPE_TDX = 0x81;

  /** Header plus TD quote body: the bytes the attestation key signs. */
  public static final int SIGNED_END = 632;

  private static final int BODY = 48;
  private static final int QE_REPORT_SIZE = 384;
  private static final int SIG_SIZE = 64;
  private static final int AK_ECDSA_P256 = 2;
  private static final int CERT_QE_REPORT = 6;
  private static final int CERT_PCK_CHAIN = 5;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] raw;
  private final int qeReportOff;
  private final int authOff;
  private final int authLen;
  private final int pemOff;
  private final int pemLen;
  private final int end;

  private TdxQuote(
      final byte[] raw,
      final int qeReportOff,
      final int authOff,
      final int authLen,
      final int pemOff,
      final int pemLen,
      final int end) {
    this.raw = raw;
    this.qeReportOff = qeReportOff;
    this.authOff = authOff;
    this.authLen = authLen;
    this.pemOff = pemOff;
    this.pemLen = pemLen;
    this.end = end;
  }

  /**
   * Parses a quote.
   *
   * @throws TeeException a FORMAT reason for anything that is not a well-formed v4 ECDSA-P256 TDX
   *     quote with QE report certification data
   */
  public static TdxQuote parse(final byte[] b) throws TeeException {
    if (b.length > TeeVerifier.MAX_EVIDENCE_BYTES) {
      throw new TeeException(Reason.OVERSIZED, "TDX quote is larger than 64 KiB");
    }
    final int version = LittleEndian.u16(b, 0, "version");
    if (version != 4) {
      throw new TeeException(
          Reason.UNSUPPORTED_VERSION, "TDX quote version " + version + " not supported (4)");
    }
    final int akType = LittleEndian.u16(b, 2, "attestation key type");
    if (akType != AK_ECDSA_P256) {
      throw new TeeException(
          Reason.UNSUPPORTED_ALGORITHM,
          "attestation key type " + akType + " not supported (2 = ECDSA-256-with-P-256)");
    }
    if (LittleEndian.u32(b, 4, "TEE type") != TEE_TYPE_TDX) {
      throw new TeeException(Reason.UNKNOWN_FORMAT, "TEE type is not TDX (0x81)");
    }
    final long sigLen = LittleEndian.u32(b, SIGNED_END, "signature data length");
    final long sigEnd = SIGNED_END + 4L + sigLen;
    if (sigEnd > b.length) {
      throw new TeeException(
          Reason.TRUNCATED,
          "signature data declares "
              + sigLen
              + " bytes, only "
              + (b.length - SIGNED_END - 4)
              + " left");
    }
    int p = SIGNED_END + 4 + 2 * SIG_SIZE;
    final int certType = LittleEndian.u16(b, p, "certification data type");
    final long certSize = LittleEndian.u32(b, p + 2, "certification data size");
    p += 6;
    if (certType != CERT_QE_REPORT) {
      throw new TeeException(
          Reason.UNSUPPORTED_ALGORITHM,
          "certification data type " + certType + " not supported (6 = QE report)");
    }
    if (p + certSize != sigEnd) {
      throw new TeeException(
          Reason.MALFORMED,
          "certification data size 0x"
              + Long.toHexString(certSize)
              + " does not fill the signature data (0x"
              + Long.toHexString(sigEnd - p)
              + " bytes left)");
    }
    final int qeReportOff = p;
    p += QE_REPORT_SIZE + SIG_SIZE;
    final int authLen = LittleEndian.u16(b, p, "QE auth data size");
    final int authOff = p + 2;
    p = authOff + authLen;
    final int innerType = LittleEndian.u16(b, p, "PCK certification data type");
    final long innerSize = LittleEndian.u32(b, p + 2, "PCK certification data size");
    p += 6;
    if (innerType != CERT_PCK_CHAIN) {
      throw new TeeException(
          Reason.UNSUPPORTED_ALGORITHM,
          "PCK certification data type " + innerType + " not supported (5 = PEM chain)");
    }
    if (p + innerSize != sigEnd) {
      throw new TeeException(
          Reason.MALFORMED,
          "PCK chain size " + innerSize + " does not fill the QE report certification data");
    }
    return new TdxQuote(b.clone(), qeReportOff, authOff, authLen, p, (int) innerSize, (int) sigEnd);
  }

  private byte[] bytes(final int off, final int len) {
    return Arrays.copyOfRange(raw, off, off + len);
  }

  private long u64(final int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (raw[off + i] & 0xffL);
    }
    return v;
  }

  @Override
  public Kind kind() {
    return Kind.TDX;
  }

  /** The raw quote. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** Header and TD quote body: what the attestation key signs. */
  public byte[] signedPart() {
    return bytes(0, SIGNED_END);
  }

  /** Header: quote version. */
  public int version() {
    return (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
  }

  /** Header: QE vendor id (16 bytes; Intel's is 939a7233f79c4ca9940a0db3957f0607). */
  public byte[] qeVendorId() {
    return bytes(12, 16);
  }

  /** Header: user data (20 bytes; the first 16 are the platform instance id for Intel's QE). */
  public byte[] userData() {
    return bytes(28, 20);
  }

  /** TEE_TCB_SVN (16 bytes): the TDX module's and SEAM's security versions. */
  public byte[] teeTcbSvn() {
    return bytes(BODY, 16);
  }

  /** MRSEAM (48 bytes): measurement of the TDX module. */
  public byte[] mrSeam() {
    return bytes(BODY + 16, 48);
  }

  /** MRSIGNERSEAM (48 bytes): signer of the TDX module (zero for Intel's). */
  public byte[] mrSignerSeam() {
    return bytes(BODY + 64, 48);
  }

  /** SEAMATTRIBUTES (8 bytes). */
  public long seamAttributes() {
    return u64(BODY + 112);
  }

  /** TDATTRIBUTES (8 bytes): bit 0 DEBUG, bit 28 SEPT_VE_DISABLE, bit 30 PKS, bit 31 KL, ... */
  public long tdAttributes() {
    return u64(BODY + 120);
  }

  /** TDATTRIBUTES.DEBUG: the host can read and write the TD's state. */
  public boolean debug() {
    return (tdAttributes() & 1) == 1;
  }

  /** XFAM (8 bytes): the extended features the TD may use. */
  public long xfam() {
    return u64(BODY + 128);
  }

  @Override
  public byte[] measurement() {
    return mrTd();
  }

  /** MRTD (48 bytes): measurement of the TD's initial contents. */
  public byte[] mrTd() {
    return bytes(BODY + 136, 48);
  }

  /** MRCONFIGID (48 bytes). */
  public byte[] mrConfigId() {
    return bytes(BODY + 184, 48);
  }

  /** MROWNER (48 bytes). */
  public byte[] mrOwner() {
    return bytes(BODY + 232, 48);
  }

  /** MROWNERCONFIG (48 bytes). */
  public byte[] mrOwnerConfig() {
    return bytes(BODY + 280, 48);
  }

  /**
   * RTMR{@code i} (48 bytes): runtime measurement register.
   *
   * @param i 0..3
   */
  public byte[] rtmr(final int i) {
    if (i < 0 || i > 3) {
      throw new IllegalArgumentException("RTMR index 0..3, got " + i);
    }
    return bytes(BODY + 328 + 48 * i, 48);
  }

  @Override
  public byte[] reportData() {
    return bytes(BODY + 520, 64);
  }

  /** Quote signature (64 bytes, r||s big-endian) by the attestation key. */
  public byte[] quoteSignature() {
    return bytes(SIGNED_END + 4, SIG_SIZE);
  }

  /** Attestation public key (64 bytes, P-256 x||y). */
  public byte[] attestationKey() {
    return bytes(SIGNED_END + 4 + SIG_SIZE, SIG_SIZE);
  }

  /** The quoting enclave's SGX report body (384 bytes), signed by the PCK key. */
  public byte[] qeReport() {
    return bytes(qeReportOff, QE_REPORT_SIZE);
  }

  /** QE report: REPORTDATA (64 bytes), which binds the attestation key. */
  public byte[] qeReportData() {
    return bytes(qeReportOff + 320, 64);
  }

  /** QE report: MISCSELECT (4 bytes, report order). */
  public byte[] qeMiscSelect() {
    return bytes(qeReportOff + 16, 4);
  }

  /** QE report: ATTRIBUTES (16 bytes, report order). */
  public byte[] qeAttributes() {
    return bytes(qeReportOff + 48, 16);
  }

  /** QE report: MRSIGNER (32 bytes). */
  public byte[] qeMrSigner() {
    return bytes(qeReportOff + 128, 32);
  }

  /** QE report: ISVPRODID. */
  public int qeIsvProdId() {
    return (raw[qeReportOff + 256] & 0xff) | (raw[qeReportOff + 257] & 0xff) << 8;
  }

  /** QE report: ISVSVN. */
  public int qeIsvSvn() {
    return (raw[qeReportOff + 258] & 0xff) | (raw[qeReportOff + 259] & 0xff) << 8;
  }

  /** QE report signature (64 bytes, r||s big-endian) by the PCK key. */
  public byte[] qeReportSignature() {
    return bytes(qeReportOff + QE_REPORT_SIZE, SIG_SIZE);
  }

  /** QE authentication data. */
  public byte[] qeAuthData() {
    return bytes(authOff, authLen);
  }

  /** The PCK certificate chain, PEM, leaf first. */
  public byte[] pckChain() {
    return bytes(pemOff, pemLen);
  }

  /** Number of unsigned bytes after the signature data. */
  public int trailingBytes() {
    return raw.length - end;
  }

  @Override
  public SequencedMap<String, String> fields() {
    final SequencedMap<String, String> f = new LinkedHashMap<>();
    f.put("version", Integer.toString(version()));
    f.put("attestation_key_type", "2 (ECDSA-256-with-P-256)");
    f.put("tee_type", "0x81 (TDX)");
    f.put("qe_vendor_id", HEX.formatHex(qeVendorId()));
    f.put("user_data", HEX.formatHex(userData()));
    f.put("tee_tcb_svn", HEX.formatHex(teeTcbSvn()));
    f.put("mr_seam", HEX.formatHex(mrSeam()));
    f.put("mr_signer_seam", HEX.formatHex(mrSignerSeam()));
    f.put("seam_attributes", String.format("0x%016x", seamAttributes()));
    f.put("td_attributes", String.format("0x%016x", tdAttributes()));
    f.put("td_debug", Boolean.toString(debug()));
    f.put("xfam", String.format("0x%016x", xfam()));
    f.put("mr_td", HEX.formatHex(mrTd()));
    f.put("mr_config_id", HEX.formatHex(mrConfigId()));
    f.put("mr_owner", HEX.formatHex(mrOwner()));
    f.put("mr_owner_config", HEX.formatHex(mrOwnerConfig()));
    for (int i = 0; i < 4; i++) {
      f.put("rtmr" + i, HEX.formatHex(rtmr(i)));
    }
    f.put("report_data", HEX.formatHex(reportData()));
    f.put("quote_signature", HEX.formatHex(quoteSignature()));
    f.put("attestation_key", HEX.formatHex(attestationKey()));
    f.put("qe_report_mrsigner", HEX.formatHex(qeMrSigner()));
    f.put("qe_report_isvprodid", Integer.toString(qeIsvProdId()));
    f.put("qe_report_isvsvn", Integer.toString(qeIsvSvn()));
    f.put("qe_report_data", HEX.formatHex(qeReportData()));
    f.put("qe_report_signature", HEX.formatHex(qeReportSignature()));
    f.put("qe_auth_data", HEX.formatHex(qeAuthData()));
    f.put("pck_chain_bytes", Integer.toString(pemLen));
    f.put("trailing_bytes", Integer.toString(trailingBytes()));
    return f;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof TdxQuote other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "TdxQuote[v4, mrtd=" + HEX.formatHex(mrTd()) + "]";
  }
}
