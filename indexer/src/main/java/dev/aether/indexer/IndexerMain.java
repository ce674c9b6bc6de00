package dev.aether.indexer;

import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisException;
import dev.aether.genesis.GenesisParser;
import dev.aether.indexer.db.Database;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aether-indexer}: follows a node's block stream into PostgreSQL and serves the explorer,
 * GraphQL and REST. Embedded PostgreSQL unless {@code --jdbc-url} names a server. Exit codes: 0
 * stopped, 1 failure, 2 bad input; errors are one {@code error: ...} line on stderr.
 */
@Command(
    name = "aether-indexer",
    mixinStandardHelpOptions = true,
    description = "Index an Aether chain into PostgreSQL; serve the explorer, GraphQL and REST.")
public final class IndexerMain implements Callable<Integer> {
  @Option(
      names = "--grpc",
      defaultValue = "127.0.0.1:9200",
      description = "the node's gRPC block stream, host:port (default ${DEFAULT-VALUE})")
  String grpc;

  @Option(
      names = "--rpc",
      defaultValue = "http://127.0.0.1:8545",
      description =
          "the node's JSON-RPC URL for validators, finality and the explorer's proofs;"
              + " 'none' to go without (default ${DEFAULT-VALUE})")
  String rpc;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      description = "explorer, GraphQL and REST address, host:port (default ${DEFAULT-VALUE})")
  String listen;

  @Option(
      names = "--data",
      defaultValue = "indexer-data",
      description = "embedded PostgreSQL's directory (default ./${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--pg-port",
      defaultValue = "0",
      description = "embedded PostgreSQL's loopback port; 0 picks a free one")
  int pgPort;

  @Option(
      names = "--jdbc-url",
      description =
          "use this PostgreSQL server instead of the embedded one, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/aether (password from $AETHER_INDEXER_DB_PASSWORD)")
  String jdbcUrl;

  @Option(names = "--jdbc-user", defaultValue = "postgres", description = "database user")
  String jdbcUser;

  @Option(
      names = "--genesis",
      description =
          "the chain's genesis file: credits its balances at height 0 (checked against the"
              + " chain) and gives the slot length")
  Path genesis;

  @Option(
      names = "--slot-ms",
      description = "slot length for TPS figures (default: the genesis file's, else 500)")
  Long slotMs;

  @Option(names = "--log-level", defaultValue = "INFO", description = "INFO, FINE, WARNING")
  String logLevel;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code. */
  static int run(String[] args, PrintWriter err) {
    CommandLine cl = new CommandLine(new IndexerMain());
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof IndexerException ie) {
            err.println("error: " + ie.getMessage() + " (" + ie.code() + ")");
            return ie.userError() ? 2 : 1;
          }
          err.println("error: " + ex.getMessage());
          return 1;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Level level;
    try {
      level = Level.parse(logLevel);
    } catch (IllegalArgumentException e) {
      throw new IndexerException.BadConfig("--log-level: unknown level " + logLevel);
    }
    Logger.getLogger("").setLevel(level);
    for (var h : Logger.getLogger("").getHandlers()) {
      h.setLevel(level);
    }
    HostPort g = HostPort.parse(grpc, "--grpc");
    HostPort l = HostPort.parse(listen, "--listen");
    Optional<URI> node = Optional.empty();
    if (!rpc.equals("none")) {
      try {
        node = Optional.of(URI.create(rpc));
      } catch (IllegalArgumentException e) {
        throw new IndexerException.BadConfig("--rpc: not a URL: " + rpc);
      }
    }
    Optional<GenesisConfig> gen = Optional.empty();
    if (genesis != null) {
      try {
        gen = Optional.of(GenesisParser.parse(genesis));
      } catch (GenesisException e) {
        throw new IndexerException.BadConfig("--genesis: " + e.getMessage());
      }
    }
    long slot = slotMs != null ? slotMs : gen.map(c -> c.chain().slotMs()).orElse(500L);
    if (slot <= 0) {
      throw new IndexerException.BadConfig("--slot-ms must be positive");
    }
    if (pgPort < 0 || pgPort > 65535) {
      throw new IndexerException.BadConfig("--pg-port must be 0..65535");
    }
    Database db =
        jdbcUrl != null
            ? Database.external(jdbcUrl, jdbcUser, System.getenv("AETHER_INDEXER_DB_PASSWORD"), 16)
            : Database.embedded(data.toAbsolutePath(), pgPort, 16);
    Indexer ix;
    try {
      ix =
          Indexer.start(
              db,
              new Indexer.Config(
                  g.host(), g.port(), node, new InetSocketAddress(l.host(), l.port()), gen, slot));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(ix::close));
    System.out.println(
        "aether-indexer: following "
            + grpc
            + ", explorer on http://"
            + l.host()
            + ":"
            + ix.httpPort()
            + "/ (database "
            + db.url()
            + ")");
    ix.awaitFollower();
    if (ix.failure().isPresent()) {
      throw ix.failure().get();
    }
    return 0;
  }

  /** host:port. */
  record HostPort(String host, int port) {
    static HostPort parse(String s, String option) {
      int colon = s.lastIndexOf(':');
      try {
        int port = Integer.parseInt(s.substring(colon + 1));
        if (colon <= 0 || port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return new HostPort(s.substring(0, colon), port);
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new IndexerException.BadConfig(option + " must be host:port, got '" + s + "'");
      }
    }
  }
}
