package dev.aether.verifiers.tee;

import java.util.Optional;

/**
 * AMD EPYC product lines with SEV-SNP, each with its own ARK/ASK chain and TCB layout.
 *
 * <p>The product comes from the report's CPUID fields (report version 3 and later) or, for version
 * 2 reports, from the endorsement certificate (its issuer ASK or productName).
 */
public enum SnpProduct {
  /** EPYC 7003 (Zen 3). */
  MILAN("Milan", false),
  /** EPYC 9004 (Zen 4). */
  GENOA("Genoa", false),
  /** EPYC 9005 (Zen 5). */
  TURIN("Turin", true),
  /** Not determinable from the report alone. */
  UNKNOWN("Unknown", false);

  private final String kdsName;
  private final boolean turinLayout;

  SnpProduct(final String kdsName, final boolean turinLayout) {
    this.kdsName = kdsName;
    this.turinLayout = turinLayout;
  }

  /** The name AMD's key distribution service and certificate names use ("Milan"). */
  public String kdsName() {
    return kdsName;
  }

  /** Whether TCB_VERSION uses the Turin layout (FMC in byte 0). */
  public boolean turinLayout() {
    return turinLayout;
  }

  /**
   * The product for a CPUID family/model pair, as reported in report version 3+.
   *
   * @param family CPUID_FAM_ID (extended family + base family)
   * @param model CPUID_MOD_ID (extended model + base model)
   */
  public static SnpProduct fromCpuid(final int family, final int model) {
    if (family == 0x19) {
      if (model <= 0x0f) {
        return MILAN;
      }
      if (model >= 0x10 && model <= 0x1f || model >= 0xa0 && model <= 0xaf) {
        return GENOA;
      }
    }
    if (family == 0x1a && model <= 0x11) {
      return TURIN;
    }
    return UNKNOWN;
  }

  /** The product whose name starts a certificate's productName or CN ("Milan-B0", "SEV-Milan"). */
  static Optional<SnpProduct> fromName(final String name) {
    for (final SnpProduct p : values()) {
      if (p != UNKNOWN && (name.startsWith(p.kdsName) || name.endsWith("-" + p.kdsName))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
