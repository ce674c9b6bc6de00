package dev.aether.genesis;

/** A genesis file that cannot be used, naming the offending field, e.g. {@code [fees].a}. */
public final class GenesisException extends RuntimeException {
  private final String field;

  public GenesisException(String field, String problem) {
    super(field + ": " + problem, null, false, false);
    this.field = field;
  }

  /** The field path, e.g. {@code [consensus].quorum} or {@code validators[2].stake}. */
  public String field() {
    return field;
  }
}
