package dev.aether.verifiers.tee;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * An AMD SEV-SNP ATTESTATION_REPORT (SEV-SNP ABI spec 56860, table "ATTESTATION_REPORT Structure"):
 * 1184 bytes, little-endian, signed over bytes 0x000 to 0x29F by the VCEK or VLEK with ECDSA
 * P-384/SHA-384.
 *
 * <p>Versions 2, 3 and 5 are accepted (4 was never issued with a different layout and is treated
 * like 3). Version 3 adds the CPUID family/model/stepping bytes at 0x188; version 5 adds the launch
 * and current mitigation vectors at 0x1F8 and 0x200. Fields absent in a version are {@link
 * Optional#empty()}.
 */
public final class SnpReport implements Evidence {

  /** Size of every report version. */
  public static final int SIZE = 0x4A0;

  /** End (exclusive) of the signed part; the signature starts here. */
  public static final int SIGNED_END = 0x2A0;

  /** SIGNATURE_ALGO value for ECDSA P-384 with SHA-384, the only one defined. */
  public static final int ALGO_ECDSA_P384_SHA384 = 1;

  /** Which key signed the report: the chip-unique VCEK, the cloud-provider VLEK, or none. */
  public enum SigningKey {
    /** Versioned Chip Endorsement Key (per chip and TCB). */
    VCEK,
    /** Versioned Loaded Endorsement Key (per cloud provider). */
    VLEK,
    /** The report is unsigned. */
    NONE
  }

  private static final int R_S_LEN = 72;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] raw;

  private SnpReport(final byte[] raw) {
    this.raw = raw;
  }

  /**
   * Parses a report.
   *
   * @param bytes exactly {@link #SIZE} bytes
   * @throws TeeException TRUNCATED/OVERSIZED for a wrong length, UNSUPPORTED_VERSION for an unknown
   *     version, MALFORMED when a reserved field that must be zero is not
   */
  public static SnpReport parse(final byte[] bytes) throws TeeException {
    if (bytes.length < SIZE) {
      throw new TeeException(
          Reason.TRUNCATED, "SEV-SNP report is " + bytes.length + " bytes, expected " + SIZE);
    }
    if (bytes.length > SIZE) {
      throw new TeeException(
          Reason.OVERSIZED, "SEV-SNP report is " + bytes.length + " bytes, expected " + SIZE);
    }
    final long version = LittleEndian.u32(bytes, 0x00, "VERSION");
    if (version < 2 || version > 5) {
      throw new TeeException(
          Reason.UNSUPPORTED_VERSION,
          "SEV-SNP report version " + version + " not supported (2..5)");
    }
    final int keySel = (int) (LittleEndian.u32(bytes, 0x48, "KEY_INFO") >>> 2) & 0x7;
    if (keySel != 0 && keySel != 1 && keySel != 7) {
      throw new TeeException(Reason.MALFORMED, "SEV-SNP SIGNING_KEY value " + keySel + " reserved");
    }
    // The signature field is r (72 bytes), s (72 bytes), then reserved space that must be zero:
    // an unsigned tail would otherwise let two different byte strings carry one verdict.
    final int tail = SIGNED_END + 2 * R_S_LEN;
    if (!LittleEndian.allZero(bytes, tail, SIZE - tail)) {
      throw new TeeException(Reason.MALFORMED, "SEV-SNP signature reserved bytes are not zero");
    }
    return new SnpReport(bytes.clone());
  }

  @Override
  public Kind kind() {
    return Kind.SEV_SNP;
  }

  /** The raw report bytes. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** The signed part, bytes 0x000 to 0x29F. */
  public byte[] signedPart() {
    return Arrays.copyOf(raw, SIGNED_END);
  }

  private long u32(final int off) {
    return (raw[off] & 0xffL)
        | (raw[off + 1] & 0xffL) << 8
        | (raw[off + 2] & 0xffL) << 16
        | (raw[off + 3] & 0xffL) << 24;
  }

  private long u64(final int off) {
    return u32(off) | u32(off + 4) << 32;
  }

  private byte[] bytes(final int off, final int len) {
    return Arrays.copyOfRange(raw, off, off + len);
  }

  /** VERSION (0x00). */
  public int version() {
    return (int) u32(0x00);
  }

  /** GUEST_SVN (0x04). */
  public long guestSvn() {
    return u32(0x04);
  }

  /** POLICY (0x08): the guest policy the hypervisor launched the guest with. */
  public long policy() {
    return u64(0x08);
  }

  /** POLICY bit 19: the guest can be debugged by the hypervisor. */
  public boolean debugAllowed() {
    return (policy() >>> 19 & 1) == 1;
  }

  /** POLICY bit 18: a migration agent may be associated. */
  public boolean migrateMaAllowed() {
    return (policy() >>> 18 & 1) == 1;
  }

  /** POLICY bit 16: SMT may be enabled on the host. */
  public boolean smtAllowed() {
    return (policy() >>> 16 & 1) == 1;
  }

  /** POLICY bit 20: the guest may be activated on one socket only. */
  public boolean singleSocket() {
    return (policy() >>> 20 & 1) == 1;
  }

  /** FAMILY_ID (0x10, 16 bytes), from the ID block. */
  public byte[] familyId() {
    return bytes(0x10, 16);
  }

  /** IMAGE_ID (0x20, 16 bytes), from the ID block. */
  public byte[] imageId() {
    return bytes(0x20, 16);
  }

  /** VMPL (0x30) the report was requested from. */
  public long vmpl() {
    return u32(0x30);
  }

  /** SIGNATURE_ALGO (0x34); 1 = ECDSA P-384 with SHA-384. */
  public long signatureAlgo() {
    return u32(0x34);
  }

  /** CURRENT_TCB (0x38), raw. */
  public long currentTcbRaw() {
    return u64(0x38);
  }

  /** PLATFORM_INFO (0x40): SMT_EN bit 0, TSME_EN bit 1, ECC_EN bit 2, ... */
  public long platformInfo() {
    return u64(0x40);
  }

  /** Bit 0 of 0x48: the ID block was signed by an author key. */
  public boolean authorKeyEn() {
    return (u32(0x48) & 1) == 1;
  }

  /** Bit 1 of 0x48: CHIP_ID is masked (all zero) at the guest's request. */
  public boolean maskChipId() {
    return (u32(0x48) >>> 1 & 1) == 1;
  }

  /** Bits 4:2 of 0x48: which key signed the report. */
  public SigningKey signingKey() {
    return switch ((int) (u32(0x48) >>> 2) & 7) {
      case 0 -> SigningKey.VCEK;
      case 1 -> SigningKey.VLEK;
      default -> SigningKey.NONE;
    };
  }

  @Override
  public byte[] reportData() {
    return bytes(0x50, 64);
  }

  @Override
  public byte[] measurement() {
    return bytes(0x90, 48);
  }

  /** HOST_DATA (0xC0, 32 bytes), set by the hypervisor at launch. */
  public byte[] hostData() {
    return bytes(0xC0, 32);
  }

  /** ID_KEY_DIGEST (0xE0, 48 bytes): SHA-384 of the ID block's signing key. */
  public byte[] idKeyDigest() {
    return bytes(0xE0, 48);
  }

  /** AUTHOR_KEY_DIGEST (0x110, 48 bytes). */
  public byte[] authorKeyDigest() {
    return bytes(0x110, 48);
  }

  /** REPORT_ID (0x140, 32 bytes). */
  public byte[] reportId() {
    return bytes(0x140, 32);
  }

  /** REPORT_ID_MA (0x160, 32 bytes): the migration agent's report id. */
  public byte[] reportIdMa() {
    return bytes(0x160, 32);
  }

  /** REPORTED_TCB (0x180), raw: the TCB the VCEK that signed this report was derived from. */
  public long reportedTcbRaw() {
    return u64(0x180);
  }

  /** CPUID_FAM_ID (0x188), version 3 and later. */
  public Optional<Integer> cpuidFamily() {
    return version() >= 3 ? Optional.of(raw[0x188] & 0xff) : Optional.empty();
  }

  /** CPUID_MOD_ID (0x189), version 3 and later. */
  public Optional<Integer> cpuidModel() {
    return version() >= 3 ? Optional.of(raw[0x189] & 0xff) : Optional.empty();
  }

  /** CPUID_STEP (0x18A), version 3 and later. */
  public Optional<Integer> cpuidStepping() {
    return version() >= 3 ? Optional.of(raw[0x18A] & 0xff) : Optional.empty();
  }

  /** The product named by the CPUID fields, or UNKNOWN for version 2 reports. */
  public SnpProduct productFromCpuid() {
    return version() >= 3
        ? SnpProduct.fromCpuid(raw[0x188] & 0xff, raw[0x189] & 0xff)
        : SnpProduct.UNKNOWN;
  }

  /** CHIP_ID (0x1A0, 64 bytes): the chip's unique id, or zeros when masked. */
  public byte[] chipId() {
    return bytes(0x1A0, 64);
  }

  /** COMMITTED_TCB (0x1E0), raw. */
  public long committedTcbRaw() {
    return u64(0x1E0);
  }

  /** CURRENT_BUILD, CURRENT_MINOR, CURRENT_MAJOR (0x1E8..0x1EA) as "major.minor.build". */
  public String currentFirmware() {
    return (raw[0x1EA] & 0xff) + "." + (raw[0x1E9] & 0xff) + "." + (raw[0x1E8] & 0xff);
  }

  /** COMMITTED_BUILD, COMMITTED_MINOR, COMMITTED_MAJOR (0x1EC..0x1EE) as "major.minor.build". */
  public String committedFirmware() {
    return (raw[0x1EE] & 0xff) + "." + (raw[0x1ED] & 0xff) + "." + (raw[0x1EC] & 0xff);
  }

  /** LAUNCH_TCB (0x1F0), raw: the TCB at the time the guest was launched or imported. */
  public long launchTcbRaw() {
    return u64(0x1F0);
  }

  /** LAUNCH_MIT_VECTOR (0x1F8), version 5 and later. */
  public Optional<Long> launchMitVector() {
    return version() >= 5 ? Optional.of(u64(0x1F8)) : Optional.empty();
  }

  /** CURRENT_MIT_VECTOR (0x200), version 5 and later. */
  public Optional<Long> currentMitVector() {
    return version() >= 5 ? Optional.of(u64(0x200)) : Optional.empty();
  }

  /** Signature R as a big-endian 72-byte integer (stored little-endian at 0x2A0). */
  public byte[] signatureR() {
    return LittleEndian.reversed(bytes(SIGNED_END, R_S_LEN));
  }

  /** Signature S as a big-endian 72-byte integer (stored little-endian at 0x2E8). */
  public byte[] signatureS() {
    return LittleEndian.reversed(bytes(SIGNED_END + R_S_LEN, R_S_LEN));
  }

  @Override
  public SequencedMap<String, String> fields() {
    final SnpProduct product = productFromCpuid();
    final SequencedMap<String, String> f = new LinkedHashMap<>();
    f.put("version", Integer.toString(version()));
    f.put("guest_svn", Long.toString(guestSvn()));
    f.put("policy", "0x" + Long.toHexString(policy()));
    f.put("policy_debug", Boolean.toString(debugAllowed()));
    f.put("family_id", HEX.formatHex(familyId()));
    f.put("image_id", HEX.formatHex(imageId()));
    f.put("vmpl", Long.toString(vmpl()));
    f.put("signature_algo", Long.toString(signatureAlgo()));
    f.put("current_tcb", SnpTcb.decode(currentTcbRaw(), product).toString());
    f.put("platform_info", "0x" + Long.toHexString(platformInfo()));
    f.put("author_key_en", Boolean.toString(authorKeyEn()));
    f.put("mask_chip_id", Boolean.toString(maskChipId()));
    f.put("signing_key", signingKey().name());
    f.put("report_data", HEX.formatHex(reportData()));
    f.put("measurement", HEX.formatHex(measurement()));
    f.put("host_data", HEX.formatHex(hostData()));
    f.put("id_key_digest", HEX.formatHex(idKeyDigest()));
    f.put("author_key_digest", HEX.formatHex(authorKeyDigest()));
    f.put("report_id", HEX.formatHex(reportId()));
    f.put("report_id_ma", HEX.formatHex(reportIdMa()));
    f.put("reported_tcb", SnpTcb.decode(reportedTcbRaw(), product).toString());
    cpuidFamily().ifPresent(v -> f.put("cpuid_fam_id", "0x" + Integer.toHexString(v)));
    cpuidModel().ifPresent(v -> f.put("cpuid_mod_id", "0x" + Integer.toHexString(v)));
    cpuidStepping().ifPresent(v -> f.put("cpuid_step", "0x" + Integer.toHexString(v)));
    f.put("chip_id", HEX.formatHex(chipId()));
    f.put("committed_tcb", SnpTcb.decode(committedTcbRaw(), product).toString());
    f.put("current_firmware", currentFirmware());
    f.put("committed_firmware", committedFirmware());
    f.put("launch_tcb", SnpTcb.decode(launchTcbRaw(), product).toString());
    launchMitVector().ifPresent(v -> f.put("launch_mit_vector", "0x" + Long.toHexString(v)));
    currentMitVector().ifPresent(v -> f.put("current_mit_vector", "0x" + Long.toHexString(v)));
    f.put("signature_r", HEX.formatHex(signatureR()));
    f.put("signature_s", HEX.formatHex(signatureS()));
    return f;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof SnpReport other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "SnpReport[v" + version() + ", measurement=" + HEX.formatHex(measurement()) + "]";
  }
}
