package dev.aether.mesh;

/** The validator's answer. */
public sealed interface VcrVerdict {
  /** The receipt passed every check. */
  record Valid() implements VcrVerdict {}

  /**
   * The receipt failed a check.
   *
   * @param reason which check
   * @param detail one line for humans
   */
  record Rejected(VcrRejection reason, String detail) implements VcrVerdict {}

  /** Whether the receipt is valid. */
  default boolean isValid() {
    return this instanceof Valid;
  }
}
