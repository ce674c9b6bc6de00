package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.Proposal;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.codec.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl gov ...}: on-chain governance (docs/programs/governance.md). {@code propose},
 * {@code deposit} and {@code vote} sign with {@code --key} (default {@code $AETHER_KEY}), wait for
 * finality and exit 1 with the stable code ({@code governance.<reason>}) when the chain refuses, 2
 * on bad input; {@code status} and {@code params} read the chain.
 */
public final class GovCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GovCommands() {}

  /** {@code aetherctl gov}. */
  @Command(
      name = "gov",
      description = "Governance: propose, deposit, vote, status, params.",
      subcommands = {
        Propose.class,
        Deposit.class,
        Vote.class,
        Status.class,
        Params.class,
        Rehearse.class
      })
  public static final class GovCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  static long proposalId(long id) {
    if (id < 0) {
      throw new CliException("--proposal must be a proposal id (0 or more)", 2);
    }
    return id;
  }

  /** What a proposal does: exactly one of the three kinds. */
  static final class KindOptions {
    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description =
            "a parameter change (repeatable; all apply together), e.g. fees.a=20000;"
                + " 'aetherctl gov params' lists the names")
    List<String> params;

    @ArgGroup(exclusive = false)
    Upgrade upgrade;

    @Option(
        names = "--pay",
        paramLabel = "0xADDR:ASSET:AMOUNT",
        description = "a treasury payment (repeatable)")
    List<String> pays;
  }

  /** {@code --upgrade-version V --upgrade-height H --release NAME}. */
  static final class Upgrade {
    @Option(names = "--upgrade-version", required = true, paramLabel = "V")
    int version;

    @Option(names = "--upgrade-height", required = true, paramLabel = "H")
    long height;

    @Option(
        names = "--release",
        required = true,
        paramLabel = "NAME",
        description = "the release operators must run (shown by halting nodes)")
    String release;
  }

  @Command(
      name = "propose",
      description =
          "Submit a proposal with a deposit: parameter changes (--param), a height-gated"
              + " software upgrade (--upgrade-version/--upgrade-height/--release) or a treasury"
              + " spend (--pay).")
  public static final class Propose implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Option(names = "--title", required = true)
    String title;

    @Option(names = "--description", defaultValue = "")
    String description;

    @Option(names = "--deposit", required = true, paramLabel = "N", description = "SWR")
    String deposit;

    @ArgGroup(exclusive = false)
    KindOptions kind = new KindOptions();

    @Override
    public Integer call() {
      ProposalKind k = kind(kind);
      if (title.isBlank()) {
        throw new CliException("--title must not be empty", 2);
      }
      if (title.getBytes(StandardCharsets.UTF_8).length > Proposal.MAX_TITLE
          || description.getBytes(StandardCharsets.UTF_8).length > Proposal.MAX_DESCRIPTION) {
        throw new CliException(
            "title at most "
                + Proposal.MAX_TITLE
                + " bytes, description at most "
                + Proposal.MAX_DESCRIPTION,
            2);
      }
      Amount d = ChainCommands.amount(deposit);
      Call call;
      try {
        call = GovCalls.submit(k, title, description, d);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), 2);
      }
      try (ChainClient client = c.client()) {
        JsonNode receipt = ProgramTx.send(c, client, s, call);
        long id =
            ProgramTx.event(receipt, "governance.submit")
                .map(b -> new Reader(b).u64("id"))
                .orElseThrow(() -> new CliException("receipt has no governance.submit event"));
        ObjectNode o = JSON.createObjectNode().put("proposal", id).put("kind", k.name());
        o.put("txHash", receipt.path("txHash").asText());
        o.put("fee", receipt.path("feePaid").asText());
        c.print(
            o,
            "proposal "
                + id
                + " ("
                + k.name()
                + ") submitted in block "
                + ChainClient.quantity(receipt.path("blockHeight"))
                + ", fee "
                + receipt.path("feePaid").asText());
        return 0;
      }
    }

    private static ProposalKind kind(KindOptions given0) {
      KindOptions o = given0 == null ? new KindOptions() : given0;
      int given =
          (o.params != null ? 1 : 0) + (o.upgrade != null ? 1 : 0) + (o.pays != null ? 1 : 0);
      if (given != 1) {
        throw new CliException(
            "give exactly one kind: --param, --upgrade-version/--upgrade-height/--release, or"
                + " --pay",
            2);
      }
      if (o.params != null) {
        List<ProposalKind.Change> changes = new ArrayList<>();
        for (String p : o.params) {
          int eq = p.indexOf('=');
          if (eq <= 0 || eq == p.length() - 1) {
            throw new CliException("--param must be NAME=VALUE, got '" + p + "'", 2);
          }
          changes.add(new ProposalKind.Change(p.substring(0, eq), p.substring(eq + 1)));
        }
        if (changes.size() > ProposalKind.MAX_ITEMS) {
          throw new CliException("at most " + ProposalKind.MAX_ITEMS + " --param", 2);
        }
        return new ProposalKind.ParamChange(changes);
      }
      if (o.upgrade != null) {
        if (o.upgrade.version <= 0 || o.upgrade.height <= 0) {
          throw new CliException("--upgrade-version and --upgrade-height must be positive", 2);
        }
        return new ProposalKind.SoftwareUpgrade(
            o.upgrade.version, o.upgrade.height, o.upgrade.release);
      }
      List<ProposalKind.Payment> pays = new ArrayList<>();
      for (String p : o.pays) {
        String[] parts = p.split(":", -1);
        if (parts.length != 3) {
          throw new CliException("--pay must be 0xADDR:ASSET:AMOUNT, got '" + p + "'", 2);
        }
        Address to = ChainClient.parseAddress(parts[0]);
        AssetId asset = ChainCommands.asset(parts[1]);
        Amount amount = ChainCommands.amount(parts[2]);
        if (amount.isZero()) {
          throw new CliException("--pay amount must be positive", 2);
        }
        pays.add(new ProposalKind.Payment(to, asset, amount));
      }
      if (pays.size() > ProposalKind.MAX_ITEMS) {
        throw new CliException("at most " + ProposalKind.MAX_ITEMS + " --pay", 2);
      }
      return new ProposalKind.TreasurySpend(pays);
    }
  }

  @Command(name = "deposit", description = "Add to a proposal's deposit (in its deposit period).")
  public static final class Deposit implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Option(names = "--proposal", required = true, paramLabel = "ID")
    long id;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "SWR")
    String amount;

    @Override
    public Integer call() {
      Amount a = ChainCommands.amount(amount);
      if (a.isZero()) {
        throw new CliException("--amount must be positive", 2);
      }
      Call call = GovCalls.deposit(proposalId(id), a);
      try (ChainClient client = c.client()) {
        JsonNode receipt = ProgramTx.send(c, client, s, call);
        c.print(
            receipt,
            "deposited "
                + a
                + " on proposal "
                + id
                + " in block "
                + ChainClient.quantity(receipt.path("blockHeight")));
        return 0;
      }
    }
  }

  @Command(
      name = "vote",
      description =
          "Vote with your bonded stake (validators for their delegators unless those vote"
              + " themselves): yes, no, abstain or veto. A later vote replaces an earlier one.")
  public static final class Vote implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Option(names = "--proposal", required = true, paramLabel = "ID")
    long id;

    @Option(names = "--option", required = true, description = "yes, no, abstain or veto")
    String option;

    @Override
    public Integer call() {
      VoteOption o;
      try {
        o = VoteOption.parse(option);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), 2);
      }
      Call call = GovCalls.vote(proposalId(id), o);
      try (ChainClient client = c.client()) {
        JsonNode receipt = ProgramTx.send(c, client, s, call);
        c.print(
            receipt,
            "voted "
                + o.label()
                + " on proposal "
                + id
                + " in block "
                + ChainClient.quantity(receipt.path("blockHeight")));
        return 0;
      }
    }
  }

  @Command(
      name = "status",
      description = "One proposal (--proposal) or the most recent ones, with tally and outcome.")
  public static final class Status implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Option(names = "--proposal", paramLabel = "ID")
    Long id;

    @Option(names = "--max", defaultValue = "20", description = "most proposals to list")
    int max;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        if (id != null) {
          JsonNode p = client.call("aeth_getProposal", proposalId(id));
          if (p == null || p.isNull()) {
            throw new CliException("no proposal " + id, 1);
          }
          c.print(p, line(p));
          return 0;
        }
        if (max <= 0) {
          throw new CliException("--max must be positive", 2);
        }
        JsonNode ps = client.call("aeth_getProposals", max);
        StringBuilder human = new StringBuilder();
        for (JsonNode p : ps) {
          human.append(human.isEmpty() ? "" : "\n").append(line(p));
        }
        c.print(ps, human.isEmpty() ? "no proposals" : human.toString());
        return 0;
      }
    }

    static String line(JsonNode p) {
      JsonNode t = p.path("tally");
      return "#"
          + p.path("id").asLong()
          + " "
          + p.path("kind").asText()
          + " \""
          + p.path("title").asText()
          + "\" "
          + p.path("status").asText()
          + ", deposit "
          + p.path("totalDeposit").asText()
          + ", voting ends slot "
          + p.path("votingEndSlot").asText()
          + ", tally yes "
          + t.path("yes").asText("0")
          + " no "
          + t.path("no").asText("0")
          + " abstain "
          + t.path("abstain").asText("0")
          + " veto "
          + t.path("veto").asText("0")
          + (p.path("outcome").isTextual() ? " (" + p.path("outcome").asText() + ")" : "");
    }
  }

  @Command(
      name = "params",
      description =
          "The active chain parameters (every governable one by name), protocol version, a"
              + " scheduled upgrade and the treasury.")
  public static final class Params implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode p = client.call("aeth_getParams");
        StringBuilder human = new StringBuilder();
        human
            .append("protocol version ")
            .append(p.path("protocolVersion").asInt())
            .append(" at height ")
            .append(p.path("height").asLong());
        JsonNode up = p.path("upgrade");
        if (up.isObject()) {
          human
              .append("\nupgrade to version ")
              .append(up.path("version").asInt())
              .append(" (")
              .append(up.path("release").asText())
              .append(") at height ")
              .append(up.path("height").asLong());
        }
        human.append("\ntreasury ").append(p.path("treasury").asText()).append(" SWR");
        for (Map.Entry<String, JsonNode> e : p.path("params").properties()) {
          human.append('\n').append(e.getKey()).append(" = ").append(e.getValue().asText());
        }
        c.print(p, human.toString());
        return 0;
      }
    }
  }

  /** {@code aetherctl gov rehearse}: a shadow-fork rehearsal of a proposal (ShadowFork). */
  @Command(
      name = "rehearse",
      description =
          "Copy a node's state into a throwaway in-process devnet of rehearsal validators (real"
              + " consensus, real ledgers, simulated clock), execute the proposal at once, run a"
              + " short load and report whether the fork kept finalizing; the copies are deleted.")
  static final class Rehearse implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--proposal", required = true, paramLabel = "ID")
    long id;

    @Option(
        names = "--node-dir",
        defaultValue = "devnet/v0",
        paramLabel = "DIR",
        description = "a node's directory, holding node.toml (default: ${DEFAULT-VALUE})")
    java.nio.file.Path nodeDir;

    @Option(
        names = "--blocks",
        defaultValue = "10",
        description = "loaded blocks to finalize after the proposal's (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(
        names = "--txs",
        defaultValue = "20",
        description = "transfers offered per block (default: ${DEFAULT-VALUE})")
    int txs;

    @Option(
        names = "--validators",
        paramLabel = "N",
        description =
            "run N equal-stake rehearsal validators instead of mirroring the chain's recorded"
                + " sets (default: mirror, or 4 when the chain's set is over 16)")
    Integer validators;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
      if (blocks < 1 || blocks > 1_000 || txs < 1 || txs > 10_000) {
        throw new CliException("--blocks must be 1..1000 and --txs 1..10000", 2);
      }
      if (validators != null && (validators < 1 || validators > ShadowFork.MAX_VALIDATORS)) {
        throw new CliException("--validators must be 1.." + ShadowFork.MAX_VALIDATORS, 2);
      }
      java.nio.file.Path toml = nodeDir.resolve("node.toml");
      if (!java.nio.file.Files.isRegularFile(toml)) {
        throw new CliException("no node.toml in " + nodeDir + " (pass a node's --node-dir)", 2);
      }
      dev.aether.node.NodeConfig cfg;
      dev.aether.genesis.GenesisConfig genesis;
      try {
        cfg = dev.aether.node.NodeConfig.load(toml);
        genesis = dev.aether.genesis.GenesisParser.parse(cfg.genesis());
      } catch (RuntimeException e) {
        throw new CliException("cannot read " + toml + ": " + e.getMessage(), 2);
      }
      ShadowFork.Report r =
          ShadowFork.run(
              cfg.dataDir().resolve("state"),
              genesis,
              id,
              validators == null
                  ? java.util.OptionalInt.empty()
                  : java.util.OptionalInt.of(validators),
              blocks + 1,
              txs);
      boolean ok = r.passed();
      java.io.PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(RehearsalReport.json(r).toPrettyString());
      } else {
        RehearsalReport.human(r).forEach(out::println);
      }
      out.flush();
      return ok ? 0 : 1;
    }
  }
}
