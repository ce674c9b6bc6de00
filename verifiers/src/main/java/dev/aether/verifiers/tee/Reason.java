package dev.aether.verifiers.tee;

/**
 * Why a piece of attestation evidence was rejected: a stable code (shown by the CLI and RPC, never
 * renamed) and the group of checks it belongs to.
 *
 * <p>The verifier stops at the first failed check, in the order documented in {@code docs/tee.md}:
 * format, certificate chain, signatures, TCB, policy, job binding.
 */
public enum Reason {
  /** The bytes are not any supported evidence format. */
  UNKNOWN_FORMAT("TEE_UNKNOWN_FORMAT", Group.FORMAT),
  /** The evidence ends before a field it declares. */
  TRUNCATED("TEE_TRUNCATED", Group.FORMAT),
  /** The evidence is longer than its format allows. */
  OVERSIZED("TEE_OVERSIZED", Group.FORMAT),
  /** A known format, but a version this verifier does not support. */
  UNSUPPORTED_VERSION("TEE_UNSUPPORTED_VERSION", Group.FORMAT),
  /** A signature or key algorithm this verifier does not support. */
  UNSUPPORTED_ALGORITHM("TEE_UNSUPPORTED_ALGORITHM", Group.FORMAT),
  /** A field holds a value its format forbids (sizes that disagree, reserved bits, ...). */
  MALFORMED("TEE_MALFORMED", Group.FORMAT),

  /** A certificate the chain needs was not supplied. */
  CERT_MISSING("TEE_CERT_MISSING", Group.CHAIN),
  /** A certificate (or CRL) could not be parsed. */
  CERT_MALFORMED("TEE_CERT_MALFORMED", Group.CHAIN),
  /** A certificate's signature does not verify with its issuer's key. */
  CERT_SIGNATURE("TEE_CERT_SIGNATURE", Group.CHAIN),
  /** A certificate is not valid at the instant of the check (expired or not yet valid). */
  CERT_VALIDITY("TEE_CERT_VALIDITY", Group.CHAIN),
  /** A certificate's issuer name does not match the next certificate's subject. */
  CERT_ISSUER_MISMATCH("TEE_CERT_ISSUER_MISMATCH", Group.CHAIN),
  /** A certificate is not fit for its place in the chain (an issuer that is not a CA, ...). */
  CERT_PROFILE("TEE_CERT_PROFILE", Group.CHAIN),
  /** The chain does not end in a root pinned in this verifier. */
  CERT_UNTRUSTED_ROOT("TEE_CERT_UNTRUSTED_ROOT", Group.CHAIN),
  /** A certificate in the chain is listed on a CRL supplied as collateral. */
  CERT_REVOKED("TEE_CERT_REVOKED", Group.CHAIN),

  /** The report or quote signature does not verify with the attestation key. */
  REPORT_SIGNATURE("TEE_REPORT_SIGNATURE", Group.SIGNATURE),
  /** TDX: the quoting enclave's report signature does not verify with the PCK key. */
  QE_REPORT_SIGNATURE("TEE_QE_REPORT_SIGNATURE", Group.SIGNATURE),
  /** TDX: the quoting enclave's REPORTDATA does not bind the attestation key. */
  ATTESTATION_KEY_BINDING("TEE_ATTESTATION_KEY_BINDING", Group.SIGNATURE),

  /** SEV-SNP: the report's CHIP_ID differs from the VCEK's hardware id. */
  CHIP_ID_MISMATCH("TEE_CHIP_ID_MISMATCH", Group.TCB),
  /** SEV-SNP: the report's REPORTED_TCB differs from the TCB the VCEK was issued for. */
  TCB_MISMATCH("TEE_TCB_MISMATCH", Group.TCB),
  /** The platform's TCB is below the policy's minimum. */
  TCB_TOO_LOW("TEE_TCB_TOO_LOW", Group.TCB),
  /** TDX: the TCB info collateral is malformed or its signature does not verify. */
  COLLATERAL_SIGNATURE("TEE_COLLATERAL_SIGNATURE", Group.TCB),
  /** TDX: the TCB info collateral is not current at the instant of the check. */
  COLLATERAL_STALE("TEE_COLLATERAL_STALE", Group.TCB),
  /** TDX: the TCB info is for another platform (FMSPC, PCE id) or another TDX module signer. */
  COLLATERAL_MISMATCH("TEE_COLLATERAL_MISMATCH", Group.TCB),
  /** TDX: no TCB level matches the platform, or the matching level's status is not accepted. */
  TCB_STATUS("TEE_TCB_STATUS", Group.TCB),
  /** TDX: the policy requires TCB info and QE identity collateral and some is not supplied. */
  COLLATERAL_MISSING("TEE_COLLATERAL_MISSING", Group.TCB),

  /** The guest runs with debugging enabled and the policy forbids it. */
  POLICY_DEBUG("TEE_POLICY_DEBUG", Group.POLICY),
  /** The launch measurement (SEV-SNP MEASUREMENT, TDX MRTD) is not on the allow-list. */
  POLICY_MEASUREMENT("TEE_POLICY_MEASUREMENT", Group.POLICY),
  /** TDX: a runtime measurement register is not on the allow-list. */
  POLICY_RTMR("TEE_POLICY_RTMR", Group.POLICY),
  /** SEV-SNP: the report came from a VMPL above the policy's maximum. */
  POLICY_VMPL("TEE_POLICY_VMPL", Group.POLICY),
  /** SEV-SNP: guest POLICY allows a migration agent and the policy does not. */
  POLICY_MIGRATION_AGENT("TEE_POLICY_MIGRATION_AGENT", Group.POLICY),
  /** SEV-SNP: SMT is allowed to the guest or enabled on the host, and the policy forbids it. */
  POLICY_SMT("TEE_POLICY_SMT", Group.POLICY),
  /** SEV-SNP: the policy requires single-socket activation and guest POLICY does not demand it. */
  POLICY_SINGLE_SOCKET("TEE_POLICY_SINGLE_SOCKET", Group.POLICY),
  /** SEV-SNP: GUEST_SVN is below the policy's minimum. */
  POLICY_GUEST_SVN("TEE_POLICY_GUEST_SVN", Group.POLICY),
  /** A development quote, and the policy does not allow development attestations. */
  POLICY_DEV_DISALLOWED("TEE_POLICY_DEV_DISALLOWED", Group.POLICY),
  /** A development quote signed by a key the policy does not list. */
  POLICY_DEV_KEY("TEE_POLICY_DEV_KEY", Group.POLICY),

  /** REPORT_DATA is not the expected value (the job binding, or a nonce). */
  REPORT_DATA_MISMATCH("TEE_REPORT_DATA_MISMATCH", Group.BINDING);

  /** Families of checks, in the order the verifier runs them. */
  public enum Group {
    /** Parsing: the bytes are well-formed evidence. */
    FORMAT,
    /** Certificate chain to a pinned vendor root, at the instant of the check. */
    CHAIN,
    /** Signatures over the evidence. */
    SIGNATURE,
    /** Platform TCB (firmware versions) checks. */
    TCB,
    /** Caller policy: debug, measurements, VMPL, development quotes. */
    POLICY,
    /** REPORT_DATA equals the expected job binding. */
    BINDING
  }

  private final String code;
  private final Group group;

  Reason(final String code, final Group group) {
    this.code = code;
    this.group = group;
  }

  /** The stable code, e.g. {@code TEE_REPORT_SIGNATURE}. */
  public String code() {
    return code;
  }

  /** The family of checks this reason belongs to. */
  public Group group() {
    return group;
  }
}
