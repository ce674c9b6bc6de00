package dev.aether.mesh;

/**
 * Which TEE evidence a validator accepts.
 *
 * @param allowDevQuotes whether development quotes (no hardware root of trust) count; true only on
 *     devnets and in tests
 */
public record QuotePolicy(boolean allowDevQuotes) {
  /** Production: hardware quotes only. */
  public static QuotePolicy hardwareOnly() {
    return new QuotePolicy(false);
  }

  /** Devnet: dev quotes allowed. */
  public static QuotePolicy devnet() {
    return new QuotePolicy(true);
  }
}
