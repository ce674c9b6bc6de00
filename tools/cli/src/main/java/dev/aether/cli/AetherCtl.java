package dev.aether.cli;

import dev.aether.cli.crypto.CryptoCommand;
import dev.aether.cli.keys.KeysCommand;
import dev.aether.cli.tee.TeeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aetherctl}: the command-line tool for validator operators, developers and providers.
 * Subcommands live in their own packages ({@code dev.aether.cli.<area>}) and are registered here.
 */
@Command(
    name = "aetherctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Aether command-line tool.",
    subcommands = {
      VersionCommand.class,
      GenesisCommand.class,
      TeeCommand.class,
      dev.aether.cli.devnet.DevnetCommand.class,
      dev.aether.cli.chain.ChainCommands.Status.class,
      dev.aether.cli.chain.ChainCommands.Balance.class,
      dev.aether.cli.chain.ChainCommands.Transfer.class,
      dev.aether.cli.chain.ChainCommands.Faucet.class,
      dev.aether.cli.chain.ChainCommands.SubmitTx.class,
      dev.aether.cli.chain.ChainCommands.TxCmd.class,
      dev.aether.cli.chain.ChainCommands.BlockCmd.class,
      dev.aether.cli.chain.LoadGen.class,
      dev.aether.cli.chain.ContractCommand.class,
      dev.aether.cli.chain.StakingCommands.Stake.class,
      dev.aether.cli.chain.StakingCommands.Delegate.class,
      dev.aether.cli.chain.StakingCommands.Unstake.class,
      dev.aether.cli.chain.StakingCommands.Redelegate.class,
      dev.aether.cli.chain.StakingCommands.Withdraw.class,
      dev.aether.cli.chain.StakingCommands.Rewards.class,
      dev.aether.cli.chain.StakingCommands.Unjail.class,
      dev.aether.cli.chain.StakingCommands.Commission.class,
      dev.aether.cli.chain.StakingCommands.EvidenceCmd.class,
      dev.aether.cli.chain.StakingCommands.Validators.class,
      KeysCommand.class,
      CryptoCommand.class,
      dev.aether.cli.mesh.MeshCommand.class,
      dev.aether.cli.chain.JobCommands.JobCmd.class,
      dev.aether.cli.chain.JobCommands.ProviderCmd.class,
      dev.aether.cli.chain.AmmCommands.AmmCmd.class,
      dev.aether.cli.chain.GovCommands.GovCmd.class
    })
public final class AetherCtl implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with Aether's error handling: one line on stderr, no stack trace. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AetherCtl());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new CliErrors());
    cl.setParameterExceptionHandler(new CliErrors());
    CommandTree.addHelpEverywhere(cl);
    cl.setExecutionStrategy(CommandTree::execute);
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = commandLine(out, err).execute(args);
    } catch (RuntimeException | Error e) {
      // Last resort for failures outside picocli's handlers (e.g. a missing native library).
      err.println("error: internal failure: " + e);
      code = 1;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}
