package dev.aether.rpc;

import java.util.Objects;

/**
 * Where the JSON-RPC server listens and the limits it enforces.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1}
 * @param port TCP port; 0 picks a free one
 * @param maxRequestBytes largest request body accepted; larger ones get HTTP 413 and error {@code
 *     -32006}
 * @param maxBatch most requests in one batch; more get error {@code -32007}
 * @param rateLimitPerSecond sustained calls per second per client IP; 0 turns limiting off
 * @param rateLimitBurst calls a client may make at once before the sustained rate applies
 */
public record RpcConfig(
    String host,
    int port,
    int maxRequestBytes,
    int maxBatch,
    long rateLimitPerSecond,
    long rateLimitBurst) {
  /** The devnet endpoint, {@code http://127.0.0.1:8545}. */
  public static final int DEFAULT_PORT = 8545;

  /** Fits one transaction of {@code Tx.MAX_BYTES} as hex with room to spare. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

  public RpcConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    if (rateLimitPerSecond < 0 || rateLimitBurst < 1) {
      throw new IllegalArgumentException("rate limit must be >= 0 with a burst >= 1");
    }
  }

  /**
   * Loopback on port 8545, 1 MiB bodies, batches of 100, 1,000 calls/s per client with bursts of
   * 2,000 (enough for one load generator; public nodes should set less).
   */
  public static RpcConfig defaults() {
    return new RpcConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES, 100, 1_000, 2_000);
  }

  public RpcConfig withPort(int newPort) {
    return new RpcConfig(
        host, newPort, maxRequestBytes, maxBatch, rateLimitPerSecond, rateLimitBurst);
  }

  public RpcConfig withRateLimit(long perSecond, long burst) {
    return new RpcConfig(host, port, maxRequestBytes, maxBatch, perSecond, burst);
  }

  public RpcConfig withMaxRequestBytes(int bytes) {
    return new RpcConfig(host, port, bytes, maxBatch, rateLimitPerSecond, rateLimitBurst);
  }
}
