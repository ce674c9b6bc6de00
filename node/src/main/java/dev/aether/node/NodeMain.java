package dev.aether.node;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aether-node --config node.toml}: runs one node until SIGTERM or Ctrl-C. */
@Command(name = "aether-node", mixinStandardHelpOptions = true, description = "Run an Aether node.")
public final class NodeMain implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "node.toml")
  Path config;

  @Option(names = "--log-level", defaultValue = "INFO", description = "INFO, FINE, WARNING ...")
  String logLevel;

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
      cfg = NodeConfig.load(config);
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println(
        "node "
            + cfg.name()
            + " started; rpc "
            + node.rpcAddress().map(Object::toString).orElse("off"));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }
}
