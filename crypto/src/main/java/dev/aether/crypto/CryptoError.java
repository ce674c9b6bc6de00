package dev.aether.crypto;

/**
 * Every way a crypto call can refuse its input, each with a stable code that RPC and the CLI show.
 * A refusal never leaves partial state behind: all checks run before anything is computed or
 * mutated.
 */
public sealed interface CryptoError {

  /** Stable, machine-readable code, e.g. {@code CRYPTO_BAD_LENGTH}. */
  String code();

  /** One human-readable line. */
  String message();

  /** A byte string had the wrong length. */
  record BadLength(String what, int expected, int actual) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_BAD_LENGTH";
    }

    @Override
    public String message() {
      return what + ": expected " + expected + " bytes, got " + actual;
    }
  }

  /**
   * Bytes of the right length that do not encode a valid value: a point off the curve or outside
   * the prime-order subgroup, a non-canonical encoding, a scalar or field element out of range.
   */
  record BadEncoding(String what, String reason) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_BAD_ENCODING";
    }

    @Override
    public String message() {
      return what + ": " + reason;
    }
  }

  /** Arguments that are individually well formed but do not fit together (empty, mismatched). */
  record BadArgument(String reason) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_BAD_ARGUMENT";
    }

    @Override
    public String message() {
      return reason;
    }
  }

  /** A KES key asked to sign or evolve outside the periods it still holds. */
  record KesPeriod(int requested, int current, int total) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_KES_PERIOD";
    }

    @Override
    public String message() {
      return "KES period "
          + requested
          + " unavailable (key at period "
          + current
          + " of "
          + total
          + ")";
    }
  }

  /** A secret key was used after {@code close()} wiped it. */
  record KeyClosed(String what) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_KEY_CLOSED";
    }

    @Override
    public String message() {
      return what + " was closed and its secret erased";
    }
  }

  /** A native library failed to load or reported an internal error. */
  record NativeFailure(String library, String reason) implements CryptoError {
    @Override
    public String code() {
      return "CRYPTO_NATIVE";
    }

    @Override
    public String message() {
      return library + ": " + reason;
    }
  }
}
