package dev.aether.verifiers.tee;

import java.util.ArrayList;
import java.util.List;

/**
 * Material that comes beside the evidence: for SEV-SNP the VCEK or VLEK certificate and optionally
 * its ASK/ASVK and ARK; TDX quotes carry their PCK chain inside and need none.
 *
 * <p>Each entry is the content of one file: a DER certificate or a PEM bundle. Every supplied
 * certificate must chain to a pinned root, so a corrupted file never goes unnoticed.
 */
public final class Collateral {

  /** At most this many files; real chains use three. */
  public static final int MAX_FILES = 16;

  private static final Collateral NONE = new Collateral(List.of());

  private final List<byte[]> certificateFiles;

  private Collateral(final List<byte[]> certificateFiles) {
    this.certificateFiles = certificateFiles;
  }

  /** No collateral. */
  public static Collateral none() {
    return NONE;
  }

  /**
   * Collateral made of certificate files.
   *
   * @param certificateFiles each a DER certificate or PEM bundle
   * @throws TeeException OVERSIZED when more than {@link #MAX_FILES} are given
   */
  public static Collateral ofCertificates(final List<byte[]> certificateFiles) throws TeeException {
    if (certificateFiles.size() > MAX_FILES) {
      throw new TeeException(
          Reason.OVERSIZED, "more than " + MAX_FILES + " certificate files in the collateral");
    }
    final List<byte[]> copy = new ArrayList<>();
    for (final byte[] f : certificateFiles) {
      copy.add(f.clone());
    }
    return new Collateral(List.copyOf(copy));
  }

  /** Copies of the certificate files. */
  public List<byte[]> certificateFiles() {
    return certificateFiles.stream().map(byte[]::clone).toList();
  }
}
