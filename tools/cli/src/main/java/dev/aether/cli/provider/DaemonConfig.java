package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.aether.cli.CliException;
import dev.aether.mesh.tee.TeeMode;
import dev.aether.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A provider or watcher daemon's configuration file (TOML, {@code config/provider.example.toml}
 * documents every key). Unknown keys are refused so a typo never silently falls back to a default.
 *
 * @param rpc the node's JSON-RPC endpoint
 * @param key the account key file (signs transactions and, as a provider, receipts)
 * @param stateDir where the daemon keeps its cursor, per-job state and receipts across restarts
 * @param provider whether it accepts and runs jobs
 * @param watcher whether it re-runs other providers' receipts and challenges false ones
 * @param tee how the provider chooses its TEE: {@code auto} (hardware if present, else the
 *     development TEE where genesis allows it), {@code sev-snp}, {@code tdx} or {@code dev}
 * @param teeKey the development TEE key file (required for {@code tee = "dev"}; lets {@code auto}
 *     fall back to the development TEE on a machine without TEE hardware)
 * @param teeCollateral certificate files and Intel PCS bundles added to every receipt's collateral
 *     (TDX TCB info and QE identity; an SEV-SNP VCEK where the host supplies none)
 * @param register whether to register (or re-register) the account as a provider at start
 * @param runtimeArtifact the runtime artifact named as code hash (default: the engine's jar)
 * @param modelsDir extra model folders (default: the bundled models)
 * @param models the models it serves, by name or hash (empty: every model it has)
 * @param posters the only accounts whose jobs it takes (empty: anyone's) — a provider dedicated to
 *     its customers
 * @param minPrice the lowest {@code max_price} (AIC base units) it accepts a job for
 * @param maxBond the largest bond (AIC base units) it locks for one job
 * @param maxConcurrent jobs run at once
 * @param maxQueue jobs accepted beyond those running
 * @param threads engine threads per job
 * @param rerunPercent the share of other providers' receipts a watcher re-runs (0..100)
 * @param pollMs how often it reads the chain
 * @param feeCap SWR fee cap per transaction
 * @param falsifyStep TEST ONLY: falsify this step of every job it runs (the demo's cheater)
 * @param stream the node's gRPC block stream ({@code host:port}) to follow final blocks on; empty:
 *     poll JSON-RPC every {@code poll_ms}
 */
public record DaemonConfig(
    URI rpc,
    Path key,
    Path stateDir,
    boolean provider,
    boolean watcher,
    TeeMode tee,
    Optional<Path> teeKey,
    List<Path> teeCollateral,
    boolean register,
    Optional<Path> runtimeArtifact,
    Optional<Path> modelsDir,
    List<String> models,
    List<Address> posters,
    BigInteger minPrice,
    BigInteger maxBond,
    int maxConcurrent,
    int maxQueue,
    int threads,
    int rerunPercent,
    long pollMs,
    long feeCap,
    Optional<Integer> falsifyStep,
    Optional<String> stream) {

  private static final Set<String> KEYS =
      Set.of(
          "rpc",
          "key",
          "state_dir",
          "roles",
          "tee",
          "tee_key",
          "tee_collateral",
          "register",
          "runtime_artifact",
          "models_dir",
          "models",
          "posters",
          "min_price",
          "max_bond",
          "max_concurrent",
          "max_queue",
          "threads",
          "rerun_percent",
          "poll_ms",
          "fee_cap",
          "stream",
          "test_only_falsify_step");

  /** Copies the list. */
  public DaemonConfig {
    models = List.copyOf(models);
    posters = List.copyOf(posters);
    teeCollateral = List.copyOf(teeCollateral);
  }

  /** Reads and checks {@code file}; relative paths are relative to the file's folder. */
  public static DaemonConfig read(Path file) {
    JsonNode n;
    try {
      n = new TomlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CliException(file + ": cannot read: " + firstLine(e.getMessage()), 2);
    }
    return parse(n, file.toAbsolutePath().getParent());
  }

  static DaemonConfig parse(JsonNode n, Path base) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw bad("unknown key " + k);
      }
    }
    List<String> roles = strings(n, "roles", List.of("provider"));
    for (String r : roles) {
      if (!r.equals("provider") && !r.equals("watcher")) {
        throw bad("roles: provider and/or watcher, got " + r);
      }
    }
    if (roles.isEmpty()) {
      throw bad("roles: name provider, watcher or both");
    }
    String teeName = text(n, "tee").orElse("auto");
    TeeMode tee =
        TeeMode.parse(teeName)
            .orElseThrow(() -> bad("tee: auto, sev-snp, tdx or dev, got \"" + teeName + "\""));
    boolean provider = roles.contains("provider");
    Optional<Path> teeKey = text(n, "tee_key").map(base::resolve);
    if (provider && tee == TeeMode.DEV && teeKey.isEmpty()) {
      throw bad("tee_key is required for tee = \"dev\" (the development TEE's key file)");
    }
    int maxConcurrent = intIn(n, "max_concurrent", 1, 1, 64);
    int maxQueue = intIn(n, "max_queue", 4, 0, 1_024);
    int threads = intIn(n, "threads", 1, 1, 256);
    int rerun = intIn(n, "rerun_percent", 100, 0, 100);
    long poll = intIn(n, "poll_ms", 500, 50, 60_000);
    Optional<Integer> falsify =
        n.has("test_only_falsify_step")
            ? Optional.of(intIn(n, "test_only_falsify_step", 0, 1, 1 << 20))
            : Optional.empty();
    return new DaemonConfig(
        URI.create(text(n, "rpc").orElse("http://127.0.0.1:8545")),
        base.resolve(text(n, "key").orElseThrow(() -> bad("key is required"))),
        base.resolve(text(n, "state_dir").orElseThrow(() -> bad("state_dir is required"))),
        provider,
        roles.contains("watcher"),
        tee,
        teeKey,
        strings(n, "tee_collateral", List.of()).stream().map(base::resolve).toList(),
        n.path("register").asBoolean(provider),
        text(n, "runtime_artifact").map(base::resolve),
        text(n, "models_dir").map(base::resolve),
        strings(n, "models", List.of()),
        strings(n, "posters", List.of()).stream().map(DaemonConfig::address).toList(),
        amount(n, "min_price", BigInteger.ONE),
        amount(n, "max_bond", BigInteger.valueOf(1_000_000)),
        maxConcurrent,
        maxQueue,
        threads,
        rerun,
        poll,
        intIn(n, "fee_cap", 50_000_000, 1, Integer.MAX_VALUE),
        falsify,
        text(n, "stream").map(DaemonConfig::hostPort));
  }

  /** {@code host:port} with a port in 1..65535, as given. */
  private static String hostPort(String s) {
    int colon = s.lastIndexOf(':');
    boolean ok = colon > 0 && colon < s.length() - 1;
    if (ok) {
      try {
        int port = Integer.parseInt(s.substring(colon + 1));
        ok = port >= 1 && port <= 65_535;
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw bad("stream: host:port of the node's gRPC block stream, got \"" + s + "\"");
    }
    return s;
  }

  private static Optional<String> text(JsonNode n, String k) {
    JsonNode v = n.get(k);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw bad(k + ": a string");
    }
    return Optional.of(v.asText());
  }

  private static List<String> strings(JsonNode n, String k, List<String> dflt) {
    JsonNode v = n.get(k);
    if (v == null) {
      return dflt;
    }
    if (!v.isArray()) {
      throw bad(k + ": a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw bad(k + ": a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static int intIn(JsonNode n, String k, int dflt, int min, int max) {
    JsonNode v = n.get(k);
    if (v == null) {
      return dflt;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw bad(k + ": an integer " + min + ".." + max);
    }
    return v.asInt();
  }

  private static BigInteger amount(JsonNode n, String k, BigInteger dflt) {
    JsonNode v = n.get(k);
    if (v == null) {
      return dflt;
    }
    try {
      BigInteger b = v.isIntegralNumber() ? v.bigIntegerValue() : new BigInteger(v.asText());
      if (b.signum() < 0) {
        throw new NumberFormatException();
      }
      return b;
    } catch (NumberFormatException e) {
      throw bad(k + ": a non-negative integer amount in AIC base units");
    }
  }

  private static Address address(String a) {
    try {
      return Address.fromHex(a);
    } catch (IllegalArgumentException e) {
      throw bad("posters: not an address: " + a);
    }
  }

  private static CliException bad(String m) {
    return new CliException("config: " + m, 2);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
