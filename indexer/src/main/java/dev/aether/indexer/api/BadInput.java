package dev.aether.indexer.api;

/** A query argument the API refuses (bad hex, page too large); its message is shown as is. */
public final class BadInput extends RuntimeException {
  public BadInput(String message) {
    super(message);
  }
}
