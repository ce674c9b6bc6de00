package dev.aether.rpc;

import java.util.Objects;

/**
 * Every error the Aether JSON-RPC server returns, with its stable code. Codes -32700..-32603 are
 * JSON-RPC 2.0's own; -32000..-32099 are Aether's (see {@code docs/rpc.md}). {@link #message()} is
 * the fixed short text for the code; what went wrong in detail goes in {@code data}.
 */
public sealed interface RpcError {
  int PARSE_ERROR = -32700;
  int INVALID_REQUEST = -32600;
  int METHOD_NOT_FOUND = -32601;
  int INVALID_PARAMS = -32602;
  int INTERNAL_ERROR = -32603;
  int TX_REJECTED = -32000;
  int UNAVAILABLE = -32001;
  int RATE_LIMITED = -32005;
  int REQUEST_TOO_LARGE = -32006;
  int BATCH_TOO_LARGE = -32007;

  int code();

  String message();

  /** The body was not valid JSON (or not UTF-8, or nested too deeply). */
  record ParseError() implements RpcError {
    @Override
    public int code() {
      return PARSE_ERROR;
    }

    @Override
    public String message() {
      return "Parse error";
    }
  }

  /** Valid JSON that is not a Request object (or an empty batch). */
  record InvalidRequest(String detail) implements RpcError {
    public InvalidRequest {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public int code() {
      return INVALID_REQUEST;
    }

    @Override
    public String message() {
      return "Invalid Request";
    }
  }

  /** No method by that name. */
  record MethodNotFound(String method) implements RpcError {
    public MethodNotFound {
      Objects.requireNonNull(method, "method");
    }

    @Override
    public int code() {
      return METHOD_NOT_FOUND;
    }

    @Override
    public String message() {
      return "Method not found";
    }
  }

  /** Wrong number, name or type of parameters, or a value that does not parse (bad hex, ...). */
  record InvalidParams(String detail) implements RpcError {
    public InvalidParams {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public int code() {
      return INVALID_PARAMS;
    }

    @Override
    public String message() {
      return "Invalid params";
    }
  }

  /** A bug or backend failure; details go to the server log, never to the client. */
  record InternalError() implements RpcError {
    @Override
    public int code() {
      return INTERNAL_ERROR;
    }

    @Override
    public String message() {
      return "Internal error";
    }
  }

  /**
   * Mempool admission refused the transaction; {@code reason} is its stable code, {@code retry}
   * says whether retrying can help ({@code later}, {@code raise_fee}, {@code never}).
   */
  record TxRejected(String reason, String detail, String retry) implements RpcError {
    public TxRejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(retry, "retry");
    }

    public TxRejected(String reason, String detail) {
      this(reason, detail, "never");
    }

    @Override
    public int code() {
      return TX_REJECTED;
    }

    @Override
    public String message() {
      return "Transaction rejected";
    }
  }

  /** The node cannot answer right now (syncing, pruned). */
  record Unavailable(String detail) implements RpcError {
    public Unavailable {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public int code() {
      return UNAVAILABLE;
    }

    @Override
    public String message() {
      return "Resource unavailable";
    }
  }

  /** This client spent its request budget (HTTP 429). */
  record RateLimited() implements RpcError {
    @Override
    public int code() {
      return RATE_LIMITED;
    }

    @Override
    public String message() {
      return "Rate limit exceeded";
    }
  }

  /** The body exceeded the configured size (HTTP 413). */
  record RequestTooLarge(long limitBytes) implements RpcError {
    @Override
    public int code() {
      return REQUEST_TOO_LARGE;
    }

    @Override
    public String message() {
      return "Request too large";
    }
  }

  /** A batch with more entries than the configured limit. */
  record BatchTooLarge(int limit) implements RpcError {
    @Override
    public int code() {
      return BATCH_TOO_LARGE;
    }

    @Override
    public String message() {
      return "Batch too large";
    }
  }
}
