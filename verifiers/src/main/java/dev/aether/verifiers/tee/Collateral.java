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
 *   <li>TDX TCB info and QE identity: Intel PCS's {@code tcbInfo} and {@code qe/identity} response
 *       bodies with their issuer chain headers, to evaluate the platform's and the quoting
 *       enclave's TCB status.
 * </ul>
 *
 * <p>Each entry is the content of one file (DER or PEM). Every supplied item must be intact and
 * relevant: a damaged or unrelated file fails verification instead of being skipped.
 */
public final class Collateral {

  /** At most this many files of each kind. */
  public static final int MAX_FILES = 16;

  private static final Collateral NONE =
      new Collateral(List.of(), List.of(), Optional.empty(), Optional.empty());

  /**
   * A signed Intel PCS document: the response body and the PEM chain from its issuer-chain header
   * ({@code TCB-Info-Issuer-Chain}, {@code SGX-Enclave-Identity-Issuer-Chain}).
   *
   * @param body the JSON body, {@code {"tcbInfo":{...},"signature":"..."}} or {@code
   *     {"enclaveIdentity":{...},"signature":"..."}}
   * @param issuerChain PEM: Intel SGX TCB Signing, then the Intel SGX Root CA
   */
  public record PcsDocument(byte[] body, byte[] issuerChain) {
    /** Copies the arrays. */
    public PcsDocument {
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
  private final Optional<PcsDocument> tcbInfo;
  private final Optional<PcsDocument> qeIdentity;

  private Collateral(
      final List<byte[]> certificateFiles,
      final List<byte[]> crls,
      final Optional<PcsDocument> tcbInfo,
      final Optional<PcsDocument> qeIdentity) {
    this.certificateFiles = certificateFiles;
    this.crls = crls;
    this.tcbInfo = tcbInfo;
    this.qeIdentity = qeIdentity;
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
    return new Collateral(
        copy(certificateFiles, "certificate"), List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * A copy with these CRLs (DER or PEM), replacing any given before.
   *
   * @throws TeeException OVERSIZED when more than {@link #MAX_FILES} are given
   */
  public Collateral withCrls(final List<byte[]> crlFiles) throws TeeException {
    return new Collateral(certificateFiles, copy(crlFiles, "CRL"), tcbInfo, qeIdentity);
  }

  /** A copy with Intel PCS TCB info (id TDX) for the platform's TCB status. */
  public Collateral withTcbInfo(final PcsDocument info) {
    return new Collateral(certificateFiles, crls, Optional.of(info), qeIdentity);
  }

  /** A copy with Intel PCS QE identity (id TD_QE) for the quoting enclave's checks. */
  public Collateral withQeIdentity(final PcsDocument identity) {
    return new Collateral(certificateFiles, crls, tcbInfo, Optional.of(identity));
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
  public Optional<PcsDocument> tcbInfo() {
    return tcbInfo;
  }

  /** The TDX QE identity, if given. */
  public Optional<PcsDocument> qeIdentity() {
    return qeIdentity;
  }
}
