package dev.aether.rpc;

import java.util.Objects;

/**
 * Carries an {@link RpcError} out of a method handler. It records no stack trace: it is an expected
 * outcome reported to the client, not a bug.
 */
public final class RpcException extends RuntimeException {
  private final transient RpcError error;

  public RpcException(RpcError error) {
    super(error.message(), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  public RpcError error() {
    return error;
  }

  /** Shorthand for the most common handler failure. */
  public static RpcException invalidParams(String detail) {
    return new RpcException(new RpcError.InvalidParams(detail));
  }
}
