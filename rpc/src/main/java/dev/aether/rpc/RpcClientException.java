package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Why an {@link RpcClient} call did not produce a result. */
public abstract sealed class RpcClientException extends RuntimeException
    permits RpcClientException.Remote, RpcClientException.Transport {

  private RpcClientException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The server answered with a JSON-RPC error object. */
  public static final class Remote extends RpcClientException {
    private final int code;
    private final transient Optional<JsonNode> data;

    public Remote(int code, String message, Optional<JsonNode> data) {
      super(describe(code, message, data), null);
      this.code = code;
      this.data = data;
    }

    /** The JSON-RPC error code ({@link RpcError} lists Aether's). */
    public int code() {
      return code;
    }

    /** The error's {@code data} member, e.g. {reason, message} of a rejected transaction. */
    public Optional<JsonNode> data() {
      return data;
    }

    private static String describe(int code, String message, Optional<JsonNode> data) {
      String detail = data.map(Remote::dataText).orElse("");
      return message + " (" + code + ")" + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static String dataText(JsonNode d) {
      if (d.isTextual()) {
        return d.textValue();
      }
      if (d.has("reason") && d.has("message")) {
        return d.get("reason").asText() + ": " + d.get("message").asText();
      }
      return d.toString();
    }
  }

  /** No usable answer: connection refused, timeout, non-JSON reply, HTTP error without body. */
  public static final class Transport extends RpcClientException {
    public Transport(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
