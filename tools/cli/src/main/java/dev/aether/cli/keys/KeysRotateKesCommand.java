package dev.aether.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.CliException;
import dev.aether.consensus.ConsensusParams;
import dev.aether.node.NodeGenesis;
import dev.aether.node.keys.AtomicFiles;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl keys rotate-kes --key FILE}: issues the next operational certificate — a fresh
 * hot KES key, counter + 1, starting at the current KES period (from {@code --kes-period}, or the
 * chain's latest slot via {@code --rpc}) — signed with the file's cold key, and replaces the key
 * file atomically under its lock. A running node picks the new certificate up within a slot; once a
 * block with it is final, the old hot key can no longer sign anything the chain accepts.
 */
@Command(
    name = "rotate-kes",
    mixinStandardHelpOptions = true,
    description =
        "Issue the next operational certificate (new hot KES key, counter + 1) with the key"
            + " file's cold key; rewrites the file atomically.")
public final class KeysRotateKesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "validator key file")
  Path key;

  @Option(
      names = "--kes-period",
      paramLabel = "N",
      description = "absolute KES period the new hot key starts at (default: the chain's current)")
  Integer kesPeriod;

  @Option(
      names = "--rpc",
      defaultValue = "http://127.0.0.1:8545",
      description = "node to ask for the current slot when --kes-period is not given")
  URI rpc;

  @Override
  public Integer call() throws IOException {
    int start = kesPeriod != null ? kesPeriod : currentPeriod();
    if (start < 0) {
      throw new CliException("--kes-period must be >= 0", 2);
    }
    KeyFile.read(key); // one clear error for a missing or malformed file, before locking
    ValidatorKeys next =
        AtomicFiles.locked(
            key,
            () -> {
              ValidatorKeys keys = KeyFile.read(key).keys();
              if (keys.cold().isEmpty()) {
                throw new CliException(
                    "the key file holds no cold.seed: rotate on the machine that keeps the cold"
                        + " key",
                    2);
              }
              if (start < keys.opCert().startPeriod()) {
                throw new CliException(
                    "--kes-period "
                        + start
                        + " is before the current certificate's start "
                        + keys.opCert().startPeriod(),
                    2);
              }
              ValidatorKeys rotated = keys.rotated(start, new SecureRandom());
              rotated.replace(key);
              return rotated;
            });
    spec.commandLine()
        .getOut()
        .println(
            "rotated "
                + key
                + ": certificate "
                + next.opCert().counter()
                + ", hot key "
                + next.opCert().hotKey()
                + " covers KES periods "
                + start
                + ".."
                + (start + ConsensusParams.KES_EVOLUTIONS - 1));
    return 0;
  }

  private int currentPeriod() {
    try (RpcClient client = new RpcClient(rpc, Duration.ofSeconds(10))) {
      JsonNode head = client.call("aeth_getBlockByNumber", "latest", false);
      JsonNode slot = head.path("slot");
      long s =
          slot.isTextual() && slot.asText().startsWith("0x")
              ? Long.parseLong(slot.asText().substring(2), 16)
              : slot.asLong(-1);
      if (s < 0) {
        throw new CliException("the node at " + rpc + " reported no slot", 1);
      }
      return Math.toIntExact(s / NodeGenesis.KES_SLOTS_PER_PERIOD);
    } catch (RpcClientException e) {
      throw new CliException(
          "cannot ask "
              + rpc
              + " for the current KES period (or pass --kes-period): "
              + e.getMessage());
    }
  }
}
