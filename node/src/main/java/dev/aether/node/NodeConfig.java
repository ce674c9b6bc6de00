package dev.aether.node;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * @param sync snapshots served and state sync at start-up ({@code [sync]})
 * @param injectRttMs test/devnet only: round-trip time added between this node and its peers, each
 *     outbound frame held {@code injectRttMs / 2} ms (0 = none; see docs/node.md)
 * @param testDoubleSign DEVNET TEST SWITCH {@code [testing].double_sign}: this validator signs two
 *     different proposals per round it leads, so that slashing can be tested end to end; the node
 *     refuses to start with it unless the genesis is a devnet's (false by default)
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
    long injectRttMs,
    Sync sync,
    boolean testDoubleSign) {

  /**
   * {@code [sync]}: snapshots this node takes and serves, and when it state-syncs at start-up.
   *
   * @param snapshotInterval take a state snapshot every this many heights (0 = never)
   * @param stateSync whether to state-sync at start-up when far behind
   * @param stateSyncAfter state-sync only when the newest vouched snapshot is at least this many
   *     blocks above the local head (below that, block sync is cheaper)
   * @param chunkBits state is downloaded in {@code 2^chunkBits} key-range chunks
   * @param discoveryMs how long to wait for validators' snapshot offers
   */
  public record Sync(
      long snapshotInterval,
      boolean stateSync,
      long stateSyncAfter,
      int chunkBits,
      long discoveryMs) {
    public static final Sync DEFAULTS = new Sync(1_000, true, 1_000, 10, 5_000);

    public Sync {
      if (snapshotInterval < 0) {
        throw new ConfigException("[sync].snapshot_interval: must be >= 0");
      }
      if (stateSyncAfter < 1) {
        throw new ConfigException("[sync].state_sync_after: must be >= 1");
      }
      if (chunkBits < 0 || chunkBits > 16) {
        throw new ConfigException("[sync].chunk_bits: must be 0..16");
      }
      if (discoveryMs < 0 || discoveryMs > 600_000) {
        throw new ConfigException("[sync].discovery_ms: must be 0..600000");
      }
    }

    static Sync parse(JsonNode t) {
      if (t.isMissingNode()) {
        return DEFAULTS;
      }
      if (!t.isObject()) {
        throw new ConfigException("[sync]: must be a table");
      }
      return new Sync(
          integer(t, "snapshot_interval", DEFAULTS.snapshotInterval),
          bool(t, "state_sync", DEFAULTS.stateSync),
          integer(t, "state_sync_after", DEFAULTS.stateSyncAfter),
          Math.toIntExact(integer(t, "chunk_bits", DEFAULTS.chunkBits)),
          integer(t, "discovery_ms", DEFAULTS.discoveryMs));
    }

    private static long integer(JsonNode t, String key, long dflt) {
      JsonNode n = t.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw new ConfigException("[sync]." + key + ": must be an integer");
      }
      return n.asLong();
    }

    private static boolean bool(JsonNode t, String key, boolean dflt) {
      JsonNode n = t.get(key);
      if (n == null) {
        return dflt;
      }
      if (!n.isBoolean()) {
        throw new ConfigException("[sync]." + key + ": must be true or false");
      }
      return n.asBoolean();
    }
  }

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
    return load(file, List.of());
  }

  /**
   * Loads {@code file} with command-line overrides applied first, each {@code section.key=value}
   * ({@code value} read as a TOML value — {@code 42}, {@code true}, {@code ["a", "b"]} — or else as
   * a string), so an override is validated exactly like the file.
   */
  public static NodeConfig load(Path file, List<String> overrides) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid TOML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + file);
    }
    for (String o : overrides) {
      override(root, o);
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
        injectRttMs(p2p),
        Sync.parse(root.path("sync")),
        testDoubleSign(root.path("testing")));
  }

  private static void override(JsonNode root, String assignment) {
    int eq = assignment.indexOf('=');
    int dot = assignment.indexOf('.');
    if (eq < 0 || dot < 1 || dot > eq - 2 || !(root instanceof ObjectNode top)) {
      throw new ConfigException("override '" + assignment + "': expected section.key=value");
    }
    String section = assignment.substring(0, dot);
    String key = assignment.substring(dot + 1, eq);
    String raw = assignment.substring(eq + 1);
    JsonNode value;
    try {
      value = new TomlMapper().readTree("v = " + raw).get("v");
    } catch (JacksonException e) {
      value = null;
    }
    if (value == null) {
      value = com.fasterxml.jackson.databind.node.TextNode.valueOf(raw);
    }
    JsonNode t = top.get(section);
    if (t == null) {
      t = top.putObject(section);
    } else if (!(t instanceof ObjectNode)) {
      throw new ConfigException("override '" + assignment + "': [" + section + "] is not a table");
    }
    ((ObjectNode) t).set(key, value);
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

  /** {@code [testing].double_sign}: absent means false; anything but a boolean is refused. */
  private static boolean testDoubleSign(JsonNode testing) {
    JsonNode n = testing.get("double_sign");
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new ConfigException("[testing].double_sign: must be true or false, got " + n);
    }
    return n.booleanValue();
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
