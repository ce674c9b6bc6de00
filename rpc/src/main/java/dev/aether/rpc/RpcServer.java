package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The Aether JSON-RPC 2.0 server over HTTP: the {@code aeth_*} methods over a {@link ChainBackend},
 * {@code rpc.discover}, and any extra methods the node registers (a devnet faucet, say). Built on
 * the JDK's HTTP server with one virtual thread per exchange, so a slow backend call blocks only
 * its own request.
 */
public final class RpcServer implements AutoCloseable {
  /** The OpenRPC document, also returned by {@code rpc.discover}. */
  public static final String OPENRPC_RESOURCE = "/openrpc.json";

  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /**
   * The JDK server keeps at most this many idle keep-alive connections (its default, 200, is below
   * what a load generator or a busy wallet backend opens) and closes the rest as they go idle; a
   * client reusing one of those gets a connection closed with no response.
   */
  private static final String MAX_IDLE_PROPERTY = "sun.net.httpserver.maxIdleConnections";

  static final int MAX_IDLE_CONNECTIONS = 4_096;

  private final HttpServer http;
  private final ExecutorService executor;

  private RpcServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  /** Starts a server with the standard methods only. */
  public static RpcServer start(ChainBackend backend, RpcConfig config) {
    return builder(backend, config).start();
  }

  public static Builder builder(ChainBackend backend, RpcConfig config) {
    return new Builder(backend, config);
  }

  /** The bound address (with the real port when the config asked for port 0). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://host:port/}, what {@link RpcClient} takes. */
  public URI uri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Stops accepting, lets exchanges in flight finish for up to a second, then stops. */
  @Override
  public void close() {
    http.stop(1);
    executor.close();
  }

  /** The OpenRPC document shipped in this module. */
  public static JsonNode openRpcDocument() {
    try (InputStream in = RpcServer.class.getResourceAsStream(OPENRPC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENRPC_RESOURCE + " missing from the aether-rpc jar");
      }
      return JsonRpcDispatcher.newMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + OPENRPC_RESOURCE, e);
    }
  }

  /** Assembles a server: standard methods, extra methods, then {@link #start()}. */
  public static final class Builder {
    private final RpcConfig config;
    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();
    private LongSupplier nanoClock = System::nanoTime;
    private int maxInFlight = HttpTransport.MAX_IN_FLIGHT;

    private Builder(ChainBackend backend, RpcConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      methods.putAll(AethMethods.over(Objects.requireNonNull(backend, "backend")));
      JsonNode discover = openRpcDocument();
      methods.put("rpc.discover", params -> bindNone(params, discover));
    }

    /**
     * Adds a method beyond the standard set. Names starting with {@code rpc.} are reserved by
     * JSON-RPC 2.0, and standard methods cannot be replaced.
     */
    public Builder method(String name, RpcMethod method) {
      Objects.requireNonNull(method, "method");
      if (name.isEmpty() || name.startsWith("rpc.")) {
        throw new IllegalArgumentException("reserved or empty method name '" + name + "'");
      }
      if (methods.putIfAbsent(name, method) != null) {
        throw new IllegalArgumentException("method '" + name + "' already registered");
      }
      return this;
    }

    /** Replaces the rate limiter's clock; tests use it to control refills. */
    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the limit of requests served at once; tests use a small one. */
    Builder maxInFlight(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxInFlight must be >= 1");
      }
      this.maxInFlight = n;
      return this;
    }

    /** Binds the port and starts serving. */
    public RpcServer start() {
      disableNagle();
      JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, config.maxBatch());
      RateLimiter limiter =
          new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), nanoClock, 100_000);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      try {
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        http.createContext(
            "/", new HttpTransport(dispatcher, limiter, config.maxRequestBytes(), maxInFlight));
        http.setExecutor(executor);
        http.start();
        return new RpcServer(http, executor);
      } catch (IOException e) {
        executor.close();
        throw new UncheckedIOException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
      }
    }

    /**
     * The JDK server leaves Nagle's algorithm on unless this property is set before it first loads
     * (it is read once per JVM). With keep-alive, Nagle plus the client's delayed ACK stalled every
     * multi-segment response (a block with its transactions) by about 40 ms. An explicit setting by
     * the operator wins.
     */
    private static void disableNagle() {
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
      if (System.getProperty(MAX_IDLE_PROPERTY) == null) {
        System.setProperty(MAX_IDLE_PROPERTY, Integer.toString(MAX_IDLE_CONNECTIONS));
      }
    }

    private static JsonNode bindNone(Params params, JsonNode doc) {
      params.bind(0);
      return doc;
    }
  }
}
