package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.wasm.ContractTxs;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl contract}: deploy WebAssembly contracts, call them in transactions, query them
 * read-only, read their storage and events (docs/contracts.md).
 */
@Command(
    name = "contract",
    description = "Deploy, call and query WebAssembly contracts.",
    subcommands = {
      ContractCommand.Deploy.class,
      ContractCommand.CallCmd.class,
      ContractCommand.Query.class,
      ContractCommand.Storage.class,
      ContractCommand.Logs.class
    })
public final class ContractCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validity window of the transactions these commands sign, in slots (1 h at 500 ms). */
  private static final long VALID_FOR = 7_200;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static H256 hash(String s, String what) {
    try {
      return H256.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new CliException(what + ": not 0x + 64 hex digits: " + s, 2);
    }
  }

  /** The options every sending subcommand shares. */
  static final class Sending {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "KEY",
        description = "key file (ed25519_seed, or a validator key file) that signs and pays")
    Path from;

    @Option(
        names = "--fee-cap",
        description = "most SWR the fee may take (default: the node's estimate, doubled)")
    String feeCap;

    @Option(names = "--no-wait", description = "return after submitting")
    boolean noWait;

    @Option(
        names = "--force",
        description = "send even when the simulation says the transaction would fail")
    boolean force;
  }

  /**
   * Builds, estimates (with access sets when {@code auto}), signs, submits and (unless told not to)
   * waits for {@code calls}. Refuses to send what the simulation says would fail, unless forced: a
   * failed transaction still pays its fee.
   */
  static int send(
      ChainCommands.Common c,
      Sending s,
      List<Call> calls,
      TreeSet<H256> reads,
      TreeSet<H256> writes,
      boolean auto,
      ObjectNode extra) {
    Ed25519KeyPair key = ChainClient.loadKey(s.from);
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    try (ChainClient client = c.client()) {
      String chain = client.chainId();
      long nonce = client.nonce(payer);
      long until = client.latestSlot() + VALID_FOR;
      TxBody probe = body(chain, payer, nonce, reads, writes, calls, Amount.of(1), until);
      JsonNode est;
      if (auto) {
        ObjectNode opts = JSON.createObjectNode().put("autoAccess", true);
        est =
            client.call(
                "aeth_estimateFee",
                Hex.encode(Tx.CODEC.encode(ChainClient.sign(key, probe))),
                opts);
        JsonNode acc = est.path("access");
        if (!acc.path("complete").asBoolean() && !s.force) {
          throw new CliException(
              "the node's simulation says this transaction would fail, so its access sets are"
                  + " unknown: "
                  + acc.path("note").asText()
                  + " (a failed transaction still pays its fee; --force sends it anyway)");
        }
        reads = keys(acc.path("reads"));
        writes = keys(acc.path("writes"));
        extra.set("access", acc);
      } else {
        est =
            client.call(
                "aeth_estimateFee", Hex.encode(Tx.CODEC.encode(ChainClient.sign(key, probe))));
      }
      if (!"success".equals(est.path("status").asText()) && !s.force) {
        throw new CliException(
            "the node's simulation says this transaction would fail (error "
                + est.path("errorCode").asInt()
                + ") and still pay its fee; use aetherctl contract query to see why, or --force");
      }
      Amount cap =
          s.feeCap != null
              ? ChainCommands.amount(s.feeCap)
              : Amount.parse(est.path("suggestedFeeCap").asText());
      Tx tx = ChainClient.sign(key, body(chain, payer, nonce, reads, writes, calls, cap, until));
      H256 id = client.submit(tx);
      extra.put("txHash", id.toHex());
      if (s.noWait) {
        extra.put("status", "submitted");
        c.print(extra, "submitted " + id);
        return 0;
      }
      Optional<JsonNode> r =
          client.awaitReceipt(id, Duration.ofSeconds(60), c.json ? null : System.err);
      if (r.isEmpty()) {
        throw new CliException("transaction " + id + " not final after 60 s (still pending)");
      }
      JsonNode receipt = r.get();
      extra.set("receipt", receipt);
      boolean ok = "success".equals(receipt.path("status").asText());
      StringBuilder human = new StringBuilder();
      human
          .append("final: ")
          .append(id)
          .append(" in block ")
          .append(ChainClient.quantity(receipt.path("blockHeight")))
          .append(", status ")
          .append(receipt.path("status").asText())
          .append(", fee ")
          .append(receipt.path("feePaid").asText())
          .append(", steps ")
          .append(ChainClient.quantity(receipt.path("steps")));
      if (!ok) {
        human.append(", error ").append(receipt.path("errorCode").asInt());
      }
      for (JsonNode e : receipt.path("events")) {
        human.append("\n  event ").append(topic(e)).append(' ').append(e.path("data").asText());
      }
      if (extra.has("contract")) {
        human.insert(0, "contract " + extra.path("contract").asText() + "\n");
      }
      c.print(extra, human.toString());
      return ok ? 0 : 1;
    }
  }

  static String topic(JsonNode event) {
    String hex = event.path("topic").asText();
    try {
      String t = new String(Hex.decode(hex), StandardCharsets.UTF_8);
      return t.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) ? t : hex;
    } catch (IllegalArgumentException e) {
      return hex;
    }
  }

  private static TreeSet<H256> keys(JsonNode arr) {
    TreeSet<H256> out = new TreeSet<>();
    arr.forEach(k -> out.add(H256.fromHex(k.asText())));
    return out;
  }

  static TxBody body(
      String chain,
      Address payer,
      long nonce,
      TreeSet<H256> reads,
      TreeSet<H256> writes,
      List<Call> calls,
      Amount cap,
      long until) {
    return ContractTxs.body(chain, payer, nonce, reads, writes, calls, cap, until);
  }

  @Command(
      name = "deploy",
      description = "Deploy a WebAssembly module; prints its contract id. Waits for finality.")
  public static final class Deploy implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Sending s = new Sending();

    @Option(names = "--wasm", required = true, paramLabel = "FILE", description = "the module")
    Path wasm;

    @Option(
        names = "--salt",
        description =
            "deploy another instance of the same code: appends a custom section 'aether.salt'"
                + " with this text (the contract id is the hash of the bytes)")
    String salt;

    @Override
    public Integer call() {
      byte[] code;
      try {
        code = Files.readAllBytes(wasm);
      } catch (IOException e) {
        throw new CliException("cannot read " + wasm + ": " + e.getMessage(), 2);
      }
      if (salt != null) {
        code = salted(code, salt);
      }
      // Checked here first, with the chain's default limits: a module deploy would refuse costs a
      // fee to find out on chain.
      Optional<String> why = WasmContracts.genesis().check(code);
      if (why.isPresent()) {
        throw new CliException(wasm + ": " + why.get(), 2);
      }
      H256 id = WasmContracts.contractId(code);
      ObjectNode out = JSON.createObjectNode().put("contract", id.toHex());
      out.put("codeBytes", code.length);
      return send(
          c,
          s,
          List.of(ContractTxs.deploy(code)),
          new TreeSet<>(),
          new TreeSet<>(List.of(id)),
          false,
          out);
    }
  }

  /** {@code code} with a custom section named {@code aether.salt} holding {@code salt}. */
  static byte[] salted(byte[] code, String salt) {
    byte[] name = "aether.salt".getBytes(StandardCharsets.US_ASCII);
    byte[] body = salt.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    leb(section, name.length);
    section.writeBytes(name);
    section.writeBytes(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(code);
    out.write(0);
    leb(out, section.size());
    out.writeBytes(section.toByteArray());
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, int v) {
    int x = v;
    do {
      int b = x & 0x7f;
      x >>>= 7;
      out.write(x != 0 ? b | 0x80 : b);
    } while (x != 0);
  }

  /** The call options shared by {@code call} and {@code query}. */
  static final class Target {
    @Option(names = "--contract", required = true, paramLabel = "0xID")
    String contract;

    @Option(names = "--method", required = true, paramLabel = "NAME")
    String method;

    @Option(
        names = "--args",
        paramLabel = "JSON",
        description = "arguments as a JSON array (see docs/contracts.md, \"Arguments\")")
    String args;

    @Option(names = "--args-hex", paramLabel = "0xHEX", description = "arguments as raw bytes")
    String argsHex;

    H256 id() {
      return hash(contract, "--contract");
    }

    Bytes bytes() {
      if (args != null && argsHex != null) {
        throw new CliException("give --args or --args-hex, not both", 2);
      }
      if (argsHex != null) {
        try {
          return Bytes.of(Hex.decode(argsHex));
        } catch (IllegalArgumentException e) {
          throw new CliException("--args-hex: " + e.getMessage(), 2);
        }
      }
      return args == null ? Bytes.EMPTY : Bytes.of(ContractArgs.encode(args));
    }

    Call call() {
      if (method.isEmpty() || method.getBytes(StandardCharsets.UTF_8).length > Call.MAX_METHOD) {
        throw new CliException("--method must be 1.." + Call.MAX_METHOD + " bytes", 2);
      }
      Bytes b = bytes();
      if (b.length() > Call.MAX_ARGS) {
        throw new CliException("arguments over " + Call.MAX_ARGS + " bytes", 2);
      }
      return new Call(id(), method, b);
    }
  }

  @Command(
      name = "call",
      description =
          "Call a contract method in a transaction; access sets by simulation unless given."
              + " Waits for finality.")
  public static final class CallCmd implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Sending s = new Sending();
    @Mixin Target t = new Target();

    @Option(
        names = "--read",
        paramLabel = "0xKEY",
        description = "a state key to declare readable (repeatable; turns --auto-access off)")
    List<String> read = new ArrayList<>();

    @Option(
        names = "--write",
        paramLabel = "0xKEY",
        description = "a state key to declare writable (repeatable; turns --auto-access off)")
    List<String> write = new ArrayList<>();

    @Option(
        names = "--auto-access",
        negatable = true,
        description =
            "declare the keys a simulation finds the call touches (default: on unless --read or"
                + " --write is given)")
    Boolean autoAccess;

    @Option(
        names = "--deposit",
        paramLabel = "AMOUNT[:ASSET]",
        description = "first pay this to the contract's account in the same transaction")
    String deposit;

    @Override
    public Integer call() {
      Call call = t.call();
      TreeSet<H256> reads = new TreeSet<>(List.of(call.program()));
      TreeSet<H256> writes = new TreeSet<>();
      read.forEach(k -> reads.add(hash(k, "--read")));
      write.forEach(k -> writes.add(hash(k, "--write")));
      Optional<Value> paid = Optional.empty();
      if (deposit != null) {
        String[] p = deposit.split(":", 2);
        AssetId asset = ChainCommands.asset(p.length == 2 ? p[1] : "SWR");
        paid = Optional.of(Value.of(asset, ChainCommands.amount(p[0])));
        Address account = CallContext.programAddress(call.program());
        writes.add(dev.aether.ledger.StateKeys.account(account));
      }
      List<Call> calls = ContractTxs.callCalls(call, paid);
      boolean auto = autoAccess != null ? autoAccess : read.isEmpty() && write.isEmpty();
      ObjectNode out = JSON.createObjectNode();
      return send(c, s, calls, reads, writes, auto, out);
    }
  }

  @Command(
      name = "query",
      description =
          "Run a contract method read-only on the node's state (aeth_call); nothing is sent.")
  public static final class Query implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Target t = new Target();

    @Option(names = "--from", paramLabel = "ADDRESS", description = "the caller the contract sees")
    String from;

    @Option(
        names = "--returns",
        paramLabel = "TYPES",
        description =
            "decode the return data: comma-separated u8,bool,u32,u64,amount,address,bytes32,bytes,string")
    String returns;

    @Override
    public Integer call() {
      Call call = t.call();
      ObjectNode req = JSON.createObjectNode();
      req.put("contract", call.program().toHex());
      req.put("method", call.method());
      req.put("args", Hex.encode(call.args().toArray()));
      if (from != null) {
        req.put("from", ChainClient.parseAddress(from).toString());
      }
      try (ChainClient client = c.client()) {
        JsonNode r = client.call("aeth_call", req, "latest");
        ObjectNode out = ((ObjectNode) r).deepCopy();
        String data = r.path("returnData").asText();
        StringBuilder human = new StringBuilder();
        if ("success".equals(r.path("status").asText())) {
          human.append("returned ").append(data);
          if (returns != null) {
            ArrayNode decoded = ContractArgs.decode(Hex.decode(data), returns);
            out.set("decoded", decoded);
            human.append(" = ").append(decoded);
          }
        } else {
          human
              .append("failed: ")
              .append(r.path("error").asText())
              .append(": ")
              .append(r.path("message").asText());
        }
        human
            .append(" (steps ")
            .append(ChainClient.quantity(r.path("steps")))
            .append(", fee as a transaction ")
            .append(r.path("fee").asText())
            .append(')');
        for (JsonNode e : r.path("events")) {
          human.append("\n  event ").append(topic(e)).append(' ').append(e.path("data").asText());
        }
        c.print(out, human.toString());
        return "success".equals(r.path("status").asText()) ? 0 : 1;
      }
    }
  }

  @Command(
      name = "storage",
      description = "Read a contract's storage slot (with its Merkle proof in --json).")
  public static final class Storage implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Option(names = "--contract", required = true, paramLabel = "0xID")
    String contract;

    @Option(names = "--slot", paramLabel = "0xSLOT", description = "the 32-byte slot")
    String slot;

    @Option(
        names = "--key",
        paramLabel = "NAME",
        description = "the SDK's Storage.key(NAME, PART): sha256(NAME || PART)")
    String key;

    @Option(
        names = "--part",
        paramLabel = "JSON",
        description = "PART for --key, encoded like --args (e.g. '[\"0x<address>\"]')")
    String part;

    @Option(names = "--returns", paramLabel = "TYPES", description = "decode the value (as query)")
    String returns;

    @Override
    public Integer call() {
      H256 id = hash(contract, "--contract");
      H256 s;
      if ((slot == null) == (key == null)) {
        throw new CliException("give --slot or --key", 2);
      }
      if (slot != null) {
        s = hash(slot, "--slot");
      } else {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] p = part == null ? new byte[0] : ContractArgs.encode(part);
        s = Hashing.sha256(concat(name, p));
      }
      try (ChainClient client = c.client()) {
        JsonNode r = client.call("aeth_getStorageAt", id.toHex(), s.toHex());
        ObjectNode out = ((ObjectNode) r).deepCopy();
        String human;
        if (r.path("value").isNull()) {
          human = "slot " + s + ": empty";
        } else {
          String v = r.path("value").asText();
          human = "slot " + s + " = " + v;
          if (returns != null) {
            ArrayNode decoded = ContractArgs.decode(Hex.decode(v), returns);
            out.set("decoded", decoded);
            human += " = " + decoded;
          }
          human +=
              " (rent paid through epoch " + ChainClient.quantity(r.path("paidThroughEpoch")) + ")";
        }
        c.print(out, human);
        return 0;
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Command(name = "logs", description = "Events by contract, topic and block range (aeth_getLogs).")
  public static final class Logs implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Option(names = "--contract", paramLabel = "0xID")
    String contract;

    @Option(names = "--topic", description = "the topic as text")
    String topic;

    @Option(names = "--from-block", paramLabel = "N")
    Long fromBlock;

    @Option(names = "--to-block", paramLabel = "N")
    Long toBlock;

    @Override
    public Integer call() {
      ObjectNode f = JSON.createObjectNode();
      if (contract != null) {
        f.put("contract", hash(contract, "--contract").toHex());
      }
      if (topic != null) {
        f.put("topic", topic);
      }
      if (fromBlock != null) {
        f.put("fromBlock", fromBlock);
      }
      if (toBlock != null) {
        f.put("toBlock", toBlock);
      }
      try (ChainClient client = c.client()) {
        JsonNode logs = client.call("aeth_getLogs", f);
        StringBuilder human = new StringBuilder();
        for (JsonNode e : logs) {
          human
              .append("block ")
              .append(ChainClient.quantity(e.path("blockHeight")))
              .append(" tx ")
              .append(e.path("txHash").asText())
              .append(' ')
              .append(topic(e))
              .append(' ')
              .append(e.path("data").asText())
              .append('\n');
        }
        human.append(logs.size()).append(" event(s)");
        c.print(logs, human.toString());
        return 0;
      }
    }
  }
}
