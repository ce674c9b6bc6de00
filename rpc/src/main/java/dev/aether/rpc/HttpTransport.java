package dev.aether.rpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * JSON-RPC over HTTP: POST only, JSON bodies up to the configured size, one rate-limit token per
 * call. Refusals before JSON-RPC processing (wrong method, size, rate) still answer with a JSON-RPC
 * error object so every client can parse them.
 */
final class HttpTransport implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());
  private static final String JSON = "application/json";

  /**
   * Most exchanges served at once. Beyond it a request is answered at once with HTTP 503 and a
   * JSON-RPC "unavailable" error saying to retry, instead of queueing behind thousands of others
   * until the client times out (what a load spike did): a fast, clear "busy" beats a slow nothing.
   */
  static final int MAX_IN_FLIGHT = 256;

  private final int maxInFlight;

  private final JsonRpcDispatcher dispatcher;
  private final RateLimiter limiter;
  private final int maxRequestBytes;
  private final java.util.concurrent.Semaphore inFlight;

  HttpTransport(JsonRpcDispatcher dispatcher, RateLimiter limiter, int maxRequestBytes) {
    this(dispatcher, limiter, maxRequestBytes, MAX_IN_FLIGHT);
  }

  HttpTransport(
      JsonRpcDispatcher dispatcher, RateLimiter limiter, int maxRequestBytes, int maxInFlight) {
    this.dispatcher = dispatcher;
    this.limiter = limiter;
    this.maxRequestBytes = maxRequestBytes;
    this.maxInFlight = maxInFlight;
    this.inFlight = new java.util.concurrent.Semaphore(maxInFlight);
  }

  @Override
  public void handle(HttpExchange ex) {
    try (ex) {
      serve(ex);
    } catch (IOException e) {
      // The client closed the connection mid-exchange; nothing to answer.
      LOG.log(System.Logger.Level.DEBUG, "connection dropped: {0}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "JSON-RPC transport failure", e);
      answerInternalError(ex);
    }
  }

  /** Best effort after a bug: a JSON-RPC internal error if nothing was sent yet. */
  private void answerInternalError(HttpExchange ex) {
    try {
      send(ex, 500, dispatcher.standaloneError(new RpcError.InternalError(), null));
    } catch (IOException | RuntimeException alreadyAnswered) {
      LOG.log(System.Logger.Level.DEBUG, "no error response possible: {0}", alreadyAnswered);
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      refuse(ex, 405, new RpcError.InvalidRequest("JSON-RPC requests must use HTTP POST"), null);
      return;
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
      refuse(ex, 415, new RpcError.InvalidRequest("Content-Type must be " + JSON), null);
      return;
    }
    if (!inFlight.tryAcquire()) {
      ex.getResponseHeaders().set("Retry-After", "1");
      refuse(
          ex,
          503,
          new RpcError.Unavailable(
              "server busy: " + maxInFlight + " requests in progress; retry shortly"),
          null);
      return;
    }
    try {
      serveAdmitted(ex);
    } finally {
      inFlight.release();
    }
  }

  private void serveAdmitted(HttpExchange ex) throws IOException {
    String client = ex.getRemoteAddress().getAddress().getHostAddress();
    if (!limiter.tryAcquire(client)) {
      ex.getResponseHeaders().set("Retry-After", "1");
      refuse(ex, 429, new RpcError.RateLimited(), "slow down: per-client call budget spent");
      return;
    }
    Optional<byte[]> body = readBounded(ex);
    if (body.isEmpty()) {
      refuse(
          ex,
          413,
          new RpcError.RequestTooLarge(maxRequestBytes),
          "body over " + maxRequestBytes + " bytes");
      return;
    }
    JsonRpcDispatcher.Reply reply = dispatcher.handle(body.get());
    limiter.charge(client, reply.calls() - 1);
    if (reply.body().isEmpty()) {
      // Only notifications: JSON-RPC sends nothing back.
      ex.sendResponseHeaders(204, -1);
      return;
    }
    send(ex, 200, reply.body().get());
  }

  /** The body, or empty when it is over the limit (judged by Content-Length before reading). */
  private Optional<byte[]> readBounded(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxRequestBytes) {
          return Optional.empty();
        }
      } catch (NumberFormatException e) {
        // The JDK server already rejects malformed lengths; fall back to counting bytes.
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(maxRequestBytes + 1);
      return body.length > maxRequestBytes ? Optional.empty() : Optional.of(body);
    }
  }

  /**
   * Answers without reading the request body. The unread rest means this connection cannot carry
   * another request, so it is closed, and saying so keeps clients from reusing it from a pool.
   */
  private void refuse(HttpExchange ex, int status, RpcError error, String detail)
      throws IOException {
    ex.getResponseHeaders().set("Connection", "close");
    send(ex, status, dispatcher.standaloneError(error, detail));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", JSON);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
