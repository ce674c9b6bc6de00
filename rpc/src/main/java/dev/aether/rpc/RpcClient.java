package dev.aether.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal JSON-RPC 2.0 client over the JDK's HTTP client, for {@code aetherctl} and the load
 * generator. Thread-safe: one instance can serve many virtual threads.
 *
 * <pre>{@code
 * try (RpcClient rpc = new RpcClient(URI.create("http://127.0.0.1:8545"))) {
 *   String txId = rpc.call("aeth_sendRawTransaction", "0x…").textValue();
 *   JsonNode receipt = rpc.call("aeth_getTransactionReceipt", txId);
 * }
 * }</pre>
 */
public final class RpcClient implements AutoCloseable {
  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper mapper = JsonRpcDispatcher.newMapper();
  private final AtomicLong nextId = new AtomicLong(1);

  public RpcClient(URI endpoint) {
    this(endpoint, Duration.ofSeconds(10));
  }

  public RpcClient(URI endpoint, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Calls {@code method} with positional params (converted with Jackson: strings, numbers,
   * booleans, JsonNodes, lists and maps) and returns its result, JSON {@code null} included.
   *
   * @throws RpcClientException.Remote when the server returns an error object
   * @throws RpcClientException.Transport when no JSON-RPC answer arrives
   */
  public JsonNode call(String method, Object... params) {
    ArrayNode array = mapper.createArrayNode();
    for (Object p : params) {
      array.add(p == null ? mapper.nullNode() : mapper.<JsonNode>valueToTree(p));
    }
    return call(method, (JsonNode) array);
  }

  /** Calls {@code method} with params given as a JSON array or object. */
  public JsonNode call(String method, JsonNode params) {
    long id = nextId.getAndIncrement();
    ObjectNode req = mapper.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("method", method);
    req.set("params", params);
    req.put("id", id);
    JsonNode resp = post(req);
    JsonNode error = resp.get("error");
    if (error != null && error.isObject()) {
      throw new RpcClientException.Remote(
          error.path("code").asInt(),
          error.path("message").asText(),
          Optional.ofNullable(error.get("data")));
    }
    if (!resp.has("result")
        || !resp.path("id").isIntegralNumber()
        || resp.get("id").asLong() != id) {
      throw new RpcClientException.Transport("malformed JSON-RPC response from " + endpoint, null);
    }
    return resp.get("result");
  }

  /**
   * Sends one request. A connection that closes before any answer (typically a pooled keep-alive
   * connection the server had just closed as idle: "header parser received no bytes") is retried
   * once on a fresh connection. That is safe because every Aether method is idempotent: reads
   * trivially, and a resubmitted transaction is the same bytes with the same id (at worst answered
   * {@code mempool.already_known}). Timeouts are not retried.
   */
  private JsonNode post(JsonNode req) {
    HttpResponse<byte[]> response;
    try {
      HttpRequest httpReq =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(req)))
              .build();
      try {
        response = http.send(httpReq, HttpResponse.BodyHandlers.ofByteArray());
      } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
        throw e;
      } catch (IOException e) {
        response = http.send(httpReq, HttpResponse.BodyHandlers.ofByteArray());
      }
    } catch (IOException e) {
      throw new RpcClientException.Transport("cannot reach " + endpoint + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcClientException.Transport("interrupted while calling " + endpoint, e);
    }
    try {
      JsonNode body = mapper.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw new RpcClientException.Transport(
            "HTTP " + response.statusCode() + " without a JSON-RPC response from " + endpoint,
            null);
      }
      return body;
    } catch (JacksonException e) {
      throw new RpcClientException.Transport(
          "HTTP " + response.statusCode() + " with a non-JSON body from " + endpoint, e);
    } catch (IOException e) {
      throw new RpcClientException.Transport("unreadable response from " + endpoint, e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    http.close();
  }
}
