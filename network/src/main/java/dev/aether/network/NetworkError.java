package dev.aether.network;

/** Errors of the network layer, each with a stable code for logs, metrics and the CLI. */
public sealed interface NetworkError {
  /** Stable machine-readable code. */
  String code();

  /** One human-readable line. */
  String message();

  /** A peer address is not {@code <64 hex>@host:port}. */
  record BadAddress(String input) implements NetworkError {
    @Override
    public String code() {
      return "NET_BAD_ADDRESS";
    }

    @Override
    public String message() {
      return "peer address must be <64 hex key>@host:port, got '" + input + "'";
    }
  }

  /** A frame from a peer could not be decoded. */
  record MalformedFrame(String detail) implements NetworkError {
    @Override
    public String code() {
      return "NET_MALFORMED_FRAME";
    }

    @Override
    public String message() {
      return "malformed frame: " + detail;
    }
  }

  /** A message exceeds the configured size limit. */
  record TooLarge(int size, int max) implements NetworkError {
    @Override
    public String code() {
      return "NET_TOO_LARGE";
    }

    @Override
    public String message() {
      return "message of " + size + " bytes exceeds the limit of " + max;
    }
  }

  /** The QUIC stack could not start (native library, port in use). */
  record TransportFailure(String detail) implements NetworkError {
    @Override
    public String code() {
      return "NET_TRANSPORT";
    }

    @Override
    public String message() {
      return "transport failure: " + detail;
    }
  }

  /** The network was used after {@code close()}. */
  record Closed() implements NetworkError {
    @Override
    public String code() {
      return "NET_CLOSED";
    }

    @Override
    public String message() {
      return "network is shut down";
    }
  }
}
