package dev.aether.verifiers.tee;

import java.util.SequencedMap;

/**
 * Parsed attestation evidence: an AMD SEV-SNP report, an Intel TDX quote, or a development quote.
 * Instances are immutable; byte accessors return copies.
 */
public sealed interface Evidence permits SnpReport, TdxQuote, DevQuote {

  /** Which kind of TEE produced the evidence. */
  enum Kind {
    /** AMD SEV-SNP attestation report. */
    SEV_SNP,
    /** Intel TDX DCAP quote. */
    TDX,
    /** Aether development TEE quote (no hardware; devnet only). */
    DEV
  }

  /** The kind of evidence. */
  Kind kind();

  /** The 64-byte REPORT_DATA the guest chose (the job binding for Aether jobs). */
  byte[] reportData();

  /** The launch measurement: SEV-SNP MEASUREMENT, TDX MRTD, or the dev quote's measurement. */
  byte[] measurement();

  /**
   * Every parsed field as display strings (hex for byte fields, decimal for numbers), in the
   * format's field order. Used by the CLI and for logs; not for further parsing.
   */
  SequencedMap<String, String> fields();
}
