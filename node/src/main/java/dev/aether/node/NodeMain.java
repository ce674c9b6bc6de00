package dev.aether.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aether-node --config node.toml}: runs one node until SIGTERM or Ctrl-C. */
@Command(name = "aether-node", mixinStandardHelpOptions = true, description = "Run an Aether node.")
public final class NodeMain implements Callable<Integer> {
  /** Exit status of a node halted by a protocol upgrade it does not implement. */
  public static final int HALTED = 3;

  @Option(names = "--config", required = true, description = "node.toml")
  Path config;

  @Option(names = "--log-level", defaultValue = "INFO", description = "INFO, FINE, WARNING ...")
  String logLevel;

  @Option(
      names = "--set",
      paramLabel = "SECTION.KEY=VALUE",
      description = "Override any config value, e.g. --set sync.snapshot_interval=500 (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--data-dir", description = "Overrides [node].data_dir")
  Path dataDir;

  @Option(names = "--p2p-listen", paramLabel = "HOST:PORT", description = "Overrides [p2p].listen")
  String p2pListen;

  @Option(names = "--rpc-listen", paramLabel = "HOST:PORT", description = "Overrides [rpc].listen")
  String rpcListen;

  @Option(
      names = "--metrics-listen",
      paramLabel = "HOST:PORT",
      description = "Overrides [metrics].listen")
  String metricsListen;

  @Option(names = "--no-state-sync", description = "Never state-sync at start-up (block sync only)")
  boolean noStateSync;

  /** The named flags as {@code section.key=value} overrides, after the generic ones. */
  List<String> allOverrides() {
    List<String> out = new ArrayList<>(overrides);
    if (dataDir != null) {
      out.add("node.data_dir=" + quoted(dataDir.toAbsolutePath().toString()));
    }
    if (p2pListen != null) {
      out.add("p2p.listen=" + quoted(p2pListen));
    }
    if (rpcListen != null) {
      out.add("rpc.listen=" + quoted(rpcListen));
    }
    if (metricsListen != null) {
      out.add("metrics.listen=" + quoted(metricsListen));
    }
    if (noStateSync) {
      out.add("sync.state_sync=false");
    }
    return out;
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public Integer call() throws Exception {
    java.util.logging.Level level;
    try {
      level = java.util.logging.Level.parse(logLevel);
    } catch (IllegalArgumentException e) {
      System.err.println("error: unknown --log-level " + logLevel);
      return 2;
    }
    // The level applies to Aether's own loggers; libraries stay at INFO.
    java.util.logging.Logger.getLogger("dev.aether").setLevel(level);
    for (var h : java.util.logging.Logger.getLogger("").getHandlers()) {
      h.setLevel(level);
    }
    NodeConfig cfg;
    try {
      cfg = NodeConfig.load(config, allOverrides());
    } catch (NodeConfig.ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Node node;
    try {
      node = Node.start(cfg);
    } catch (Exception e) {
      System.err.println("error: node " + cfg.name() + " failed to start: " + e.getMessage());
      return 1;
    }
    java.util.concurrent.CompletableFuture<Integer> exit =
        new java.util.concurrent.CompletableFuture<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  exit.complete(0);
                }));
    // The node stopped itself: a governance upgrade this binary does not implement (exit 3), or a
    // fail-stop (exit 1) so a supervisor restarts it or an operator looks, never running on
    // half-broken.
    node.halted()
        .thenAccept(
            halt -> {
              System.err.println(halt.message());
              exit.complete(halt.exitStatus());
            });
    System.out.println(
        "node "
            + cfg.name()
            + " started; rpc "
            + node.rpcAddress().map(Object::toString).orElse("off"));
    return exit.get();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }
}
