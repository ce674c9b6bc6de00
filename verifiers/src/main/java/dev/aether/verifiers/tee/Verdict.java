package dev.aether.verifiers.tee;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link TeeVerifier#verify}: valid with the parsed evidence, or invalid with the
 * first check that failed.
 */
public sealed interface Verdict permits Verdict.Valid, Verdict.Invalid {

  /** True for {@link Valid}. */
  boolean isValid();

  /**
   * Every check passed.
   *
   * @param evidence the parsed, now trusted, evidence
   * @param checks the checks that ran, in order, one line each (for logs and the CLI)
   */
  record Valid(Evidence evidence, List<String> checks) implements Verdict {
    /** Freezes the list. */
    public Valid {
      checks = List.copyOf(checks);
    }

    @Override
    public boolean isValid() {
      return true;
    }
  }

  /**
   * A check failed.
   *
   * @param reason the stable reason code of the first failed check
   * @param detail one line saying what exactly failed
   * @param evidence the parsed evidence when parsing got that far (untrusted!)
   */
  record Invalid(Reason reason, String detail, Optional<Evidence> evidence) implements Verdict {
    @Override
    public boolean isValid() {
      return false;
    }
  }
}
