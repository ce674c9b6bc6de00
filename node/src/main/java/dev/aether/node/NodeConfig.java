package dev.aether.node;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's configuration ({@code node.toml}); flags may override each field. Relative paths
 * resolve against the config file's folder.
 *
 * @param name shown in logs and metrics
 * @param dataDir RocksDB and snapshots
 * @param genesis the chain's genesis.toml
 * @param keyFile this node's keys (from {@code aetherctl keys new}); a full node has none
 * @param p2pListen QUIC listen address
 * @param bootnodes peers to dial at start: {@code <ed25519-node-key-hex>@host:port}
 * @param rpcListen JSON-RPC HTTP address; absent disables RPC
 * @param grpcListen block stream address; absent disables it
 * @param metricsListen Prometheus {@code /metrics} address; absent disables it
 * @param genesisTimeMs wall-clock time of slot 0 (Unix ms); the same on every node of a chain
 * @param rpcRatePerSecond JSON-RPC calls per second per client address (0 = unlimited)
 * @param injectRttMs test/devnet only: round-trip time added between this node and its peers, each
 *     outbound frame held {@code injectRttMs / 2} ms (0 = none; see docs/node.md)
 */
public record NodeConfig(
    String name,
    long genesisTimeMs,
    Path dataDir,
    Path genesis,
    java.util.Optional<Path> keyFile,
    InetSocketAddress p2pListen,
    List<String> bootnodes,
    java.util.Optional<InetSocketAddress> rpcListen,
    java.util.Optional<InetSocketAddress> grpcListen,
    java.util.Optional<InetSocketAddress> metricsListen,
    long rpcRatePerSecond,
    long injectRttMs) {

  /** Largest {@code [p2p].inject_rtt_ms}: ten seconds is already far beyond any real link. */
  public static final long MAX_INJECT_RTT_MS = 10_000;

  /** A config file that cannot be used; the message names the field. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message, null, false, false);
    }
  }

  public NodeConfig {
    bootnodes = List.copyOf(bootnodes);
    if (injectRttMs < 0 || injectRttMs > MAX_INJECT_RTT_MS) {
      throw new ConfigException(
          "[p2p].inject_rtt_ms: must be 0.." + MAX_INJECT_RTT_MS + ", got " + injectRttMs);
    }
  }

  /** The one-way delay each outbound frame waits: half the injected round trip. */
  public java.time.Duration injectedOneWayDelay() {
    return java.time.Duration.ofNanos(injectRttMs * 500_000);
  }

  public static NodeConfig load(Path file) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid TOML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + file);
    }
    Path base = file.toAbsolutePath().getParent();
    JsonNode node = section(root, "node");
    JsonNode p2p = section(root, "p2p");
    List<String> boot = new ArrayList<>();
    JsonNode b = p2p.get("bootnodes");
    if (b != null) {
      if (!b.isArray()) {
        throw new ConfigException("[p2p].bootnodes: must be an array of strings");
      }
      b.forEach(n -> boot.add(n.asText()));
    }
    JsonNode gt = node.get("genesis_time_ms");
    if (gt == null || !gt.canConvertToLong() || gt.asLong() <= 0) {
      throw new ConfigException("[node].genesis_time_ms: missing or not a positive integer");
    }
    return new NodeConfig(
        text(node, "[node].name"),
        gt.asLong(),
        base.resolve(text(node, "[node].data_dir")),
        base.resolve(text(node, "[node].genesis")),
        optionalText(node, "key_file").map(base::resolve),
        address(text(p2p, "[p2p].listen"), "[p2p].listen"),
        boot,
        optionalText(root.path("rpc"), "listen").map(a -> address(a, "[rpc].listen")),
        optionalText(root.path("grpc"), "listen").map(a -> address(a, "[grpc].listen")),
        optionalText(root.path("metrics"), "listen").map(a -> address(a, "[metrics].listen")),
        root.path("rpc").path("rate_per_second").asLong(1_000),
        injectRttMs(p2p));
  }

  /**
   * {@code [p2p].inject_rtt_ms}: absent means 0; anything but a whole number in range is refused.
   */
  private static long injectRttMs(JsonNode p2p) {
    JsonNode n = p2p.get("inject_rtt_ms");
    if (n == null) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new ConfigException(
          "[p2p].inject_rtt_ms: must be a whole number of milliseconds 0.."
              + MAX_INJECT_RTT_MS
              + ", got "
              + n);
    }
    return n.asLong();
  }

  private static JsonNode section(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || !n.isObject()) {
      throw new ConfigException("[" + name + "]: missing section");
    }
    return n;
  }

  private static String text(JsonNode table, String path) {
    JsonNode n = table.get(path.substring(path.lastIndexOf('.') + 1));
    if (n == null || !n.isTextual() || n.textValue().isBlank()) {
      throw new ConfigException(path + ": missing or not a string");
    }
    return n.textValue();
  }

  private static java.util.Optional<String> optionalText(JsonNode table, String key) {
    JsonNode n = table.get(key);
    return n == null || !n.isTextual()
        ? java.util.Optional.empty()
        : java.util.Optional.of(n.textValue());
  }

  /** Parses {@code host:port}. */
  public static InetSocketAddress address(String hostPort, String field) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException(field + ": expected host:port, got '" + hostPort + "'");
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(hostPort.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new ConfigException(field + ": invalid port in '" + hostPort + "'");
    }
  }
}
