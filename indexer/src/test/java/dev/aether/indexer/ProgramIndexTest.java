package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.HttpApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.indexer.ingest.ChainViews;
import dev.aether.indexer.ingest.Extractor;
import dev.aether.indexer.ingest.Programs;
import dev.aether.indexer.ingest.Rows;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.GovView;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMM and governance tables against real blocks: the real ledger runs the real AMM and
 * governance programs (calls built by their own builders, the tally by their end-of-block hook),
 * the blocks go through {@link BlockWriter} into embedded PostgreSQL, and what the indexer says —
 * pools, swaps, liquidity, balances, proposals, votes, deposits, treasury payments — is compared
 * with the ledger's state and with the node's JSON-RPC answers for the same objects.
 */
class ProgramIndexTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BigInteger FUNDS = BigInteger.TEN.pow(20);
  static final long MAX = Long.MAX_VALUE;
  static final Amount MIN_DEPOSIT = Amount.of(1_000_000);
  static final AssetId SWR = AssetId.SWR;
  static final AssetId AIC = AssetId.AIC;
  static final AssetId USDT = AssetId.USDT;

  @TempDir static Path dir;
  static Pg pg;
  static Database db;
  static ProgramChain chain;
  static RpcServer rpc;
  static HttpApi http;
  static HttpClient client = HttpClient.newHttpClient();
  static final Ed25519KeyPair u0 = ProgramChain.user("provider");
  static final Ed25519KeyPair u1 = ProgramChain.user("lp");
  static final Ed25519KeyPair u2 = ProgramChain.user("trader");
  static final Address payee = ProgramChain.address(ProgramChain.user("payee"));
  static long spendId;
  static long paramId;
  static Receipt failedSwap;

  @BeforeAll
  static void start() throws Exception {
    Map<Address, Map<AssetId, BigInteger>> balances = new LinkedHashMap<>();
    for (Ed25519KeyPair u : List.of(u0, u1, u2)) {
      balances.put(ProgramChain.address(u), Map.of(SWR, FUNDS, AIC, FUNDS, USDT, FUNDS));
    }
    chain =
        new ProgramChain(
            balances,
            List.of(
                new GenesisConfig.Amm.Pool(
                    USDT,
                    AIC,
                    Amount.of(2_000_000_000_000L),
                    Amount.of(1_000_000_000_000L),
                    ProgramChain.address(u0))),
            new GenesisConfig.Governance(
                MIN_DEPOSIT,
                8,
                5,
                new dev.aether.types.Ratio(1, 3),
                new dev.aether.types.Ratio(1, 2),
                new dev.aether.types.Ratio(1, 3),
                4,
                1_000,
                5_000));
    runScenario();
    pg = new Pg(dir);
    db = pg.fresh();
    BlockWriter w =
        new BlockWriter(db.dataSource(), Optional.of(BlockWriter.Genesis.of(chain.config)));
    for (FinalBlock fb : chain.finalBlocks()) {
      assertThat(w.write(fb)).isEqualTo(BlockWriter.Outcome.WRITTEN);
    }
    rpc = RpcServer.start(chain, RpcConfig.defaults().withPort(0));
    http =
        new HttpApi(
            new InetSocketAddress("127.0.0.1", 0),
            new GraphQlApi(new Queries(db.dataSource(), 500), () -> -1),
            Optional.empty());
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (rpc != null) {
      rpc.close();
    }
    if (db != null) {
      db.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  static Tx amm(Ed25519KeyPair key, Call call) {
    Address payer = ProgramChain.address(key);
    return chain.tx(
        key,
        nonce ->
            AmmCalls.body(
                ProgramChain.CHAIN, payer, nonce, List.of(call), ProgramChain.FEE_CAP, MAX));
  }

  static Tx gov(Ed25519KeyPair key, Call call) {
    Address payer = ProgramChain.address(key);
    long next = new GovView(chain.ledger.state()).nextId();
    return chain.tx(
        key,
        nonce ->
            GovCalls.body(ProgramChain.CHAIN, payer, nonce, call, next, ProgramChain.FEE_CAP, MAX));
  }

  static void ok(Receipt r) {
    assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
  }

  /** A pool's life, swaps on one and two hops, a failed swap, and two proposals' lives. */
  static void runScenario() {
    ok(chain.one(amm(u1, AmmCalls.create(SWR, AIC))));
    // Assets given in the other order than the pool's: the indexer must map them back.
    ok(
        chain.one(
            amm(
                u1,
                AmmCalls.add(
                    new AmmCalls.Add(
                        AIC,
                        SWR,
                        BigInteger.valueOf(500_000_000_000L),
                        BigInteger.valueOf(200_000_000_000L),
                        BigInteger.ONE,
                        BigInteger.ONE,
                        MAX)))));
    ok(
        chain.one(
            amm(
                u2,
                AmmCalls.swapExactIn(
                    List.of(AIC, USDT), BigInteger.TEN.pow(9), BigInteger.ONE, MAX))));
    ok(
        chain.one(
            amm(
                u2,
                AmmCalls.swapExactOut(
                    List.of(SWR, AIC, USDT), BigInteger.TEN.pow(8), BigInteger.TEN.pow(15), MAX))));
    // Slippage refused on chain: the fee is paid, nothing else is indexed.
    failedSwap =
        chain.one(
            amm(
                u2,
                AmmCalls.swapExactIn(
                    List.of(AIC, USDT), BigInteger.TEN.pow(9), BigInteger.TEN.pow(30), MAX)));
    assertThat(failedSwap.status()).isEqualTo(Receipt.Status.FAILED);
    BigInteger shares = chain.balance(ProgramChain.address(u1), AmmKeys.lpAsset(SWR, AIC));
    ok(
        chain.one(
            amm(
                u1,
                AmmCalls.remove(
                    new AmmCalls.Remove(
                        SWR,
                        AIC,
                        shares.divide(BigInteger.valueOf(3)),
                        BigInteger.ONE,
                        BigInteger.ONE,
                        MAX)))));

    // A treasury spend funded at once and voted on (a vote changed), and a parameter change
    // that needs a second deposit to open voting.
    Receipt spend =
        chain.one(
            gov(
                u0,
                GovCalls.submit(
                    new ProposalKind.TreasurySpend(
                        List.of(new ProposalKind.Payment(payee, SWR, Amount.of(100)))),
                    "pay the payee",
                    "a small spend",
                    MIN_DEPOSIT)));
    ok(spend);
    spendId = new Reader(spend.events().getFirst().data().toArray()).u64("id");
    ok(chain.one(gov(chain.validator.cold(), GovCalls.vote(spendId, VoteOption.NO))));
    ok(chain.one(gov(chain.validator.cold(), GovCalls.vote(spendId, VoteOption.YES))));
    Receipt param =
        chain.one(
            gov(
                u1,
                GovCalls.submit(
                    new ProposalKind.ParamChange(List.of(new ProposalKind.Change("fees.b", "7"))),
                    "cheaper fees",
                    "why not",
                    Amount.of(100_000))));
    ok(param);
    paramId = new Reader(param.events().getFirst().data().toArray()).u64("id");
    ok(chain.one(gov(u2, GovCalls.deposit(paramId, Amount.of(900_000)))));
    ok(chain.one(gov(chain.validator.cold(), GovCalls.vote(paramId, VoteOption.ABSTAIN))));
    // The spend is tallied (end of block, no event): passed, the payee paid.
    chain.toSlot(new GovView(chain.ledger.state()).proposal(spendId).orElseThrow().votingEndSlot());
    assertThat(chain.balance(payee, SWR)).isEqualTo(BigInteger.valueOf(100));
  }

  static long count(String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static JsonNode graphql(String query) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.has("errors")).as(r.body()).isFalse();
    return j.get("data");
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode nodeRpc(String method, Object... params) {
    try (RpcClient c =
        new RpcClient(
            URI.create("http://127.0.0.1:" + rpc.address().getPort()), Duration.ofSeconds(5))) {
      return c.call(method, params);
    }
  }

  @Test
  void poolsEqualTheNodesPoolsFieldByField() throws Exception {
    JsonNode nodePools = nodeRpc("aeth_getPools");
    assertThat(nodePools.size()).isEqualTo(2);
    JsonNode ours =
        graphql(
                "{ pools { items { assetA assetB lpAsset feeBps complete reserveA reserveB lpSupply"
                    + " swapCount } } }")
            .path("pools")
            .path("items");
    assertThat(ours.size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      JsonNode n = nodePools.get(i);
      JsonNode o = ours.get(i);
      assertThat(o.path("assetA").asText()).isEqualTo(n.path("assetA").asText());
      assertThat(o.path("assetB").asText()).isEqualTo(n.path("assetB").asText());
      assertThat(o.path("reserveA").asText()).isEqualTo(n.path("reserveA").asText());
      assertThat(o.path("reserveB").asText()).isEqualTo(n.path("reserveB").asText());
      assertThat(o.path("lpSupply").asText()).isEqualTo(n.path("lpSupply").asText());
      assertThat(o.path("feeBps").asInt()).isEqualTo(n.path("feeBps").asInt());
      assertThat(o.path("lpAsset").asText()).isEqualTo(n.path("lpAsset").asText());
      assertThat(o.path("complete").asBoolean()).isTrue();
    }
    // The genesis pool (AIC/USDT) carried both swaps' AIC→USDT hops; SWR/AIC one.
    JsonNode pool =
        graphql(
                "{ pool(assetA: \"USDT\", assetB: \"AIC\") { swapCount createdHeight"
                    + " swaps { trader assetIn assetOut amountIn amountOut exact hops } } }")
            .path("pool");
    assertThat(pool.path("swapCount").asLong()).isEqualTo(2);
    assertThat(pool.path("createdHeight").asLong()).isZero();
    assertThat(pool.path("swaps").size()).isEqualTo(2);
    assertThat(pool.path("swaps").get(0).path("exact").asText()).isEqualTo("out");
    assertThat(pool.path("swaps").get(0).path("amountOut").asText()).isEqualTo("100000000");
    assertThat(pool.path("swaps").get(0).path("assetIn").asText()).isEqualTo("AIC");
    assertThat(pool.path("swaps").get(1).path("trader").asText())
        .isEqualTo(ProgramChain.address(u2).toString());
  }

  @Test
  void swapsAndLiquidityAreTheEventsOfSuccessfulCallsOnly() throws Exception {
    assertThat(count("SELECT count(*) FROM amm_swaps")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM amm_swap_hops")).isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM amm_swaps s JOIN transactions t ON t.hash = s.tx_hash"
                    + " WHERE t.status <> 'success'"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM transactions WHERE hash = '\\x"
                    + failedSwap.txId().toHex().substring(2)
                    + "'::bytea AND kind = 'amm.swap_exact_in' AND status = 'failed'"))
        .isEqualTo(1);
    JsonNode swaps =
        graphql(
                "{ swaps(trader: \""
                    + ProgramChain.address(u2)
                    + "\") { items { exact assetIn assetOut amountIn amountOut hops } } }")
            .path("swaps")
            .path("items");
    assertThat(swaps.size()).isEqualTo(2);
    assertThat(swaps.get(0).path("hops").asInt()).isEqualTo(2);
    assertThat(swaps.get(0).path("assetIn").asText()).isEqualTo("SWR");
    assertThat(swaps.get(0).path("assetOut").asText()).isEqualTo("USDT");
    assertThat(swaps.get(1).path("amountIn").asText()).isEqualTo("1000000000");
    JsonNode liq =
        graphql(
                "{ pool(assetA: \"SWR\", assetB: \"AIC\") { liquidity { action amountA amountB"
                    + " shares provider } } }")
            .path("pool")
            .path("liquidity");
    assertThat(liq.size()).isEqualTo(2);
    JsonNode add = liq.get(1);
    assertThat(add.path("action").asText()).isEqualTo("add");
    // Pool order: the asset with the lower id first, whatever order the call named them in.
    boolean swrFirst = SWR.compareTo(AIC) < 0;
    assertThat(add.path("amountA").asText()).isEqualTo(swrFirst ? "200000000000" : "500000000000");
  }

  @Test
  void ammAndGovernanceMovesReachTheIndexedBalancesExactly() throws Exception {
    // The trader and the LP only swapped, added, removed, deposited and paid fees: every move is
    // seen, so the indexed balances are the ledger's, LP tokens included. The provider of the
    // genesis pool holds its genesis LP shares.
    for (Ed25519KeyPair u : List.of(u1, u2)) {
      Address a = ProgramChain.address(u);
      for (AssetId asset : List.of(AIC, USDT, AmmKeys.lpAsset(SWR, AIC))) {
        assertThat(indexed(a, asset)).as("%s %s", a, asset).isEqualTo(chain.balance(a, asset));
      }
    }
    Address a2 = ProgramChain.address(u2);
    assertThat(indexed(a2, SWR)).isEqualTo(chain.balance(a2, SWR));
    Address a0 = ProgramChain.address(u0);
    assertThat(indexed(a0, AmmKeys.lpAsset(AIC, USDT)))
        .isEqualTo(chain.balance(a0, AmmKeys.lpAsset(AIC, USDT)))
        .isPositive();
    // The end-of-block tally's moves reach them too, through each block's own receipt: the
    // proposer's refunded deposit, the payee's payment and the treasury's fee share and spend.
    for (Address a : List.of(a0, payee, dev.aether.ledger.StateKeys.TREASURY)) {
      assertThat(indexed(a, SWR)).as("%s", a).isEqualTo(chain.balance(a, SWR));
    }
    assertThat(indexed(payee, SWR)).isEqualTo(BigInteger.valueOf(100));
  }

  static BigInteger indexed(Address a, AssetId asset) throws Exception {
    JsonNode bs = graphql("{ account(address: \"" + a + "\") { balances { assetId amount } } }");
    for (JsonNode b : bs.path("account").path("balances")) {
      if (b.path("assetId").asText().equals(asset.id().toString())) {
        return new BigInteger(b.path("amount").asText());
      }
    }
    return BigInteger.ZERO;
  }

  @Test
  void proposalsFromBlocksAndTalliesFromTheNodesView() throws Exception {
    String q =
        "{ proposal(id: "
            + spendId
            + ") { kind title proposer status totalDeposit voteCount tally { yes no bonded }"
            + " payments { to asset amount status } deposits { depositor amount }"
            + " votes { voter option } latest: votes(latest: true) { option } } }";
    JsonNode before = graphql(q).path("proposal");
    assertThat(before.path("kind").asText()).isEqualTo("treasury_spend");
    assertThat(before.path("title").asText()).isEqualTo("pay the payee");
    assertThat(before.path("proposer").asText()).isEqualTo(ProgramChain.address(u0).toString());
    assertThat(before.path("totalDeposit").asText()).isEqualTo(MIN_DEPOSIT.toString());
    assertThat(before.path("voteCount").asLong()).isEqualTo(1);
    assertThat(before.path("votes").size()).isEqualTo(2);
    assertThat(before.path("latest").size()).isEqualTo(1);
    assertThat(before.path("latest").get(0).path("option").asText()).isEqualTo("yes");
    assertThat(before.path("payments").get(0).path("to").asText()).isEqualTo(payee.toString());
    assertThat(before.path("payments").get(0).path("amount").asText()).isEqualTo("100");

    // The tally happened at a block's end, with no event: the node's view brings it in.
    try (ChainViews views =
        new ChainViews(
            URI.create("http://127.0.0.1:" + rpc.address().getPort()),
            db.dataSource(),
            () -> chain.finalBlocks().size() - 1L)) {
      views.refreshOnce();
    }
    for (long id : List.of(spendId, paramId)) {
      JsonNode node = nodeRpc("aeth_getProposal", id);
      JsonNode ours =
          graphql(
                  "{ proposal(id: "
                      + id
                      + ") { status outcome totalDeposit kind title proposer votingEndSlot"
                      + " tally { yes no abstain veto bonded } changes { param value } } }")
              .path("proposal");
      assertThat(ours.path("status").asText()).isEqualTo(node.path("status").asText());
      assertThat(ours.path("outcome").asText()).isEqualTo(node.path("outcome").asText());
      assertThat(ours.path("totalDeposit").asText()).isEqualTo(node.path("totalDeposit").asText());
      assertThat(ours.path("kind").asText()).isEqualTo(node.path("kind").asText());
      assertThat(ours.path("title").asText()).isEqualTo(node.path("title").asText());
      assertThat(ours.path("proposer").asText()).isEqualTo(node.path("proposer").asText());
      assertThat(ours.path("votingEndSlot").asLong())
          .isEqualTo(node.path("votingEndSlot").asLong());
      for (String f : List.of("yes", "no", "abstain", "veto", "bonded")) {
        assertThat(ours.path("tally").path(f).asText())
            .isEqualTo(node.path("tally").path(f).asText());
      }
    }
    JsonNode spent = graphql("{ treasurySpends { proposalId to amount status } }");
    assertThat(spent.path("treasurySpends").size()).isEqualTo(1);
    assertThat(spent.path("treasurySpends").get(0).path("status").asText()).isEqualTo("passed");
    JsonNode param =
        graphql("{ proposals(status: \"voting\") { items { id changes { param value } } } }")
            .path("proposals")
            .path("items");
    assertThat(param.size()).isEqualTo(1);
    assertThat(param.get(0).path("id").asLong()).isEqualTo(paramId);
    assertThat(param.get(0).path("changes").get(0).path("param").asText()).isEqualTo("fees.b");

    // REST: the same objects behind plain URLs.
    HttpResponse<String> r = get("/api/proposals/" + spendId);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("passed");
    assertThat(get("/api/proposals/999").statusCode()).isEqualTo(404);
    assertThat(get("/api/proposals?status=bogus").statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(get("/api/pools/AIC/USDT").body()).path("swapCount").asLong())
        .isEqualTo(2);
    assertThat(get("/api/pools/AIC/AIC").statusCode()).isEqualTo(400);
    assertThat(get("/api/pools/AIC/NOPE").statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(get("/api/swaps?limit=1").body()).path("items").size()).isEqualTo(1);
    assertThat(JSON.readTree(get("/api/treasury").body()).size()).isEqualTo(1);
  }

  @Test
  void aBlockIsWrittenOnceAndAFailingOneLeavesNothing() throws Exception {
    String reserves = "SELECT sum(reserve_a) + sum(reserve_b) + sum(lp_supply) FROM pools";
    long before = count(reserves);
    long blocks = count("SELECT count(*) FROM blocks");
    BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
    for (FinalBlock fb : chain.finalBlocks()) {
      assertThat(w.write(fb)).isEqualTo(BlockWriter.Outcome.ALREADY_INDEXED);
    }
    assertThat(count(reserves)).isEqualTo(before);

    // A block whose AMM rows cannot be written (a second create of an existing pool, which no
    // real chain emits) rolls back whole: no block row, no swap, the cursor where it was.
    FinalBlock last = chain.finalBlocks().getLast();
    Tx tx = amm(u2, AmmCalls.swapExactIn(List.of(AIC, USDT), BigInteger.TEN, BigInteger.ONE, MAX));
    Writer create = new Writer();
    AssetId.CODEC.write(AIC.compareTo(USDT) < 0 ? AIC : USDT, create);
    AssetId.CODEC.write(AIC.compareTo(USDT) < 0 ? USDT : AIC, create);
    create.u16(30);
    Receipt forged =
        new Receipt(
            tx.id(),
            Receipt.Status.SUCCESS,
            Amount.of(10_000),
            1,
            0,
            List.of(
                new Event(
                    Programs.AMM,
                    Bytes.of("amm.create".getBytes(StandardCharsets.US_ASCII)),
                    Bytes.of(create.toByteArray()))),
            0);
    var h = last.block().header();
    var next =
        new dev.aether.types.Header(
            h.epoch(),
            h.height() + 1,
            h.slot() + 1,
            h.round() + 1,
            last.block().id(),
            0,
            Bytes.EMPTY,
            0,
            h.opCert(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc(),
            Optional.empty());
    FinalBlock bad = new FinalBlock(new Block(next, List.of(tx), Bytes.EMPTY), List.of(forged));
    assertThatThrownBy(() -> w.write(bad)).isInstanceOf(IndexerException.Database.class);
    assertThat(count("SELECT count(*) FROM blocks")).isEqualTo(blocks);
    assertThat(count(reserves)).isEqualTo(before);
    assertThat(w.cursor().orElseThrow().height()).isEqualTo(h.height());
  }

  @Test
  void anEventTheIndexerCannotReadAddsNothingButItsEventRow() {
    FinalBlock last = chain.finalBlocks().getLast();
    Tx tx = amm(u2, AmmCalls.swapExactIn(List.of(AIC, USDT), BigInteger.TEN, BigInteger.ONE, MAX));
    List<Event> events = new ArrayList<>();
    // Truncated swap, a swap whose amounts do not match its path, an unknown vote option.
    Writer swap = new Writer();
    swap.list(List.of(AIC, USDT), AssetId.CODEC).u8(0).u32(3);
    events.add(
        new Event(
            Programs.AMM,
            Bytes.of("amm.swap".getBytes(StandardCharsets.US_ASCII)),
            Bytes.of(swap.toByteArray())));
    events.add(
        new Event(
            Programs.GOVERNANCE,
            Bytes.of("governance.vote".getBytes(StandardCharsets.US_ASCII)),
            Bytes.of(new Writer().u64(0).u8(9).toByteArray())));
    events.add(
        new Event(
            Programs.AMM,
            Bytes.of("amm.add".getBytes(StandardCharsets.US_ASCII)),
            Bytes.of(new byte[10])));
    Receipt r = new Receipt(tx.id(), Receipt.Status.SUCCESS, Amount.of(10_000), 1, 0, events, 0);
    FinalBlock fb =
        new FinalBlock(new Block(last.block().header(), List.of(tx), Bytes.EMPTY), List.of(r));
    Rows rows = Extractor.extract(fb, ref -> Optional.empty());
    assertThat(rows.events()).hasSize(3);
    assertThat(rows.amm().swaps()).isEmpty();
    assertThat(rows.amm().liquidity()).isEmpty();
    assertThat(rows.gov().votes()).isEmpty();
    assertThat(rows.balanceChanges()).extracting(Rows.BalanceChange::cause).containsOnly("fee");
  }

  @Test
  void theExplorerShowsPoolsAndProposalsInARealBrowser() throws Exception {
    Explorer.assumeBrowser();
    JsonNode pool =
        graphql(
                "{ pool(assetA: \"SWR\", assetB: \"AIC\") { assetA assetB assetAId assetBId reserveA } }")
            .path("pool");
    String name = pool.path("assetA").asText() + " / " + pool.path("assetB").asText();
    try (Explorer e =
        new Explorer(
            URI.create("http://127.0.0.1:" + http.port()), Path.of("target/screenshots"))) {
      e.open("#/pools");
      e.awaitText("main", name);
      e.awaitText("main", "Latest swaps");
      e.screenshot("pools");
      e.open("#/pool/" + pool.path("assetAId").asText() + "/" + pool.path("assetBId").asText());
      e.awaitText(
          "#reserves", String.format("%,d", new BigInteger(pool.path("reserveA").asText())));
      e.awaitText("main", "Liquidity");
      assertThat(e.count("main table")).isEqualTo(2);
      e.screenshot("pool");
      e.open("#/governance");
      e.awaitText("main", "pay the payee");
      e.awaitText("main", "cheaper fees");
      e.screenshot("governance");
      e.open("#/proposal/" + spendId);
      e.awaitText("h1", "pay the payee");
      e.awaitText("main", "Treasury payments");
      e.awaitText("main", payee.toString().substring(0, 10));
      e.screenshot("proposal");
      e.open("#/proposal/" + paramId);
      e.awaitText("main", "fees.b");
      e.open("#/proposal/4242");
      e.awaitText("h1", "Proposal not found");
      assertThat(e.consoleErrors()).isEmpty();
    }
  }
}
