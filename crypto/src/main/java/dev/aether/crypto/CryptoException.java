package dev.aether.crypto;

/** Thrown when a crypto call refuses its input; {@link #error()} says why, with a stable code. */
public final class CryptoException extends RuntimeException {

  private final transient CryptoError error;

  public CryptoException(final CryptoError error) {
    super(error.code() + ": " + error.message());
    this.error = error;
  }

  public CryptoException(final CryptoError error, final Throwable cause) {
    super(error.code() + ": " + error.message(), cause);
    this.error = error;
  }

  /** The reason, with its stable code. */
  public CryptoError error() {
    return error;
  }

  static CryptoException badLength(final String what, final int expected, final int actual) {
    return new CryptoException(new CryptoError.BadLength(what, expected, actual));
  }

  static CryptoException badEncoding(final String what, final String reason) {
    return new CryptoException(new CryptoError.BadEncoding(what, reason));
  }

  static CryptoException badArgument(final String reason) {
    return new CryptoException(new CryptoError.BadArgument(reason));
  }
}
