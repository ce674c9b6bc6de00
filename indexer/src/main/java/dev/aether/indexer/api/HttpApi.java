package dev.aether.indexer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The indexer's one HTTP port: the explorer's static files at {@code /}, GraphQL at {@code
 * /graphql}, the REST API under {@code /api/}, and {@code /rpc}, a read-only pass-through to the
 * node's JSON-RPC for the methods the explorer needs to verify what it shows (the browser checks
 * the proofs itself, so the pass-through adds no trust). One virtual thread per request; request
 * bodies are capped; errors are JSON with a message, never a stack trace.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BODY = 64 * 1024;

  /** Node methods the explorer may call through {@code /rpc}: reads only. */
  static final Set<String> RPC_METHODS =
      Set.of(
          "aeth_chainId",
          "aeth_getBlockByNumber",
          "aeth_getTransactionReceipt",
          "aeth_getBlockReceipt",
          "aeth_getStateRoot",
          "aeth_getAccount",
          "aeth_getBalance",
          "aeth_getValidators",
          "aeth_getStake",
          "aeth_getFinalityProof",
          "aeth_getJob",
          "aeth_syncing");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final GraphQlApi graphql;
  private final Optional<URI> nodeRpc;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Rest rest;

  /**
   * @param nodeRpc the node's JSON-RPC URL for {@code /rpc}, or empty to answer it with 503
   */
  public HttpApi(InetSocketAddress bind, GraphQlApi graphql, Optional<URI> nodeRpc)
      throws IOException {
    this.graphql = graphql;
    this.nodeRpc = nodeRpc;
    this.rest = new Rest(graphql);
    server = HttpServer.create(bind, 256);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("explorer, GraphQL and REST on http://" + hostPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private String hostPort() {
    return server.getAddress().getHostString() + ":" + port();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      route(ex);
    }
  }

  private void route(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/graphql")) {
        graphql(ex);
      } else if (path.equals("/graphql/schema.graphqls")) {
        send(
            ex,
            200,
            "text/plain; charset=utf-8",
            GraphQlApi.schemaText().getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith("/api/")) {
        if (!ex.getRequestMethod().equals("GET")) {
          error(ex, 405, "the REST API is read-only: use GET");
          return;
        }
        Rest.Answer a = rest.answer(path.substring(4), query(ex.getRequestURI().getRawQuery()));
        sendJson(ex, a.status(), a.body());
      } else if (path.equals("/rpc")) {
        rpc(ex);
      } else if (path.equals("/health")) {
        send(ex, 200, "text/plain", "ok\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        staticFile(ex, path);
      }
    } catch (BadInput e) {
      error(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request failed: " + ex.getRequestURI(), e);
      error(ex, 500, "internal error");
    }
  }

  private void graphql(HttpExchange ex) throws IOException {
    String query;
    Map<String, Object> variables = Map.of();
    String operation = null;
    switch (ex.getRequestMethod()) {
      case "GET" -> {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        query = q.get("query");
        if (q.containsKey("variables")) {
          variables = parseVariables(q.get("variables"));
        }
        operation = q.get("operationName");
      }
      case "POST" -> {
        byte[] body = body(ex);
        if (body == null) {
          return;
        }
        JsonNode req;
        try {
          req = JSON.readTree(body);
        } catch (JsonProcessingException e) {
          error(ex, 400, "body is not JSON");
          return;
        }
        query = req.path("query").isTextual() ? req.path("query").asText() : null;
        if (req.hasNonNull("variables")) {
          variables = toMap(req.get("variables"));
        }
        operation =
            req.path("operationName").isTextual() ? req.path("operationName").asText() : null;
      }
      default -> {
        error(ex, 405, "use GET or POST");
        return;
      }
    }
    if (query == null || query.isBlank()) {
      error(ex, 400, "missing query");
      return;
    }
    ExecutionResult r = graphql.execute(query, variables, operation);
    sendJson(ex, 200, JSON.writeValueAsBytes(r.toSpecification()));
  }

  private static Map<String, Object> parseVariables(String s) {
    try {
      return toMap(JSON.readTree(s));
    } catch (JsonProcessingException e) {
      throw new BadInput("variables are not JSON");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(JsonNode n) {
    if (!n.isObject()) {
      throw new BadInput("variables must be a JSON object");
    }
    return JSON.convertValue(n, Map.class);
  }

  private void rpc(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      error(ex, 405, "use POST");
      return;
    }
    if (nodeRpc.isEmpty()) {
      error(ex, 503, "this indexer has no node RPC configured (--rpc)");
      return;
    }
    byte[] body = body(ex);
    if (body == null) {
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      error(ex, 400, "body is not JSON");
      return;
    }
    if (!req.isObject() || !RPC_METHODS.contains(req.path("method").asText())) {
      error(
          ex,
          403,
          "only single calls of these read methods pass: " + new java.util.TreeSet<>(RPC_METHODS));
      return;
    }
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(nodeRpc.get())
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      sendJson(ex, r.statusCode(), r.body());
    } catch (IOException e) {
      error(ex, 502, "the node's RPC did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(ex, 503, "shutting down");
    }
  }

  private void staticFile(HttpExchange ex, String path) throws IOException {
    if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      error(ex, 405, "use GET");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (!name.matches("[a-z0-9][a-z0-9._-]*") || name.contains("..")) {
      error(ex, 404, "no such page");
      return;
    }
    try (InputStream in = HttpApi.class.getResourceAsStream("/explorer/" + name)) {
      if (in == null) {
        error(ex, 404, "no such page");
        return;
      }
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      send(ex, 200, contentType(name), in.readAllBytes());
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  /** The request body, or null after answering 413 when it is over {@link #MAX_BODY}. */
  private static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length > MAX_BODY) {
        error(ex, 413, "request body over " + MAX_BODY + " bytes");
        return null;
      }
      return b;
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      try {
        m.put(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadInput("bad query string");
      }
    }
    return m;
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.putObject("error").put("message", message);
    sendJson(ex, status, JSON.writeValueAsBytes(n));
  }

  private static void sendJson(HttpExchange ex, int status, byte[] body) throws IOException {
    send(ex, status, "application/json", body);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
