package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.ledger.LedgerException;
import dev.aether.programs.amm.Amm;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.programs.amm.AmmMath;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.codec.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl amm ...}: the constant-product AMM (docs/programs/amm.md). {@code quote} is a
 * pure calculator; {@code pools} reads the chain; {@code create}, {@code add}, {@code remove} and
 * {@code swap} sign with {@code --key} (default {@code $AETHER_KEY}), wait for finality, and exit 1
 * with the stable code ({@code amm.<reason>}) when the chain refuses, 2 on bad input.
 */
public final class AmmCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AmmCommands() {}

  /** {@code aetherctl amm}. */
  @Command(
      name = "amm",
      description = "Constant-product AMM: pools, quote, create, add, remove, swap.",
      subcommands = {Pools.class, Quote.class, Create.class, Add.class, Remove.class, Swap.class})
  public static final class AmmCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** A non-negative u128 given as a decimal string. */
  static BigInteger u128(String s, String option) {
    BigInteger v;
    try {
      v = new BigInteger(s);
    } catch (NumberFormatException e) {
      throw new CliException(option + ": not a decimal integer: " + s, 2);
    }
    if (v.signum() < 0 || v.compareTo(Amount.MAX_VALUE) > 0) {
      throw new CliException(option + ": must be 0 .. 2^128-1, got " + s, 2);
    }
    return v;
  }

  static BigInteger positive(String s, String option) {
    BigInteger v = u128(s, option);
    if (v.signum() == 0) {
      throw new CliException(option + ": must be positive", 2);
    }
    return v;
  }

  /** The deadline slot: the node's latest slot plus {@code slots}. */
  static long deadline(ChainClient client, long slots) {
    if (slots <= 0) {
      throw new CliException("--deadline-slots must be positive", 2);
    }
    return client.latestSlot() + slots;
  }

  @Command(name = "pools", description = "List the pools with their reserves, LP supply and fee.")
  public static final class Pools implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode pools = client.call("aeth_getPools");
        StringBuilder human = new StringBuilder();
        if (pools.isEmpty()) {
          human.append("no pools");
        }
        for (JsonNode p : pools) {
          if (!human.isEmpty()) {
            human.append('\n');
          }
          human
              .append(p.path("assetA").asText())
              .append('/')
              .append(p.path("assetB").asText())
              .append("  reserves ")
              .append(p.path("reserveA").asText())
              .append(" / ")
              .append(p.path("reserveB").asText())
              .append("  lp supply ")
              .append(p.path("lpSupply").asText())
              .append("  fee ")
              .append(p.path("feeBps").asInt())
              .append(" bps");
        }
        c.print(pools, human.toString());
        return 0;
      }
    }
  }

  @Command(
      name = "quote",
      description =
          "Pure calculator: the output of an exact-input swap (or, with --amount-out, the input of"
              + " an exact-output swap) on the given reserves, with the chain's integer rounding.")
  public static final class Quote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--reserve-in", required = true, paramLabel = "X", description = "u128")
    String reserveIn;

    @Option(names = "--reserve-out", required = true, paramLabel = "Y", description = "u128")
    String reserveOut;

    @Option(names = "--amount-in", paramLabel = "DX", description = "exact input (u128)")
    String amountIn;

    @Option(names = "--amount-out", paramLabel = "DY", description = "exact output (u128)")
    String amountOut;

    @Option(names = "--fee-bps", required = true, paramLabel = "F", description = "0..9999")
    int feeBps;

    @Option(names = "--json", description = "print JSON (amounts as decimal strings)")
    boolean json;

    @Override
    public Integer call() {
      if ((amountIn == null) == (amountOut == null)) {
        throw new CliException("give exactly one of --amount-in and --amount-out", 2);
      }
      if (feeBps < 0 || feeBps >= 10_000) {
        throw new CliException("--fee-bps must be 0..9999, got " + feeBps, 2);
      }
      BigInteger x = u128(reserveIn, "--reserve-in");
      BigInteger y = u128(reserveOut, "--reserve-out");
      String key;
      BigInteger result;
      try {
        if (amountIn != null) {
          key = "amount_out";
          result = AmmMath.amountOut(u128(amountIn, "--amount-in"), x, y, feeBps);
        } else {
          key = "amount_in";
          result = AmmMath.amountIn(u128(amountOut, "--amount-out"), x, y, feeBps);
        }
      } catch (LedgerException e) {
        // The same refusal the chain would give (amm.overflow, amm.insufficient_liquidity...).
        throw new CliException(e.getMessage(), 2);
      }
      ObjectNode o = JSON.createObjectNode().put(key, result.toString());
      spec.commandLine().getOut().println(json ? o.toString() : result.toString());
      return 0;
    }
  }

  @Command(
      name = "create",
      description = "Create the pool of a pair (empty; add liquidity with 'amm add').")
  public static final class Create implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Mixin Pair pair;

    @Override
    public Integer call() {
      AssetId x = pair.a();
      AssetId y = pair.b();
      if (x.equals(y)) {
        throw new CliException("--a and --b must be different assets", 2);
      }
      Call call = AmmCalls.create(x, y);
      return sendAndPrint(c, s, call, "created pool " + x + "/" + y);
    }
  }

  @Command(
      name = "add",
      description =
          "Add liquidity: up to --amount-a and --amount-b, in the pool's ratio (the excess stays"
              + " with you); mints LP shares.")
  public static final class Add implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Mixin Pair pair;

    @Option(names = "--amount-a", required = true, paramLabel = "N", description = "most of A")
    String amountA;

    @Option(names = "--amount-b", required = true, paramLabel = "N", description = "most of B")
    String amountB;

    @Mixin Minimums min;

    @Mixin Deadline d;

    @Override
    public Integer call() {
      AssetId x = pair.a();
      AssetId y = pair.b();
      BigInteger da = positive(amountA, "--amount-a");
      BigInteger db = positive(amountB, "--amount-b");
      BigInteger ma = min.a();
      BigInteger mb = min.b();
      try (ChainClient client = c.client()) {
        Call call = AmmCalls.add(new AmmCalls.Add(x, y, da, db, ma, mb, d.slot(client)));
        return sendAndPrint(c, s, call, "added liquidity to " + x + "/" + y);
      }
    }
  }

  @Command(name = "remove", description = "Burn LP shares for the pool's assets, pro rata.")
  public static final class Remove implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Mixin Pair pair;

    @Option(names = "--shares", required = true, paramLabel = "N", description = "LP shares")
    String shares;

    @Mixin Minimums min;

    @Mixin Deadline d;

    @Override
    public Integer call() {
      AssetId x = pair.a();
      AssetId y = pair.b();
      BigInteger sh = positive(shares, "--shares");
      BigInteger ma = min.a();
      BigInteger mb = min.b();
      try (ChainClient client = c.client()) {
        Call call = AmmCalls.remove(new AmmCalls.Remove(x, y, sh, ma, mb, d.slot(client)));
        return sendAndPrint(c, s, call, "removed liquidity from " + x + "/" + y);
      }
    }
  }

  @Command(
      name = "swap",
      description =
          "Swap --amount of --in for at least --min-out of --out (or, with --exact-out, exactly"
              + " --amount of --out for at most --max-in), through --via hops if given.")
  public static final class Swap implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin ProgramTx.Signer s;

    @Option(names = "--in", required = true, paramLabel = "ASSET")
    String in;

    @Option(names = "--out", required = true, paramLabel = "ASSET")
    String out;

    @Option(
        names = "--via",
        paramLabel = "ASSET",
        split = ",",
        description = "intermediate assets of a multi-hop route, in order")
    List<String> via = new ArrayList<>();

    @Option(names = "--amount", required = true, paramLabel = "N")
    String amount;

    @Option(names = "--min-out", paramLabel = "M", description = "exact-in: least output")
    String minOut;

    @Option(names = "--exact-out", description = "--amount is the exact output")
    boolean exactOut;

    @Option(names = "--max-in", paramLabel = "M", description = "exact-out: most input")
    String maxIn;

    @Mixin Deadline d;

    @Override
    public Integer call() {
      List<AssetId> path = new ArrayList<>();
      path.add(ChainCommands.asset(in));
      via.forEach(v -> path.add(ChainCommands.asset(v)));
      path.add(ChainCommands.asset(out));
      if (path.size() > Amm.MAX_PATH || path.stream().distinct().count() != path.size()) {
        throw new CliException(
            "a route is 2.." + Amm.MAX_PATH + " different assets, got " + path, 2);
      }
      BigInteger n = positive(amount, "--amount");
      if (exactOut ? maxIn == null || minOut != null : minOut == null || maxIn != null) {
        throw new CliException(
            exactOut
                ? "--exact-out takes --max-in (not --min-out)"
                : "give --min-out (use 0 to accept any price); --max-in needs --exact-out",
            2);
      }
      BigInteger limit = exactOut ? u128(maxIn, "--max-in") : u128(minOut, "--min-out");
      try (ChainClient client = c.client()) {
        long dl = d.slot(client);
        Call call =
            exactOut
                ? AmmCalls.swapExactOut(path, n, limit, dl)
                : AmmCalls.swapExactIn(path, n, limit, dl);
        JsonNode receipt = ProgramTx.send(c, client, s, call);
        byte[] ev =
            ProgramTx.event(receipt, "amm.swap")
                .orElseThrow(() -> new CliException("swap receipt has no amm.swap event"));
        Reader r = new Reader(ev);
        r.list("path", Amm.MAX_PATH, AssetId.CODEC);
        r.u8("mode");
        long k = r.u32("hops");
        List<BigInteger> amounts = new ArrayList<>();
        for (long i = 0; i < k; i++) {
          amounts.add(Amount.CODEC.read(r).value());
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("txHash", receipt.path("txHash").asText());
        ArrayNode ps = o.putArray("path");
        path.forEach(a -> ps.add(a.toString()));
        ArrayNode as = o.putArray("amounts");
        amounts.forEach(a -> as.add(a.toString()));
        o.put("amountIn", amounts.getFirst().toString());
        o.put("amountOut", amounts.getLast().toString());
        o.put("fee", receipt.path("feePaid").asText());
        c.print(
            o,
            "swapped "
                + amounts.getFirst()
                + " "
                + path.getFirst()
                + " for "
                + amounts.getLast()
                + " "
                + path.getLast()
                + " in block "
                + ChainClient.quantity(receipt.path("blockHeight"))
                + ", fee "
                + receipt.path("feePaid").asText());
        return 0;
      }
    }
  }

  private static int sendAndPrint(
      ChainCommands.Common c, ProgramTx.Signer s, Call call, String what) {
    try (ChainClient client = c.client()) {
      JsonNode receipt = ProgramTx.send(c, client, s, call);
      c.print(
          receipt,
          what
              + " in block "
              + ChainClient.quantity(receipt.path("blockHeight"))
              + ", fee "
              + receipt.path("feePaid").asText());
      return 0;
    }
  }

  /** {@code --a} and {@code --b}: the pool's two assets. */
  static final class Pair {
    @Option(
        names = "--a",
        required = true,
        paramLabel = "ASSET",
        description = "SWR, AIC, USDT, 0x…")
    String a;

    @Option(names = "--b", required = true, paramLabel = "ASSET")
    String b;

    AssetId a() {
      return ChainCommands.asset(a);
    }

    AssetId b() {
      return ChainCommands.asset(b);
    }
  }

  /** {@code --min-a} and {@code --min-b}: the least of each asset the user accepts. */
  static final class Minimums {
    @Option(names = "--min-a", defaultValue = "0", paramLabel = "N", description = "least of A")
    String a;

    @Option(names = "--min-b", defaultValue = "0", paramLabel = "N", description = "least of B")
    String b;

    BigInteger a() {
      return u128(a, "--min-a");
    }

    BigInteger b() {
      return u128(b, "--min-b");
    }
  }

  /** {@code --deadline-slots}: the slot after which the chain refuses the transaction. */
  static final class Deadline {
    @Option(
        names = "--deadline-slots",
        defaultValue = "600",
        description = "refused if included later than this many slots from now")
    long slots;

    long slot(ChainClient client) {
      return deadline(client, slots);
    }
  }
}
