package dev.aether.indexer;

/**
 * Why the indexer stopped or refused: one sealed hierarchy with stable codes, shown as {@code
 * error: <message>} by {@code aether-indexer}. {@link #userError()} marks bad input (exit 2);
 * everything else is a failure (exit 1).
 */
public abstract sealed class IndexerException extends RuntimeException {
  private final String code;

  private IndexerException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable code, e.g. {@code indexer.gap}. */
  public String code() {
    return code;
  }

  /** True when the operator's input is at fault (a bad option or file), not the run. */
  public boolean userError() {
    return false;
  }

  /** A block arrived that does not follow the last indexed one (its height skips ahead). */
  public static final class Gap extends IndexerException {
    public Gap(long expected, long got) {
      super("indexer.gap", "expected block " + expected + " from the stream, got " + got, null);
    }
  }

  /** The stream's next block does not extend the indexed chain: another chain or database. */
  public static final class ChainMismatch extends IndexerException {
    public ChainMismatch(String message) {
      super("indexer.chain_mismatch", message, null);
    }
  }

  /** The genesis file given does not describe the streamed chain's genesis block. */
  public static final class GenesisMismatch extends IndexerException {
    public GenesisMismatch(String message) {
      super("indexer.genesis_mismatch", message, null);
    }

    @Override
    public boolean userError() {
      return true;
    }
  }

  /** The database refused or failed. */
  public static final class Database extends IndexerException {
    public Database(String message, Throwable cause) {
      super("indexer.database", message, cause);
    }
  }

  /** A configuration value is invalid. */
  public static final class BadConfig extends IndexerException {
    public BadConfig(String message) {
      super("indexer.bad_config", message, null);
    }

    @Override
    public boolean userError() {
      return true;
    }
  }
}
