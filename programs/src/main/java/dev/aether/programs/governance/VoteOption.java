package dev.aether.programs.governance;

import java.util.Locale;

/** A vote: yes, no, abstain (counts toward quorum only), or no with veto. */
public enum VoteOption {
  YES,
  NO,
  ABSTAIN,
  VETO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code yes}, {@code no}, {@code abstain} or {@code veto}. */
  public static VoteOption parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("vote must be yes, no, abstain or veto, got '" + s + "'");
    }
  }
}
