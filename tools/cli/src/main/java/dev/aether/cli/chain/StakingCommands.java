package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliException;
import dev.aether.cli.keys.KeyFile;
import dev.aether.consensus.Evidence;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.programs.staking.StakingError;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.codec.CodecException;
import java.io.IOException;
import java.math.BigInteger;
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

/**
 * The staking program from the command line: stake (register or bond), delegate, unstake,
 * redelegate, withdraw, rewards, commission, unjail, evidence and the validator list. Every command
 * signs with the key in {@code --from}: a validator key file ({@code aetherctl keys new}) signs
 * with its cold key — the operator account — and a plain key file with its Ed25519 key. A refused
 * transaction exits 1 with its stable code ({@code staking.<reason>}); bad input exits 2.
 */
public final class StakingCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StakingCommands() {}

  /** The key a staking command signs with, and the validator key file if it is one. */
  record Signer(Ed25519KeyPair key, Optional<KeyFile> validator) {
    Address address() {
      return Address.ofPublicKey(key.publicKey().bytes());
    }

    static Signer load(Path file) {
      JsonNode n;
      try {
        n = JSON.readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new CliException("cannot read key file " + file, 2);
      }
      if (n != null && n.has("bls")) {
        KeyFile k = KeyFile.read(file);
        return new Signer(k.cold(), Optional.of(k));
      }
      return new Signer(ChainClient.loadKey(file), Optional.empty());
    }

    /** The operator address a validator key file stands for, or {@code --validator}. */
    Address validatorOr(String option, String what) {
      if (option != null) {
        return ChainClient.parseAddress(option);
      }
      return validator
          .map(KeyFile::operator)
          .orElseThrow(
              () ->
                  new CliException(
                      "--validator is required unless --from is a validator key file ("
                          + what
                          + ")",
                      2));
    }
  }

  static BigInteger positive(String s) {
    BigInteger v = ChainCommands.amount(s).value();
    if (v.signum() == 0) {
      throw new CliException("amount must be positive", 2);
    }
    return v;
  }

  /**
   * Signs and submits {@code calls} from {@code signer}, declaring the keys they touch in the
   * current epoch or the next, waits for finality and turns a refusal into its stable code.
   */
  static int submit(
      ChainCommands.Common c,
      ChainClient client,
      Signer signer,
      List<Call> calls,
      Optional<Amount> feeCap) {
    Address payer = signer.address();
    long epoch = ChainClient.quantity(client.call("aeth_getStake", payer.toString()).path("epoch"));
    TxBody probe =
        StakingCalls.body(
            client.chainId(),
            payer,
            client.nonce(payer),
            calls,
            epoch,
            1,
            client.latestSlot() + 7_200);
    // The given cap, or what the node suggests for this transaction now (aeth_estimateFee).
    Amount cap = client.feeCapFor(signer.key(), probe, feeCap);
    Tx tx = BankProgram.signed(signer.key(), ChainClient.withFeeCap(probe, cap));
    H256 id = client.submit(tx);
    Optional<JsonNode> r =
        client.awaitReceipt(id, Duration.ofSeconds(60), c.json ? null : System.err);
    if (r.isEmpty()) {
      throw new CliException("transaction " + id + " not final after 60 s (still pending)");
    }
    JsonNode receipt = r.get();
    if (!"success".equals(receipt.path("status").asText())) {
      int code = receipt.path("errorCode").asInt();
      String why =
          StakingError.ofNumber(code)
              .map(e -> e.code() + " (" + code + "): " + e.description())
              .orElse("error " + code);
      throw new CliException(
          "refused: " + why + " [tx " + id + ", fee " + receipt.path("feePaid").asText() + "]", 1);
    }
    c.print(
        receipt,
        "final: "
            + id
            + " in block "
            + ChainClient.quantity(receipt.path("blockHeight"))
            + ", fee "
            + receipt.path("feePaid").asText());
    return 0;
  }

  /** Common options of commands that sign. */
  public static final class From {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "KEYFILE",
        description = "validator key file (signs with its cold key) or a plain key file")
    Path from;

    @Option(
        names = "--fee-cap",
        paramLabel = "N",
        description = "most SWR to pay in fees (default: the node's estimate, doubled)")
    String feeCap;

    Optional<Amount> cap() {
      return Optional.ofNullable(feeCap).map(ChainCommands::amount);
    }
  }

  @Command(
      name = "stake",
      description =
          "Register and bond a validator (--from a validator key file), bond more to it, or"
              + " delegate to --validator; waits for finality.")
  public static final class Stake implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--amount", required = true, description = "SWR base units")
    String amount;

    @Option(names = "--validator", paramLabel = "0xADDR", description = "delegate to this operator")
    String validator;

    @Option(
        names = "--name",
        description = "validator name when registering (default: from the address)")
    String name;

    @Option(
        names = "--commission-bps",
        defaultValue = "500",
        description = "commission, basis points")
    int commission;

    @Option(names = "--max-commission-bps", defaultValue = "2000", description = "never above this")
    int maxCommission;

    @Option(names = "--max-change-bps", defaultValue = "100", description = "most change per epoch")
    int maxChange;

    @Override
    public Integer call() {
      BigInteger value = positive(amount);
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        if (validator != null) {
          Address v = ChainClient.parseAddress(validator);
          return submit(c, client, s, List.of(StakingCalls.delegate(v, value)), f.cap());
        }
        KeyFile k =
            s.validator()
                .orElseThrow(
                    () ->
                        new CliException(
                            "--from is not a validator key file: pass --validator 0xADDR to"
                                + " delegate",
                            2));
        Address op = k.operator();
        boolean registered = false;
        for (JsonNode v : client.call("aeth_getValidators")) {
          registered |= v.path("address").asText().equalsIgnoreCase(op.toString());
        }
        if (registered) {
          return submit(c, client, s, List.of(StakingCalls.delegate(op, value)), f.cap());
        }
        StakingCalls.Register r;
        try {
          r =
              new StakingCalls.Register(
                  name != null ? name : "validator-" + op.toString().substring(2, 10),
                  Bytes.of(k.node().publicKey().bytes()),
                  Bytes.of(k.bls().publicKey().bytes()),
                  Bytes.of(k.bls().provePossession().bytes()),
                  Bytes.of(k.vrf().publicKey().bytes()),
                  Bytes.of(k.cold().publicKey().bytes()),
                  commission,
                  maxCommission,
                  maxChange,
                  value);
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage(), 2);
        }
        return submit(c, client, s, List.of(StakingCalls.register(r)), f.cap());
      }
    }
  }

  @Command(name = "delegate", description = "Delegate SWR to a validator; waits for finality.")
  public static final class Delegate implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--validator", required = true, paramLabel = "0xADDR")
    String validator;

    @Option(names = "--amount", required = true, description = "SWR base units")
    String amount;

    @Override
    public Integer call() {
      BigInteger value = positive(amount);
      Address v = ChainClient.parseAddress(validator);
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        return submit(c, client, s, List.of(StakingCalls.delegate(v, value)), f.cap());
      }
    }
  }

  @Command(
      name = "unstake",
      description =
          "Start unbonding from a validator (default: your own, with a validator key file);"
              + " withdraw after the unbonding delay.")
  public static final class Unstake implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--validator", paramLabel = "0xADDR")
    String validator;

    @Option(names = "--amount", description = "SWR base units")
    String amount;

    @Option(names = "--all", description = "the whole delegation")
    boolean all;

    @Override
    public Integer call() {
      if (all == (amount != null)) {
        throw new CliException("give exactly one of --amount and --all", 2);
      }
      BigInteger value = all ? StakingCalls.ALL : positive(amount);
      Signer s = Signer.load(f.from);
      Address v = s.validatorOr(validator, "unstake");
      try (ChainClient client = c.client()) {
        return submit(c, client, s, List.of(StakingCalls.undelegate(v, value)), f.cap());
      }
    }
  }

  @Command(name = "redelegate", description = "Move stake to another validator at once.")
  public static final class Redelegate implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--src", required = true, paramLabel = "0xADDR", description = "from")
    String src;

    @Option(names = "--dst", required = true, paramLabel = "0xADDR", description = "to")
    String dst;

    @Option(names = "--amount", required = true, description = "SWR base units, or 'all'")
    String amount;

    @Override
    public Integer call() {
      BigInteger value = "all".equals(amount) ? StakingCalls.ALL : positive(amount);
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        return submit(
            c,
            client,
            s,
            List.of(
                StakingCalls.redelegate(
                    ChainClient.parseAddress(src), ChainClient.parseAddress(dst), value)),
            f.cap());
      }
    }
  }

  @Command(
      name = "withdraw",
      description =
          "Withdraw every unbonding entry whose delay has passed (or one: --validator, --epoch).")
  public static final class Withdraw implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--validator", paramLabel = "0xADDR")
    String validator;

    @Option(names = "--epoch", description = "the epoch the entry started in")
    Long epoch;

    @Override
    public Integer call() {
      if ((validator == null) != (epoch == null)) {
        throw new CliException("give both --validator and --epoch, or neither", 2);
      }
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        List<Call> calls = new ArrayList<>();
        if (validator != null) {
          calls.add(StakingCalls.withdraw(ChainClient.parseAddress(validator), epoch));
        } else {
          JsonNode st = client.call("aeth_getStake", s.address().toString());
          long now = ChainClient.quantity(st.path("epoch"));
          long next = Long.MAX_VALUE;
          for (JsonNode u : st.path("unbonding")) {
            long from = ChainClient.quantity(u.path("withdrawableFromEpoch"));
            if (from <= now && calls.size() < Tx.MAX_CALLS) {
              calls.add(
                  StakingCalls.withdraw(
                      ChainClient.parseAddress(u.path("validator").asText()),
                      ChainClient.quantity(u.path("epoch"))));
            } else {
              next = Math.min(next, from);
            }
          }
          if (calls.isEmpty()) {
            throw new CliException(
                next == Long.MAX_VALUE
                    ? "nothing unbonding for " + s.address()
                    : "nothing to withdraw yet: the next entry matures in epoch "
                        + next
                        + " (now "
                        + now
                        + ")");
          }
        }
        return submit(c, client, s, calls, f.cap());
      }
    }
  }

  @Command(
      name = "rewards",
      description = "Staking rewards.",
      subcommands = {Rewards.Claim.class, Rewards.Show.class})
  public static final class Rewards implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "claim",
        description = "Claim rewards (and commission) from one validator, or from all with some.")
    static final class Claim implements Callable<Integer> {
      @Mixin ChainCommands.Common c;
      @Mixin From f;

      @Option(names = "--validator", paramLabel = "0xADDR")
      String validator;

      @Override
      public Integer call() {
        Signer s = Signer.load(f.from);
        try (ChainClient client = c.client()) {
          List<Call> calls = new ArrayList<>();
          if (validator != null) {
            calls.add(StakingCalls.claim(ChainClient.parseAddress(validator)));
          } else {
            JsonNode st = client.call("aeth_getStake", s.address().toString());
            for (JsonNode d : st.path("delegations")) {
              if (new BigInteger(d.path("pendingRewards").asText("0")).signum() > 0
                  && calls.size() < Tx.MAX_CALLS) {
                calls.add(
                    StakingCalls.claim(ChainClient.parseAddress(d.path("validator").asText())));
              }
            }
            if (calls.isEmpty()) {
              throw new CliException("no rewards to claim for " + s.address());
            }
          }
          return submit(c, client, s, calls, f.cap());
        }
      }
    }

    @Command(name = "show", description = "An address's delegations, unbonding and rewards.")
    static final class Show implements Callable<Integer> {
      @Mixin ChainCommands.Common c;

      @Parameters(paramLabel = "0xADDR")
      String address;

      @Override
      public Integer call() {
        Address a = ChainClient.parseAddress(address);
        try (ChainClient client = c.client()) {
          JsonNode st = client.call("aeth_getStake", a.toString());
          StringBuilder sb = new StringBuilder();
          sb.append("epoch ").append(ChainClient.quantity(st.path("epoch")));
          sb.append(", pending rewards ").append(st.path("pendingRewards").asText());
          for (JsonNode d : st.path("delegations")) {
            sb.append("\n  delegated ")
                .append(d.path("amount").asText())
                .append(" to ")
                .append(d.path("validator").asText())
                .append(", rewards ")
                .append(d.path("pendingRewards").asText());
          }
          for (JsonNode u : st.path("unbonding")) {
            sb.append("\n  unbonding ")
                .append(u.path("amount").asText())
                .append(" from ")
                .append(u.path("validator").asText())
                .append(", withdrawable from epoch ")
                .append(ChainClient.quantity(u.path("withdrawableFromEpoch")));
          }
          c.print(st, sb.toString());
          return 0;
        }
      }
    }
  }

  @Command(name = "unjail", description = "Return a jailed validator to later sets after its jail.")
  public static final class Unjail implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Override
    public Integer call() {
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        return submit(c, client, s, List.of(StakingCalls.unjail()), f.cap());
      }
    }
  }

  @Command(name = "commission", description = "Set your validator's commission (basis points).")
  public static final class Commission implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin From f;

    @Option(names = "--bps", required = true)
    int bps;

    @Override
    public Integer call() {
      if (bps < 0 || bps > 10_000) {
        throw new CliException("--bps must be 0..10000", 2);
      }
      Signer s = Signer.load(f.from);
      try (ChainClient client = c.client()) {
        return submit(c, client, s, List.of(StakingCalls.editCommission(bps)), f.cap());
      }
    }
  }

  @Command(
      name = "evidence",
      description = "Double-signing evidence.",
      subcommands = {EvidenceCmd.Submit.class})
  public static final class EvidenceCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "submit",
        description =
            "Report double signing: FILE holds {\"epoch\": N, \"evidence\": \"0x<codec hex>\"} or"
                + " the hex alone (then give --epoch). The reporter earns a share of the slash.")
    static final class Submit implements Callable<Integer> {
      @Mixin ChainCommands.Common c;
      @Mixin From f;

      @Parameters(paramLabel = "FILE")
      Path file;

      @Option(names = "--epoch", description = "the offence's epoch")
      Long epoch;

      @Override
      public Integer call() {
        String text;
        try {
          text = Files.readString(file).strip();
        } catch (IOException e) {
          throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        }
        String hex = text;
        Long offence = epoch;
        if (text.startsWith("{")) {
          try {
            JsonNode n = JSON.readTree(text);
            hex = n.path("evidence").asText("");
            if (offence == null && n.has("epoch")) {
              offence = n.path("epoch").asLong();
            }
          } catch (IOException e) {
            throw new CliException(file + ": not JSON: " + e.getMessage(), 2);
          }
        }
        if (offence == null) {
          throw new CliException("the offence epoch is missing: give --epoch N", 2);
        }
        Evidence ev;
        try {
          ev = Evidence.CODEC.decode(Hex.decode(hex));
        } catch (IllegalArgumentException | CodecException e) {
          throw new CliException(file + ": not canonical evidence: " + e.getMessage(), 2);
        }
        Signer s = Signer.load(f.from);
        try (ChainClient client = c.client()) {
          return submit(c, client, s, List.of(StakingCalls.submitEvidence(offence, ev)), f.cap());
        }
      }
    }
  }

  @Command(
      name = "validators",
      description =
          "Registered validators: address, name, stake, self-bond, delegated, commission, status,"
              + " missed rounds this epoch.")
  public static final class Validators implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode vs = client.call("aeth_getValidators");
        StringBuilder sb = new StringBuilder();
        sb.append(
            String.format(
                "%-66s %-16s %20s %20s %20s %6s %-10s %s",
                "ADDRESS", "NAME", "STAKE", "SELF-BOND", "DELEGATED", "COMM%", "STATUS", "MISSED"));
        for (JsonNode v : vs) {
          sb.append('\n')
              .append(
                  String.format(
                      "%-66s %-16s %20s %20s %20s %6.2f %-10s %d/%d",
                      v.path("address").asText(),
                      v.path("name").asText(),
                      v.path("stake").asText(),
                      v.path("selfBond").asText(),
                      v.path("delegated").asText(),
                      v.path("commissionBps").asInt() / 100.0,
                      v.path("status").asText(),
                      v.path("missedRounds").asLong(),
                      v.path("certifiedRounds").asLong()));
        }
        c.print(vs, sb.toString());
        return 0;
      }
    }
  }
}
