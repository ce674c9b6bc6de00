package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands people use against a running chain, over JSON-RPC. */
public final class ChainCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChainCommands() {}

  /** {@code --rpc} and {@code --json}, shared by every chain command. */
  public static final class Common {
    @Option(
        names = "--rpc",
        defaultValue = "${env:AETHER_RPC:-http://127.0.0.1:8545}",
        description = "JSON-RPC endpoint (default: $AETHER_RPC if set, else http://127.0.0.1:8545)")
    URI rpc;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    ChainClient client() {
      return new ChainClient(rpc);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    void print(JsonNode n, String human) {
      out().println(json ? n.toPrettyString() : human);
    }
  }

  static Amount amount(String s) {
    try {
      return Amount.parse(s);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CliException("not an amount: " + s, 2);
    }
  }

  static AssetId asset(String s) {
    try {
      return AssetId.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 2);
    }
  }

  /** Submits, then waits for finality unless told not to; prints the outcome. */
  static int submitAndWait(Common c, ChainClient client, Tx tx, boolean noWait) {
    H256 id = client.submit(tx);
    if (noWait) {
      ObjectNode o = JSON.createObjectNode().put("txHash", id.toHex()).put("status", "submitted");
      c.print(o, "submitted " + id);
      return 0;
    }
    Optional<JsonNode> r =
        client.awaitReceipt(id, Duration.ofSeconds(60), c.json ? null : System.err);
    if (r.isEmpty()) {
      throw new CliException("transaction " + id + " not final after 60 s (still pending)");
    }
    JsonNode receipt = r.get();
    c.print(
        receipt,
        "final: "
            + id
            + " in block "
            + ChainClient.quantity(receipt.path("blockHeight"))
            + ", status "
            + receipt.path("status").asText()
            + ", fee "
            + receipt.path("feePaid").asText()
            + (receipt.path("errorCode").asInt() != 0
                ? ", error " + receipt.path("errorCode").asInt()
                : ""));
    return "success".equals(receipt.path("status").asText()) ? 0 : 1;
  }

  @Command(name = "status", description = "Chain id, heights and validators of a node.")
  public static final class Status implements Callable<Integer> {
    @Mixin Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode latest = client.call("aeth_getBlockByNumber", "latest", false);
        JsonNode finalized = client.call("aeth_getBlockByNumber", "finalized", false);
        ObjectNode o = JSON.createObjectNode();
        o.put("chainId", client.chainId());
        o.put("latestHeight", ChainClient.quantity(latest.path("height")));
        o.put("latestSlot", ChainClient.quantity(latest.path("slot")));
        o.put("finalizedHeight", ChainClient.quantity(finalized.path("height")));
        o.set("stateRoot", finalized.path("stateRoot"));
        int active = 0;
        for (JsonNode v : client.call("aeth_getValidators")) {
          active += "active".equals(v.path("status").asText()) ? 1 : 0;
        }
        o.put("validators", active);
        o.set("syncing", client.call("aeth_syncing"));
        c.print(
            o,
            String.format(
                "chain %s | finalized height %d (slot %d) | state root %s | %d active validators",
                o.get("chainId").asText(),
                o.get("finalizedHeight").asLong(),
                o.get("latestSlot").asLong(),
                o.get("stateRoot").asText(),
                o.get("validators").asInt()));
        return 0;
      }
    }
  }

  @Command(name = "balance", description = "Balances of an address (account and UTxOs).")
  public static final class Balance implements Callable<Integer> {
    @Mixin Common c;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() {
      Address a = ChainClient.parseAddress(address);
      try (ChainClient client = c.client()) {
        JsonNode b = client.call("aeth_getBalance", a.toString());
        List<String> parts = new ArrayList<>();
        b.fields().forEachRemaining(e -> parts.add(e.getValue().asText() + " " + e.getKey()));
        c.print(b, parts.isEmpty() ? "0" : String.join(", ", parts));
        return 0;
      }
    }
  }

  @Command(
      name = "transfer",
      description = "Send an asset from a key's account; waits for finality.")
  public static final class Transfer implements Callable<Integer> {
    @Mixin Common c;

    @Option(names = "--key", required = true, description = "key file with ed25519_seed")
    Path key;

    @Option(names = "--to", required = true)
    String to;

    @Option(names = "--amount", required = true)
    String amount;

    @Option(names = "--asset", defaultValue = "SWR")
    String asset;

    @Option(
        names = "--fee-cap",
        description =
            "most SWR the fee may take (default: the node's estimate for this transaction, doubled)")
    String feeCap;

    @Option(names = "--no-wait", description = "return after submitting")
    boolean noWait;

    @Override
    public Integer call() {
      Ed25519KeyPair k = ChainClient.loadKey(key);
      Value v = Value.of(asset(asset), amount(amount));
      try (ChainClient client = c.client()) {
        Tx tx =
            client.transfer(
                k,
                ChainClient.parseAddress(to),
                v,
                Optional.ofNullable(feeCap).map(ChainCommands::amount));
        return submitAndWait(c, client, tx, noWait);
      }
    }
  }

  @Command(
      name = "faucet",
      description = "Devnet only: pay N of an asset to an address from the devnet faucet account.")
  public static final class Faucet implements Callable<Integer> {
    @Mixin Common c;

    @Option(names = "--mint", required = true, paramLabel = "N", description = "amount")
    String amount;

    @Option(names = "--to", required = true)
    String to;

    @Option(names = "--asset", defaultValue = "SWR")
    String asset;

    @Override
    public Integer call() {
      Value v = Value.of(asset(asset), amount(amount));
      try (ChainClient client = c.client()) {
        Tx tx =
            client.transfer(
                DevnetGenesis.faucetKey(), ChainClient.parseAddress(to), v, Optional.empty());
        return submitAndWait(c, client, tx, false);
      }
    }
  }

  @Command(
      name = "submit-tx",
      description =
          "Sign and submit the transfers and staking actions described in a JSON file (see"
              + " tests/txs/).")
  public static final class SubmitTx implements Callable<Integer> {
    @Mixin Common c;

    @Parameters(paramLabel = "FILE.json")
    Path file;

    @Option(names = "--no-wait", description = "return after submitting")
    boolean noWait;

    @Override
    public Integer call() {
      JsonNode spec;
      try {
        spec = JSON.readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
      }
      boolean hasTransfers = spec != null && spec.path("transfers").isArray();
      boolean hasActions = spec != null && spec.path("actions").isArray();
      if (!hasTransfers && !hasActions
          || spec.path("transfers").size() + spec.path("actions").size() == 0) {
        throw new CliException(file + ": needs a non-empty \"transfers\" or \"actions\" array", 2);
      }
      String keyName = spec.path("key").asText("faucet");
      StakingCommands.Signer signer =
          keyName.equals("devnet-faucet")
              ? new StakingCommands.Signer(DevnetGenesis.faucetKey(), Optional.empty())
              : StakingCommands.Signer.load(file.resolveSibling(keyName));
      Optional<Amount> feeCap =
          spec.has("fee_cap")
              ? Optional.of(amount(spec.path("fee_cap").asText()))
              : Optional.empty();
      // Parse everything first: a bad entry is bad input, and nothing is submitted.
      List<Call> actions = new ArrayList<>();
      for (JsonNode a : spec.path("actions")) {
        actions.add(action(a));
      }
      int failures = 0;
      try (ChainClient client = c.client()) {
        for (JsonNode t : spec.path("transfers")) {
          Address to = ChainClient.parseAddress(t.path("to").asText());
          Value v =
              Value.of(asset(t.path("asset").asText("SWR")), amount(t.path("amount").asText()));
          failures +=
              submitAndWait(c, client, client.transfer(signer.key(), to, v, feeCap), noWait);
        }
        for (Call call : actions) {
          if (call.program().equals(dev.aether.ledger.BankProgram.ID)) {
            var r = new dev.aether.types.codec.Reader(call.args().toArray());
            Address to = Address.CODEC.read(r);
            Value v = Value.CODEC.read(r);
            failures +=
                submitAndWait(c, client, client.transfer(signer.key(), to, v, feeCap), noWait);
          } else {
            try {
              StakingCommands.submit(c, client, signer, List.of(call), feeCap);
            } catch (CliException e) {
              if (e.exitCode() != 1) {
                throw e;
              }
              c.spec.commandLine().getErr().println("error: " + e.getMessage());
              failures++;
            }
          }
        }
      }
      return failures == 0 ? 0 : 1;
    }

    /** One entry of "actions": {"type": transfer|delegate|undelegate|redelegate|claim|withdraw}. */
    private Call action(JsonNode a) {
      String type = a.path("type").asText("");
      return switch (type) {
        case "transfer" ->
            dev.aether.ledger.BankProgram.transfer(
                ChainClient.parseAddress(a.path("to").asText()),
                Value.of(asset(a.path("asset").asText("SWR")), amount(a.path("amount").asText())));
        case "delegate" ->
            dev.aether.programs.staking.StakingCalls.delegate(
                validator(a, "validator"), StakingCommands.positive(a.path("amount").asText()));
        case "undelegate" ->
            dev.aether.programs.staking.StakingCalls.undelegate(
                validator(a, "validator"),
                "all".equals(a.path("amount").asText())
                    ? dev.aether.programs.staking.StakingCalls.ALL
                    : StakingCommands.positive(a.path("amount").asText()));
        case "redelegate" ->
            dev.aether.programs.staking.StakingCalls.redelegate(
                validator(a, "src"),
                validator(a, "dst"),
                StakingCommands.positive(a.path("amount").asText()));
        case "claim" -> dev.aether.programs.staking.StakingCalls.claim(validator(a, "validator"));
        case "withdraw" ->
            dev.aether.programs.staking.StakingCalls.withdraw(
                validator(a, "validator"), a.path("epoch").asLong());
        default ->
            throw new CliException(
                file
                    + ": unknown action type '"
                    + type
                    + "' (transfer, delegate, undelegate, redelegate, claim, withdraw)",
                2);
      };
    }

    private Address validator(JsonNode a, String field) {
      if (!a.path(field).isTextual()) {
        throw new CliException(file + ": action needs \"" + field + "\"", 2);
      }
      return ChainClient.parseAddress(a.path(field).asText());
    }
  }

  @Command(name = "tx", description = "Transactions.", subcommands = TxCmd.Get.class)
  public static final class TxCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "get", description = "A final transaction's receipt with its Merkle proof.")
    static final class Get implements Callable<Integer> {
      @Mixin Common c;

      @Parameters(paramLabel = "TXID")
      String id;

      @Override
      public Integer call() {
        H256 txId;
        try {
          txId = H256.fromHex(id);
        } catch (IllegalArgumentException e) {
          throw new CliException("not a transaction id (0x + 64 hex digits): " + id, 2);
        }
        try (ChainClient client = c.client()) {
          JsonNode r = client.call("aeth_getTransactionReceipt", txId.toHex());
          if (r == null || r.isNull()) {
            throw new CliException("no final transaction " + txId);
          }
          c.out().println(r.toPrettyString());
          return 0;
        }
      }
    }
  }

  @Command(name = "block", description = "Blocks.", subcommands = BlockCmd.Get.class)
  public static final class BlockCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "get", description = "A block by height, or 'latest' / 'finalized'.")
    static final class Get implements Callable<Integer> {
      @Mixin Common c;

      @Parameters(paramLabel = "HEIGHT", defaultValue = "latest")
      String tag;

      @Option(names = "--full", description = "include whole transactions")
      boolean full;

      @Override
      public Integer call() {
        Object param = tag;
        if (!tag.equals("latest") && !tag.equals("finalized")) {
          try {
            param = Long.parseLong(tag);
          } catch (NumberFormatException e) {
            throw new CliException("HEIGHT must be a number, 'latest' or 'finalized': " + tag, 2);
          }
        }
        try (ChainClient client = c.client()) {
          JsonNode b = client.call("aeth_getBlockByNumber", param, full);
          if (b == null || b.isNull()) {
            throw new CliException("no block " + tag);
          }
          c.out().println(b.toPrettyString());
          return 0;
        }
      }
    }
  }
}
