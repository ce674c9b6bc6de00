package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.model.ModelRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl provider daemon --config FILE} ({@code bin/aether-provider}, {@code
 * bin/aether-watcher}): runs a provider and/or watcher until it is stopped (SIGTERM or Ctrl-C);
 * {@code --status} prints what its state folder holds and exits.
 */
@Command(
    name = "daemon",
    description =
        "Run a provider and/or watcher daemon from its config file (see"
            + " config/provider.example.toml) until stopped; --status prints its jobs and earnings.")
public final class DaemonCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "TOML config")
  Path config;

  @Option(names = "--status", description = "print the state folder's jobs and stats as JSON")
  boolean status;

  @Override
  public Integer call() throws InterruptedException {
    DaemonConfig c = DaemonConfig.read(config);
    if (status) {
      StateStore s = new StateStore(c.stateDir(), false);
      ObjectNode o = JSON.createObjectNode();
      o.set("stats", JSON.valueToTree(s.stats()));
      o.set("jobs", JSON.valueToTree(s.jobs()));
      spec.commandLine().getOut().println(o.toString());
      s.close();
      return 0;
    }
    Ed25519KeyPair key = KeyFiles.ed25519(c.key());
    ModelRegistry models;
    try {
      models = c.modelsDir().map(ModelRegistry::fromDirectory).orElseGet(ModelRegistry::bundled);
    } catch (MeshException e) {
      throw new CliException("config: models_dir: " + e.getMessage(), 2);
    }
    Path art =
        c.runtimeArtifact()
            .or(RuntimeArtifact::current)
            .orElseThrow(
                () ->
                    new CliException(
                        "config: the engine was not loaded from a jar: set runtime_artifact", 2));
    // Read before the chain is reached: a bad file is a config error (exit 2) whatever the node.
    DaemonTee.collateral(c.teeCollateral());
    AtomicBoolean go = new AtomicBoolean(true);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              go.set(false);
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    SecureRandom random = new SecureRandom();
    try (RpcChainPort chain = boundTo(new RpcChainPort(c.rpc()), c, go);
        AutoCloseableChainPort follow = follow(chain, c);
        ProviderDaemon d =
            new ProviderDaemon(
                c,
                follow.port(),
                key,
                models,
                RuntimeArtifact.codeHash(art),
                providerTee(c, chain, art, random),
                random,
                System.out)) {
      System.out.println(
          "aether daemon "
              + d.address()
              + " roles "
              + (c.provider() ? "provider " : "")
              + (c.watcher() ? "watcher " : "")
              + "rpc "
              + c.rpc()
              + c.stream().map(s -> " stream " + s).orElse("")
              + " state "
              + c.stateDir()
              + (c.falsifyStep().isPresent() ? " TEST-ONLY CHEATER" : ""));
      d.describeTee();
      d.run(go::get);
    } catch (MeshException e) {
      throw new CliException(e.getMessage(), 1);
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  /** The port the daemon follows blocks with: the gRPC stream when configured, else JSON-RPC. */
  private record AutoCloseableChainPort(ChainPort port) implements AutoCloseable {
    @Override
    public void close() {
      if (port instanceof StreamedChainPort s) {
        s.close();
      }
    }
  }

  private static AutoCloseableChainPort follow(RpcChainPort rpc, DaemonConfig c) {
    return new AutoCloseableChainPort(
        c.stream().<ChainPort>map(s -> StreamedChainPort.over(rpc, s)).orElse(rpc));
  }

  /**
   * The provider's TEE, chosen once the chain is known (whether its genesis allows the development
   * TEE, the time it judges certificates at); none for a watcher.
   */
  private static Optional<ProviderTee> providerTee(
      DaemonConfig c, RpcChainPort chain, Path artifact, SecureRandom random) {
    if (!c.provider()) {
      return Optional.empty();
    }
    return Optional.of(
        DaemonTee.open(
            c,
            chain.jobParams(),
            chain.finalized().slot(),
            artifact,
            DaemonTee.Paths.system(),
            () -> {
              byte[] nonce = new byte[64];
              random.nextBytes(nonce);
              return nonce;
            }));
  }

  /**
   * Waits until the node answers, then binds the state folder to its chain ({@link
   * StateStore#requireChain}): another chain's folder is refused before the daemon acts on it.
   */
  private static RpcChainPort boundTo(RpcChainPort chain, DaemonConfig c, AtomicBoolean go)
      throws InterruptedException {
    while (go.get()) {
      try {
        StateStore.requireChain(c.stateDir(), chain.genesisHash());
        return chain;
      } catch (dev.aether.rpc.RpcClientException e) {
        System.out.println("waiting for the node at " + c.rpc() + ": " + e.getMessage());
        Thread.sleep(Math.max(100, c.pollMs()));
      } catch (RuntimeException e) {
        chain.close();
        throw e;
      }
    }
    chain.close();
    throw new CliException("stopped before the node answered", 1);
  }
}
