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
 *     empty = none (a development quote is only as good as the key the verifier chose to trust)
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
    SortedSet<String> acceptedTcbStatuses) {

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
   * development quotes, and (where TDX TCB info is given) only the "UpToDate" TCB status.
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
        new TreeSet<>(Set.of("UpToDate")));
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
        acceptedTcbStatuses);
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
        acceptedTcbStatuses);
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
        acceptedTcbStatuses);
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
        acceptedTcbStatuses);
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
        acceptedTcbStatuses);
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
        acceptedTcbStatuses);
  }

  /**
   * A copy that accepts development quotes from exactly the given Ed25519 keys (hex; an empty set
   * accepts none). Only a devnet's chain config may set this.
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
        acceptedTcbStatuses);
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
        new TreeSet<>(statuses));
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
