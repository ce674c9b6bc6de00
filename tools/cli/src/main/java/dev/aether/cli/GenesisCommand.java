package dev.aether.cli;

import dev.aether.genesis.GenesisBlock;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisException;
import dev.aether.genesis.GenesisParser;
import dev.aether.types.H256;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aetherctl genesis hash FILE}: validates a genesis file and prints its block hash. */
@Command(
    name = "genesis",
    description = "Inspect genesis files.",
    subcommands = {GenesisCommand.Hash.class})
final class GenesisCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static GenesisConfig load(Path file) {
    if (!java.nio.file.Files.isReadable(file)) {
      throw new CliException("cannot read genesis file " + file, 2);
    }
    try {
      return GenesisParser.parse(file);
    } catch (GenesisException e) {
      throw new CliException("invalid genesis " + file + ": " + e.getMessage(), 2);
    }
  }

  @Command(name = "hash", description = "Print the genesis block hash of a genesis.toml.")
  static final class Hash implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "genesis.toml")
    Path file;

    @Override
    public Integer call() {
      GenesisConfig config = load(file);
      H256 id = GenesisBlock.of(config, GenesisState.root(config)).id();
      spec.commandLine().getOut().println(id.toHex());
      return 0;
    }
  }
}
