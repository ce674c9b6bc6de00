package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.amm.AmmMath;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.types.Hex;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aetherctl amm} and {@code aetherctl gov} as a person runs them, against the real ledger
 * with the native programs behind real JSON-RPC over the repository's genesis: the genesis pools
 * listed, the pure quote agreeing with the chain's swap, a swap that misses its {@code --min-out}
 * refused with its code and nothing moved, liquidity in and out; a fee proposal submitted, voted by
 * the validators' cold keys, tallied at the end of its voting period and charged from the next
 * block; a vetoed proposal's deposit burned. Refusals exit 1 with their code, bad input 2.
 */
class AmmGovCommandsTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  GenesisConfig genesis;
  LedgerBackend chain;
  RpcServer rpc;
  String url;
  Path faucet;

  @BeforeEach
  void start() throws Exception {
    genesis = GenesisParser.parse(ROOT.resolve("config/genesis.toml"));
    chain = new LedgerBackend(genesis);
    rpc = RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000));
    url = "http://127.0.0.1:" + rpc.address().getPort();
    faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
  }

  @AfterEach
  void stop() {
    rpc.close();
  }

  private CliHarness.Result ctl(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    return CliHarness.run(all);
  }

  private static CliHarness.Result ok(CliHarness.Result r) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    return r;
  }

  private static void refused(CliHarness.Result r, int exit, String start) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exit);
    // One error line (picocli's usage errors add a "try ... --help" hint), never a stack trace.
    assertThat(r.err().strip().lines().findFirst().orElse("")).startsWith(start);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private JsonNode json(String... args) throws Exception {
    return JSON.readTree(ok(ctl(args)).out());
  }

  /** A command that talks to no node. */
  private static JsonNode offline(String... args) throws Exception {
    return JSON.readTree(ok(CliHarness.run(args)).out());
  }

  private JsonNode pool(String a, String b) throws Exception {
    JsonNode pools = json("amm", "pools", "--json");
    for (JsonNode p : pools) {
      String x = p.path("assetA").asText();
      String y = p.path("assetB").asText();
      if (x.equals(a) && y.equals(b) || x.equals(b) && y.equals(a)) {
        return p;
      }
    }
    throw new AssertionError("no pool " + a + "/" + b + " in " + pools);
  }

  /** The reserve of {@code asset} in {@code pool}. */
  private static BigInteger reserve(JsonNode pool, String asset) {
    return new BigInteger(
        pool.path(pool.path("assetA").asText().equals(asset) ? "reserveA" : "reserveB").asText());
  }

  private String balances() throws Exception {
    JsonNode b = json("balance", DevnetGenesis.faucetAddress().toString(), "--json");
    return b.toString();
  }

  @Test
  void quoteIsAPureCalculatorWithTheChainsRounding() throws Exception {
    JsonNode q =
        offline(
            "amm",
            "quote",
            "--reserve-in",
            "1000000",
            "--reserve-out",
            "2000000",
            "--amount-in",
            "10000",
            "--fee-bps",
            "30",
            "--json");
    // dx_fee = 10000·9970/10000 = 9970; dy = 9970·2000000/(1000000+9970) = 19743 (floor)
    assertThat(q.path("amount_out").asText()).isEqualTo("19743");
    JsonNode inv =
        offline(
            "amm",
            "quote",
            "--reserve-in",
            "1000000",
            "--reserve-out",
            "2000000",
            "--amount-out",
            "19743",
            "--fee-bps",
            "30",
            "--json");
    BigInteger dx = new BigInteger(inv.path("amount_in").asText());
    assertThat(dx).isLessThanOrEqualTo(BigInteger.valueOf(10_000));
    assertThat(
            AmmMath.amountOut(dx, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000), 30))
        .isEqualTo(BigInteger.valueOf(19_743));
    BigInteger u128 = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    refused(
        CliHarness.run(
            "amm",
            "quote",
            "--reserve-in",
            u128.toString(),
            "--reserve-out",
            "5",
            "--amount-in",
            "1",
            "--fee-bps",
            "30"),
        2,
        "error: amm.overflow");
    refused(
        CliHarness.run(
            "amm",
            "quote",
            "--reserve-in",
            "1",
            "--reserve-out",
            "1",
            "--amount-in",
            "-1",
            "--fee-bps",
            "30"),
        2,
        "error: --amount-in: must be 0 .. 2^128-1");
    refused(
        CliHarness.run(
            "amm", "quote", "--reserve-in", "1", "--reserve-out", "1", "--fee-bps", "30"),
        2,
        "error: give exactly one of --amount-in and --amount-out");
  }

  @Test
  void swapAddAndRemoveThroughTheCli() throws Exception {
    JsonNode before = pool("AIC", "USDT");
    BigInteger x = reserve(before, "AIC");
    BigInteger y = reserve(before, "USDT");
    int fee = before.path("feeBps").asInt();
    BigInteger expected = AmmMath.amountOut(BigInteger.valueOf(1_000_000), x, y, fee);

    // Asking for one unit more than the pool gives: refused with its code, nothing moves.
    String aic = balances();
    refused(
        ctl(
            "amm",
            "swap",
            "--in",
            "AIC",
            "--out",
            "USDT",
            "--amount",
            "1000000",
            "--min-out",
            expected.add(BigInteger.ONE).toString(),
            "--key",
            faucet.toString()),
        1,
        "error: refused: amm.");
    assertThat(pool("AIC", "USDT")).isEqualTo(before);

    JsonNode swap =
        json(
            "amm",
            "swap",
            "--in",
            "AIC",
            "--out",
            "USDT",
            "--amount",
            "1000000",
            "--min-out",
            expected.toString(),
            "--key",
            faucet.toString(),
            "--json");
    assertThat(swap.path("amountOut").asText()).isEqualTo(expected.toString());
    JsonNode after = pool("AIC", "USDT");
    assertThat(reserve(after, "AIC")).isEqualTo(x.add(BigInteger.valueOf(1_000_000)));
    assertThat(reserve(after, "USDT")).isEqualTo(y.subtract(expected));
    assertThat(balances()).isNotEqualTo(aic);

    // Exact output across two pools: SWR -> AIC -> USDT, at most --max-in SWR.
    JsonNode hop =
        json(
            "amm",
            "swap",
            "--in",
            "SWR",
            "--via",
            "AIC",
            "--out",
            "USDT",
            "--exact-out",
            "--amount",
            "500",
            "--max-in",
            "1000000",
            "--key",
            faucet.toString(),
            "--json");
    assertThat(hop.path("amountOut").asText()).isEqualTo("500");
    assertThat(hop.path("amounts")).hasSize(3);

    JsonNode lpBefore = pool("AIC", "USDT");
    ok(
        ctl(
            "amm",
            "add",
            "--a",
            "AIC",
            "--b",
            "USDT",
            "--amount-a",
            "10000000",
            "--amount-b",
            "10000000",
            "--key",
            faucet.toString()));
    JsonNode lpAfter = pool("AIC", "USDT");
    BigInteger minted =
        new BigInteger(lpAfter.path("lpSupply").asText())
            .subtract(new BigInteger(lpBefore.path("lpSupply").asText()));
    assertThat(minted).isPositive();
    ok(
        ctl(
            "amm",
            "remove",
            "--a",
            "AIC",
            "--b",
            "USDT",
            "--shares",
            minted.toString(),
            "--key",
            faucet.toString()));
    assertThat(pool("AIC", "USDT").path("lpSupply").asText())
        .isEqualTo(lpBefore.path("lpSupply").asText());

    // Bad input never reaches the chain.
    refused(
        ctl(
            "amm",
            "swap",
            "--in",
            "AIC",
            "--out",
            "AIC",
            "--amount",
            "1",
            "--min-out",
            "0",
            "--key",
            faucet.toString()),
        2,
        "error: a route is 2..4 different assets");
    refused(
        ctl(
            "amm",
            "swap",
            "--in",
            "AIC",
            "--out",
            "USDT",
            "--amount",
            "1",
            "--key",
            faucet.toString()),
        2,
        "error: give --min-out");
    refused(
        ctl("amm", "swap", "--in", "BTC", "--out", "USDT", "--amount", "1", "--min-out", "0"),
        2,
        "error: unknown asset 'BTC'");
    refused(ctl("amm", "create", "--a", "AIC", "--b", "USDT"), 2, "error: pass --key FILE");
    refused(
        ctl("amm", "create", "--a", "AIC", "--b", "USDT", "--key", faucet.toString()),
        1,
        "error: refused: amm.");
  }

  /** A plain key file holding validator {@code i}'s cold key (its operator account). */
  private Path validator(int i) throws Exception {
    return Files.writeString(
        dir.resolve("v" + i + ".json"),
        "{\"ed25519_seed\": \"0x"
            + Hex.encode(ValidatorKeys.devnet(i).cold().orElseThrow().seed()).replace("0x", "")
            + "\"}");
  }

  private long transferFee() throws Exception {
    JsonNode r =
        json(
            "transfer",
            "--key",
            faucet.toString(),
            "--to",
            ValidatorKeys.devnet(0).operator().toString(),
            "--amount",
            "1",
            "--json");
    return Long.parseLong(r.path("feePaid").asText());
  }

  @Test
  void aFeeProposalPassesAndTheNextBlocksChargeTheNewFee() throws Exception {
    JsonNode params = json("gov", "params", "--json");
    long a = Long.parseLong(params.path("params").path("fees.a").asText());
    long feeBefore = transferFee();
    String deposit = genesis.governance().minDeposit().toString();
    JsonNode p =
        json(
            "gov",
            "propose",
            "--title",
            "double the base fee",
            "--param",
            "fees.a=" + (2 * a),
            "--deposit",
            deposit,
            "--key",
            faucet.toString(),
            "--json");
    long id = p.path("proposal").asLong();
    assertThat(
            json("gov", "status", "--proposal", Long.toString(id), "--json")
                .path("status")
                .asText())
        .isEqualTo("voting");
    for (int i = 0; i < 3; i++) {
      ok(
          ctl(
              "gov",
              "vote",
              "--proposal",
              Long.toString(id),
              "--option",
              "yes",
              "--key",
              validator(i).toString()));
    }
    refused(
        ctl(
            "gov",
            "vote",
            "--proposal",
            Long.toString(id),
            "--option",
            "maybe",
            "--key",
            faucet.toString()),
        2,
        "error: vote must be yes, no, abstain or veto");
    // Not yet: the fee stays until the tally at the end of the voting period.
    assertThat(transferFee()).isEqualTo(feeBefore);
    chain.emptyBlockAt(chain.slot() + genesis.governance().votingPeriodSlots() + 2);
    JsonNode done = json("gov", "status", "--proposal", Long.toString(id), "--json");
    assertThat(done.path("status").asText()).isEqualTo("passed");
    assertThat(json("gov", "params", "--json").path("params").path("fees.a").asText())
        .isEqualTo(Long.toString(2 * a));
    assertThat(transferFee()).isEqualTo(feeBefore + a);
    assertThat(ok(ctl("gov", "status")).out()).contains("#" + id).contains("passed");
  }

  @Test
  void aVetoedProposalBurnsItsDeposit() throws Exception {
    String deposit = genesis.governance().minDeposit().toString();
    JsonNode p =
        json(
            "gov",
            "propose",
            "--title",
            "pay me",
            "--pay",
            DevnetGenesis.faucetAddress() + ":SWR:1000",
            "--deposit",
            deposit,
            "--key",
            faucet.toString(),
            "--json");
    long id = p.path("proposal").asLong();
    String burnedBefore = json("gov", "params", "--json").path("burnedDeposits").asText();
    for (int i = 0; i < 3; i++) {
      ok(
          ctl(
              "gov",
              "vote",
              "--proposal",
              Long.toString(id),
              "--option",
              "veto",
              "--key",
              validator(i).toString()));
    }
    chain.emptyBlockAt(chain.slot() + genesis.governance().votingPeriodSlots() + 2);
    assertThat(
            json("gov", "status", "--proposal", Long.toString(id), "--json")
                .path("status")
                .asText())
        .isEqualTo("vetoed");
    BigInteger burned =
        new BigInteger(json("gov", "params", "--json").path("burnedDeposits").asText())
            .subtract(new BigInteger(burnedBefore));
    assertThat(burned).isEqualTo(genesis.governance().minDeposit().value());
    // Bad input and refusals.
    refused(
        ctl("gov", "propose", "--title", "x", "--deposit", "1", "--key", faucet.toString()),
        2,
        "error: ");
    refused(
        ctl(
            "gov",
            "propose",
            "--title",
            "x",
            "--param",
            "fees.a",
            "--deposit",
            "1",
            "--key",
            faucet.toString()),
        2,
        "error: --param must be NAME=VALUE");
    refused(
        ctl(
            "gov",
            "propose",
            "--title",
            "slot time is not governable",
            "--param",
            "chain.slot_ms=1",
            "--deposit",
            deposit,
            "--key",
            faucet.toString()),
        1,
        "error: refused: governance.");
    refused(ctl("gov", "status", "--proposal", "999"), 1, "error: no proposal 999");
  }
}
