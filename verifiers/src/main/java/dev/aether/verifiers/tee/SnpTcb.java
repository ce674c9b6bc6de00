package dev.aether.verifiers.tee;

/**
 * An SEV-SNP TCB_VERSION: the security patch levels of the platform's firmware components.
 *
 * <p>The 64-bit value is laid out per product: Milan and Genoa put BOOT_LOADER, TEE in bytes 0 and
 * 1, SNP in byte 6 and MICROCODE in byte 7; Turin adds FMC in byte 0 and moves BOOT_LOADER, TEE,
 * SNP to bytes 1 to 3 (SEV-SNP ABI spec 56860, "TCB_VERSION"). {@code fmc} is 0 for products
 * without one.
 *
 * @param fmc FMC (firmware mask ROM) SPL, Turin and later
 * @param bootloader boot loader SPL
 * @param tee PSP OS (TEE) SPL
 * @param snp SNP firmware SPL
 * @param microcode CPU microcode SPL
 */
public record SnpTcb(int fmc, int bootloader, int tee, int snp, int microcode) {

  /** Validates that each component fits in a byte. */
  public SnpTcb {
    for (final int v : new int[] {fmc, bootloader, tee, snp, microcode}) {
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("TCB component out of range 0..255: " + v);
      }
    }
  }

  /**
   * Decodes a raw little-endian TCB_VERSION.
   *
   * @param raw the 64-bit value as read from the report
   * @param product which layout applies
   */
  public static SnpTcb decode(final long raw, final SnpProduct product) {
    final int[] b = new int[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (int) (raw >>> (8 * i)) & 0xff;
    }
    if (product.turinLayout()) {
      return new SnpTcb(b[0], b[1], b[2], b[3], b[7]);
    }
    return new SnpTcb(0, b[0], b[1], b[6], b[7]);
  }

  /** True when every component is at least the corresponding one of {@code min}. */
  public boolean isAtLeast(final SnpTcb min) {
    return fmc >= min.fmc
        && bootloader >= min.bootloader
        && tee >= min.tee
        && snp >= min.snp
        && microcode >= min.microcode;
  }

  @Override
  public String toString() {
    return "fmc="
        + fmc
        + " bl="
        + bootloader
        + " tee="
        + tee
        + " snp="
        + snp
        + " ucode="
        + microcode;
  }
}
