package dev.aether.mesh;

import java.util.Arrays;

/**
 * Attestation evidence from a trusted execution environment.
 *
 * @param kind {@code dev}, {@code sev-snp} or {@code tdx}
 * @param bytes the raw quote or report
 */
public record TeeQuote(String kind, byte[] bytes) {
  /** Copies. */
  public TeeQuote {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TeeQuote q && kind.equals(q.kind) && Arrays.equals(bytes, q.bytes);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(bytes);
  }
}
