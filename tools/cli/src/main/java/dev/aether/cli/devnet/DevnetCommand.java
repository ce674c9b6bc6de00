package dev.aether.cli.devnet;

import dev.aether.cli.CliException;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.RpcClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aetherctl devnet run|up|join|down|status|genesis}: a local devnet without containers. */
@Command(
    name = "devnet",
    description = "Run a local devnet (validators + RPC) without containers.",
    subcommands = {
      DevnetCommand.Run.class,
      DevnetCommand.Up.class,
      DevnetCommand.Join.class,
      DevnetCommand.Down.class,
      DevnetCommand.Status.class,
      DevnetCommand.Genesis.class
    })
public final class DevnetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every devnet subcommand shares. */
  static class Where {
    @Option(
        names = "--dir",
        defaultValue = "devnet",
        description = "devnet folder (default ./devnet)")
    Path dir;

    @Option(
        names = "--genesis",
        defaultValue = "config/genesis.toml",
        description = "genesis file (default config/genesis.toml)")
    Path genesis;

    @Option(names = "--validators", defaultValue = "4", description = "validators (default 4)")
    int validators;

    Devnet devnet() {
      if (validators < 1 || validators > 16) {
        throw new CliException("--validators must be 1..16", 2);
      }
      Path home = Path.of(System.getProperty("aether.home", "."));
      return new Devnet(home, dir, genesis, validators);
    }
  }

  /** Options of the subcommands that write configs and start validators. */
  static class Launch extends Where {
    @Option(names = "--fresh", description = "wipe the devnet folder first")
    boolean fresh;

    @Option(
        names = "--epoch-slots",
        defaultValue = "0",
        description =
            "slots per epoch of the devnet's genesis copy (default 0: the genesis file's own;"
                + " config/genesis.toml has 40 = 20 s, so a validator joins within a minute)")
    long epochSlots;

    @Option(
        names = "--rtt-ms",
        defaultValue = "0",
        description =
            "devnet/test only: round-trip time injected between validators, in ms (0..10000;"
                + " in-process delay, not netem; default 0)")
    long rttMs;

    @Option(
        names = "--no-indexer",
        description =
            "do not run aether-indexer (the explorer on http://127.0.0.1:8080/) beside the"
                + " validators")
    boolean noIndexer;

    @Option(
        names = "--port-offset",
        defaultValue = "0",
        description =
            "move every port (RPC 8545, P2P, gRPC, metrics) by N, to run beside another devnet"
                + " (0..20000; default 0)")
    int portOffset;

    /** Writes the configs (with the injected RTT) and returns the devnet to start. */
    Devnet prepared() throws IOException {
      if (rttMs < 0 || rttMs > dev.aether.node.NodeConfig.MAX_INJECT_RTT_MS) {
        throw new CliException(
            "--rtt-ms must be 0.." + dev.aether.node.NodeConfig.MAX_INJECT_RTT_MS, 2);
      }
      if (portOffset < 0 || portOffset > 20_000) {
        throw new CliException("--port-offset must be 0..20000", 2);
      }
      if (epochSlots != 0 && (epochSlots < 3 || epochSlots > 1_000_000)) {
        throw new CliException("--epoch-slots must be 0 or 3..1000000", 2);
      }
      Devnet d =
          devnet()
              .withInjectedRtt(rttMs)
              .withIndexer(!noIndexer)
              .withPortOffset(portOffset)
              .withEpochSlots(epochSlots);
      d.prepare(fresh);
      return d;
    }
  }

  @Command(name = "run", description = "Start the devnet in the foreground; Ctrl-C stops it.")
  static final class Run extends Launch implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Devnet d = prepared();
      d.start();
      PrintStream out = System.out;
      d.printWelcome(out);
      CountDownLatch done = new CountDownLatch(1);
      Thread stopper =
          new Thread(
              () -> {
                out.println();
                out.println("stopping validators...");
                try {
                  out.println("stopped " + d.stop(Duration.ofSeconds(15)) + " validators");
                } catch (IOException e) {
                  out.println("error: " + e.getMessage());
                }
                done.countDown();
              });
      Runtime.getRuntime().addShutdownHook(stopper);
      try (RpcClient client = new RpcClient(d.rpc(), Duration.ofSeconds(2))) {
        long[] totals = new long[2];
        while (done.getCount() > 0) {
          out.print("\r" + d.statusLine(client, totals) + "   ");
          out.flush();
          if (d.running() == 0) {
            out.println();
            out.println("all validators exited; see " + d.dir().resolve("v0/node.log"));
            return 1;
          }
          Thread.sleep(1000);
        }
      }
      return 0;
    }
  }

  @Command(name = "up", description = "Start the devnet in the background.")
  static final class Up extends Launch implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Devnet d = prepared();
      int n = d.start().size();
      d.printWelcome(System.out);
      System.out.println("started " + n + " validators; stop with: aetherctl devnet down");
      return 0;
    }
  }

  @Command(
      name = "join",
      description =
          "Start one more node on the running devnet with a key file (it validates once its stake"
              + " puts it in an epoch's set).")
  static final class Join extends Where implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "key file")
    Path key;

    @Option(
        names = "--index",
        required = true,
        paramLabel = "N",
        description = "node number: its folder vN and ports base + N (>= --validators)")
    int index;

    @Override
    public Integer call() throws Exception {
      Devnet d = devnet();
      if (index < validators || index > 63) {
        throw new CliException("--index must be " + validators + "..63", 2);
      }
      if (!java.nio.file.Files.isRegularFile(d.dir().resolve("devnet.json"))) {
        throw new CliException("no devnet in " + d.dir() + ": run aetherctl devnet up first", 2);
      }
      dev.aether.cli.keys.KeyFile.read(key); // one clear error for a bad key file
      d.join(index, key);
      System.out.println(
          "started node "
              + index
              + " (rpc "
              + d.rpc(index)
              + ", log "
              + d.dir().resolve("v" + index + "/node.log")
              + "); it votes from the epoch its stake first counts in");
      return 0;
    }
  }

  @Command(name = "down", description = "Stop the devnet's validators.")
  static final class Down extends Where implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      System.out.println("stopped " + devnet().stop(Duration.ofSeconds(15)) + " validators");
      return 0;
    }
  }

  @Command(name = "status", description = "Print the devnet's status.")
  static final class Status extends Where implements Callable<Integer> {
    @Override
    public Integer call() {
      Devnet d = devnet();
      try (RpcClient client = new RpcClient(d.rpc(), Duration.ofSeconds(2))) {
        System.out.println(d.statusLine(client, new long[2]));
      }
      return d.running() > 0 ? 0 : 1;
    }
  }

  /** Prints the validator and balance sections for config/genesis.toml. */
  @Command(name = "genesis", description = "Print devnet [[validators]] and [[balances]] TOML.")
  static final class Genesis implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--validators", defaultValue = "4", description = "how many (default 4)")
    int validators;

    @Override
    public Integer call() {
      if (validators < 1 || validators > 100) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--validators must be 1..100");
      }
      spec.commandLine().getOut().print(DevnetGenesis.toml(validators));
      return 0;
    }
  }
}
