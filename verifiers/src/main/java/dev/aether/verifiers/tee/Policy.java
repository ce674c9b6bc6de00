package dev.aether.verifiers.tee;

import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the caller demands of attested guests beyond a valid signature chain.
 *
 * <p>Start from {@link #strict()} (the production default) and relax with the {@code with...}
 * methods. Byte values (measurements, keys) are lower-case hex strings; an empty allow-list means
 * "any value".
 *
 * @param allowDebug accept guests that the host can debug (SEV-SNP POLICY.DEBUG, TDX
 *     TDATTRIBUTES.DEBUG)
 * @param allowedMeasurements allow-list of launch measurements (SEV-SNP MEASUREMENT, TDX MRTD, dev
 *     quote measurement); empty = any
 * @param maxVmpl SEV-SNP: the highest (least privileged) VMPL a report may come from, 0..3
 * @param minSnpTcb SEV-SNP: the lowest REPORTED_TCB accepted, component-wise
 * @param minTdxTeeTcbSvn TDX: the lowest TEE_TCB_SVN accepted (16 bytes, hex), byte-wise
 * @param allowedRtmrs TDX: per RTMR 0..3 an allow-list; empty sets = any
 * @param allowDevAttestations accept development quotes (devnet only)
 * @param trustedDevKeys Ed25519 public keys (32 bytes, hex) whose development quotes are accepted;
 *     must name at least one key when development quotes are allowed (there is no "any key")
 * @param acceptedTcbStatuses TDX: the TCB statuses (of the platform level and of the quoting
 *     enclave) accepted when TCB info / QE identity collateral is evaluated
 * @param snpGuest SEV-SNP: the guest POLICY bits and minimum GUEST_SVN a deployment needs
 * @param requireTdxCollateral TDX: both TCB info and QE identity collateral must be supplied (and
 *     are then evaluated); when false, whatever is supplied is evaluated and the verdict's checks
 *     say plainly what was not
 */
public record Policy(
    boolean allowDebug,
    SortedSet<String> allowedMeasurements,
    int maxVmpl,
    Optional<SnpTcb> minSnpTcb,
    Optional<String> minTdxTeeTcbSvn,
    List<SortedSet<String>> allowedRtmrs,
    boolean allowDevAttestations,
    SortedSet<String> trustedDevKeys,
    SortedSet<String> acceptedTcbStatuses,
    SnpGuestRules snpGuest,
    boolean requireTdxCollateral) {

  /**
   * SEV-SNP guest POLICY bits (ABI spec 56860, "Guest Policy") and GUEST_SVN that the verifier
   * enforces. The defaults of {@link Policy#strict()} refuse what weakens isolation: a migration
   * agent (it can read guest memory) and SMT (sibling-thread side channels).
   *
   * @param allowMigrationAgent accept POLICY.MIGRATE_MA (bit 18) = 1
   * @param allowSmt accept POLICY.SMT (bit 16) = 1 and PLATFORM_INFO.SMT_EN (bit 0) = 1; when
   *     false, both must be 0 (SMT neither permitted to the guest nor enabled on the host)
   * @param requireSingleSocket demand POLICY.SINGLE_SOCKET (bit 20) = 1
   * @param minGuestSvn the lowest GUEST_SVN accepted (the guest image's security version)
   */
  public record SnpGuestRules(
      boolean allowMigrationAgent,
      boolean allowSmt,
      boolean requireSingleSocket,
      long minGuestSvn) {

    /** Checks the range of the minimum (GUEST_SVN is a u32). */
    public SnpGuestRules {
      if (minGuestSvn < 0 || minGuestSvn > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("minGuestSvn must be a u32, got " + minGuestSvn);
      }
    }

    /** No migration agent, no SMT, any socket count, any GUEST_SVN. */
    public static SnpGuestRules strict() {
      return new SnpGuestRules(false, false, false, 0);
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  /** Normalises hex to lower case and freezes the collections. */
  public Policy {
    if (maxVmpl < 0 || maxVmpl > 3) {
      throw new IllegalArgumentException("maxVmpl must be 0..3, got " + maxVmpl);
    }
    allowedMeasurements = hexSet(allowedMeasurements);
    if (allowedRtmrs.size() != 4) {
      throw new IllegalArgumentException("allowedRtmrs needs 4 entries (RTMR0..3)");
    }
    allowedRtmrs = allowedRtmrs.stream().map(Policy::hexSet).toList();
    trustedDevKeys = hexSet(trustedDevKeys);
    if (allowDevAttestations && trustedDevKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "development quotes allowed but no development key named: list the keys to trust");
    }
    for (final String k : trustedDevKeys) {
      if (k.length() != 64) {
        throw new IllegalArgumentException("development key must be 32 bytes of hex: " + k);
      }
    }
    java.util.Objects.requireNonNull(snpGuest, "snpGuest");
    acceptedTcbStatuses = Collections.unmodifiableSortedSet(new TreeSet<>(acceptedTcbStatuses));
    minTdxTeeTcbSvn = minTdxTeeTcbSvn.map(Policy::hex);
    minTdxTeeTcbSvn.ifPresent(
        v -> {
          if (v.length() != 32) {
            throw new IllegalArgumentException("minTdxTeeTcbSvn must be 16 bytes of hex");
          }
        });
  }

  /**
   * The production default: no debug guests, VMPL 0 only, any measurement, no minimum TCB, no
   * development quotes (and no development key trusted); SEV-SNP guests without a migration agent
   * or SMT; TDX quotes only with TCB info and QE identity collateral, whose status must be
   * "UpToDate".
   */
  public static Policy strict() {
    final SortedSet<String> none = new TreeSet<>();
    return new Policy(
        false,
        none,
        0,
        Optional.empty(),
        Optional.empty(),
        List.of(none, none, none, none),
        false,
        none,
        new TreeSet<>(Set.of("UpToDate")),
        SnpGuestRules.strict(),
        true);
  }

  /** A copy that accepts (or not) debuggable guests. */
  public Policy withAllowDebug(final boolean allow) {
    return new Policy(
        allow,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with this measurement allow-list (hex). */
  public Policy withAllowedMeasurements(final Set<String> measurements) {
    return new Policy(
        allowDebug,
        new TreeSet<>(measurements),
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with this maximum VMPL. */
  public Policy withMaxVmpl(final int vmpl) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        vmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with this minimum SEV-SNP TCB. */
  public Policy withMinSnpTcb(final SnpTcb min) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        Optional.of(min),
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with this minimum TDX TEE_TCB_SVN (16 bytes, hex). */
  public Policy withMinTdxTeeTcbSvn(final String teeTcbSvnHex) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        Optional.of(teeTcbSvnHex),
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with an allow-list for RTMR {@code index} (0..3). */
  public Policy withAllowedRtmr(final int index, final Set<String> values) {
    final java.util.ArrayList<SortedSet<String>> r = new java.util.ArrayList<>(allowedRtmrs);
    r.set(index, new TreeSet<>(values));
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        r,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /**
   * A copy that accepts development quotes from exactly the given Ed25519 keys (hex), or none.
   * Allowing them requires naming at least one key. Only a devnet's chain config may set this.
   */
  public Policy withDevAttestations(final boolean allow, final Set<String> keys) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allow,
        new TreeSet<>(keys),
        acceptedTcbStatuses,
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy accepting these TDX TCB statuses (e.g. "UpToDate", "SWHardeningNeeded"). */
  public Policy withAcceptedTcbStatuses(final Set<String> statuses) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        new TreeSet<>(statuses),
        snpGuest,
        requireTdxCollateral);
  }

  /** A copy with these SEV-SNP guest policy rules. */
  public Policy withSnpGuest(final SnpGuestRules rules) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        rules,
        requireTdxCollateral);
  }

  /**
   * A copy that requires (or not) TDX TCB info and QE identity collateral. Not requiring it accepts
   * a TDX quote whose platform and quoting-enclave TCB status nobody checked; the verdict's checks
   * then say so.
   */
  public Policy withRequireTdxCollateral(final boolean require) {
    return new Policy(
        allowDebug,
        allowedMeasurements,
        maxVmpl,
        minSnpTcb,
        minTdxTeeTcbSvn,
        allowedRtmrs,
        allowDevAttestations,
        trustedDevKeys,
        acceptedTcbStatuses,
        snpGuest,
        require);
  }

  boolean measurementAllowed(final byte[] measurement) {
    return allowedMeasurements.isEmpty()
        || allowedMeasurements.contains(HEX.formatHex(measurement));
  }

  private static String hex(final String s) {
    final String h = s.toLowerCase(Locale.ROOT);
    if (h.length() % 2 != 0 || !h.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("not an even-length hex string: " + s);
    }
    return h;
  }

  private static SortedSet<String> hexSet(final Set<String> in) {
    final TreeSet<String> out = new TreeSet<>();
    for (final String s : in) {
      out.add(hex(s));
    }
    return Collections.unmodifiableSortedSet(out);
  }
}
