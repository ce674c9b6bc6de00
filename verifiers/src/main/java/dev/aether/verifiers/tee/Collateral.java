package dev.aether.verifiers.tee;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Material that comes beside the evidence, all optional:
 *
 * <ul>
 *   <li>certificate files: for SEV-SNP the VCEK or VLEK and optionally its ASK/ASVK and ARK (TDX
 *       quotes carry their PCK chain inside);
 *   <li>CRLs: revocation lists issued by a CA on the evidence's chain (AMD KDS CRL, Intel root CA
 *       CRL, Intel PCK CRL), each checked for signature and currency and then applied;
 *   <li>TDX TCB info: Intel PCS's {@code tcbInfo} response body with its issuer chain header, to
 *       evaluate the platform's TCB status.
 * </ul>
 *
 * <p>Each entry is the content of one file (DER or PEM). Every supplied item must be intact and
 * relevant: a damaged or unrelated file fails verification instead of being skipped.
 */
public final class Collateral {

  /** At most this many files of each kind. */
  public static final int MAX_FILES = 16;

  private static final Collateral NONE = new Collateral(List.of(), List.of(), Optional.empty());

  /**
   * Intel PCS TCB info: the response body and the PEM chain from its {@code TCB-Info-Issuer-Chain}
   * header.
   *
   * @param body the JSON body, {@code {"tcbInfo":{...},"signature":"..."}}
   * @param issuerChain PEM: Intel SGX TCB Signing, then the Intel SGX Root CA
   */
  public record TcbInfo(byte[] body, byte[] issuerChain) {
    /** Copies the arrays. */
    public TcbInfo {
      body = body.clone();
      issuerChain = issuerChain.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public byte[] issuerChain() {
      return issuerChain.clone();
    }
  }

  private final List<byte[]> certificateFiles;
  private final List<byte[]> crls;
  private final Optional<TcbInfo> tcbInfo;

  private Collateral(
      final List<byte[]> certificateFiles,
      final List<byte[]> crls,
      final Optional<TcbInfo> tcbInfo) {
    this.certificateFiles = certificateFiles;
    this.crls = crls;
    this.tcbInfo = tcbInfo;
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
    return new Collateral(copy(certificateFiles, "certificate"), List.of(), Optional.empty());
  }

  /**
   * A copy with these CRLs (DER or PEM), replacing any given before.
   *
   * @throws TeeException OVERSIZED when more than {@link #MAX_FILES} are given
   */
  public Collateral withCrls(final List<byte[]> crlFiles) throws TeeException {
    return new Collateral(certificateFiles, copy(crlFiles, "CRL"), tcbInfo);
  }

  /** A copy with Intel PCS TCB info for TDX TCB-status evaluation. */
  public Collateral withTcbInfo(final TcbInfo info) {
    return new Collateral(certificateFiles, crls, Optional.of(info));
  }

  private static List<byte[]> copy(final List<byte[]> files, final String what)
      throws TeeException {
    if (files.size() > MAX_FILES) {
      throw new TeeException(
          Reason.OVERSIZED, "more than " + MAX_FILES + " " + what + " files in the collateral");
    }
    final List<byte[]> out = new ArrayList<>();
    for (final byte[] f : files) {
      out.add(f.clone());
    }
    return List.copyOf(out);
  }

  /** Copies of the certificate files. */
  public List<byte[]> certificateFiles() {
    return certificateFiles.stream().map(byte[]::clone).toList();
  }

  /** Copies of the CRL files. */
  public List<byte[]> crls() {
    return crls.stream().map(byte[]::clone).toList();
  }

  /** The TDX TCB info, if given. */
  public Optional<TcbInfo> tcbInfo() {
    return tcbInfo;
  }
}
