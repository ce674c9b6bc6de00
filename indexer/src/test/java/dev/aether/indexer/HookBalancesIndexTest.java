package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.consensus.Evidence;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.HttpApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.Column;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.GovView;
import dev.aether.programs.governance.Proposal;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Ratio;
import dev.aether.types.Receipt;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.types.Vote;
import dev.aether.types.codec.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What blocks do after their transactions — the fee split, governance refunds, burns and treasury
 * spends, staking inflation, rewards, downtime leaks and double-sign slashes — reaches the indexed
 * balances through each block's own receipt (docs/adr/0053, 0054), so that for <b>every</b> account
 * in the node's state and every asset the indexed balance is the node's: checked against the real
 * ledger's state (every account object in it, found by scanning the store) and against {@code
 * aeth_getBalance} over real JSON-RPC.
 */
class HookBalancesIndexTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BigInteger FUNDS = BigInteger.TEN.pow(15);
  static final long MAX = Long.MAX_VALUE;
  static final Amount MIN_DEPOSIT = Amount.of(1_000_000);
  static final GenesisConfig.Governance GOV =
      new GenesisConfig.Governance(
          MIN_DEPOSIT, 6, 4, new Ratio(1, 3), new Ratio(1, 2), new Ratio(1, 3), 4, 2_000, 5_000);

  @TempDir static Path dir;
  static Pg pg;

  @BeforeAll
  static void start() {
    pg = new Pg(dir);
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  static Map<Address, Map<AssetId, BigInteger>> funded(List<Ed25519KeyPair> users) {
    Map<Address, Map<AssetId, BigInteger>> m = new LinkedHashMap<>();
    for (Ed25519KeyPair u : users) {
      m.put(ProgramChain.address(u), Map.of(AssetId.SWR, FUNDS, AssetId.AIC, FUNDS));
    }
    return m;
  }

  static Tx gov(ProgramChain c, Ed25519KeyPair key, Call call) {
    Address payer = ProgramChain.address(key);
    long next = new GovView(c.ledger.state()).nextId();
    return c.tx(
        key,
        nonce ->
            GovCalls.body(ProgramChain.CHAIN, payer, nonce, call, next, ProgramChain.FEE_CAP, MAX));
  }

  static Tx staking(ProgramChain c, Ed25519KeyPair key, Call call) {
    Address payer = ProgramChain.address(key);
    long epoch = c.slot / ProgramChain.EPOCH_SLOTS;
    return c.tx(
        key,
        nonce ->
            StakingCalls.body(
                ProgramChain.CHAIN, payer, nonce, List.of(call), epoch, ProgramChain.FEE_CAP, MAX));
  }

  static Tx transfer(ProgramChain c, Ed25519KeyPair key, Address to, long swr) {
    Address payer = ProgramChain.address(key);
    return c.tx(
        key,
        nonce ->
            BankProgram.transferBody(
                ProgramChain.CHAIN,
                payer,
                nonce,
                to,
                Value.of(AssetId.SWR, swr),
                ProgramChain.FEE_CAP,
                MAX));
  }

  static long idOf(Receipt submit) {
    return new Reader(submit.events().getFirst().data().toArray()).u64("id");
  }

  static void ok(Receipt r) {
    assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
  }

  /** Indexes every block of {@code c} not yet in {@code db}. */
  static void index(ProgramChain c, BlockWriter w) {
    long from = w.cursor().map(k -> k.height() + 1).orElse(0L);
    for (FinalBlock fb : c.finalBlocks(from, Integer.MAX_VALUE)) {
      assertThat(w.write(fb)).isEqualTo(BlockWriter.Outcome.WRITTEN);
    }
  }

  /** The indexer's non-zero balances, by address and asset. */
  static Map<Address, Map<AssetId, BigInteger>> indexedBalances(Database db) throws SQLException {
    Map<Address, Map<AssetId, BigInteger>> out = new TreeMap<>();
    try (Connection conn = db.connection();
        PreparedStatement s =
            conn.prepareStatement("SELECT address, asset, amount FROM balances WHERE amount <> 0");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.computeIfAbsent(new Address(H256.of(r.getBytes(1))), k -> new TreeMap<>())
            .put(new AssetId(H256.of(r.getBytes(2))), r.getBigDecimal(3).toBigIntegerExact());
      }
    }
    return out;
  }

  /** Every account object in the ledger's state, by state key. */
  static Map<H256, StateObject.Account> stateAccounts(ProgramChain c) {
    Map<H256, StateObject.Account> out = new TreeMap<>();
    byte[] lo = new byte[32];
    byte[] hi = new byte[33];
    hi[0] = 1;
    c.store.scan(
        Column.STATE,
        lo,
        hi,
        (k, v) -> {
          if (StateObject.CODEC.decode(v) instanceof StateObject.Account a) {
            out.put(H256.of(k), a);
          }
          return true;
        });
    return out;
  }

  static Map<AssetId, BigInteger> amounts(Value v) {
    Map<AssetId, BigInteger> m = new TreeMap<>();
    v.amounts().forEach((a, x) -> m.put(a, x.value()));
    return m;
  }

  /**
   * The indexed balances are the node's for every account the node's state holds (each must be
   * known to the indexer) and every account the indexer shows — whatever asset.
   */
  static void assertIndexedEqualsState(ProgramChain c, Database db, String when)
      throws SQLException {
    Map<Address, Map<AssetId, BigInteger>> indexed = indexedBalances(db);
    Map<H256, Address> byKey = new TreeMap<>();
    indexed.keySet().forEach(a -> byKey.put(StateKeys.account(a), a));
    for (Map.Entry<H256, StateObject.Account> e : stateAccounts(c).entrySet()) {
      Map<AssetId, BigInteger> state = amounts(e.getValue().balance());
      if (state.isEmpty()) {
        continue;
      }
      Address a = byKey.get(e.getKey());
      assertThat(a)
          .as("%s: the indexer has no balance for state account %s", when, e.getKey())
          .isNotNull();
      assertThat(indexed.get(a)).as("%s: account %s", when, a).isEqualTo(state);
    }
    for (Map.Entry<Address, Map<AssetId, BigInteger>> e : indexed.entrySet()) {
      assertThat(amounts(c.ledger.account(e.getKey()).balance()))
          .as("%s: indexed account %s", when, e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  // ----------------------------------------------------------------------------------------------

  /**
   * Proposals through every end: rejected (refund), vetoed (burn), missed quorum (burn), expired in
   * the deposit period (refund), a treasury spend that passes (payment and refund) and one the
   * treasury cannot pay (refund only). Afterwards every account's indexed balance is the node's,
   * the payee's and the treasury's included, also as {@code aeth_getBalance} answers it; and the
   * end-of-block events are served by GraphQL and REST.
   */
  @Test
  void governanceLifeCyclesLeaveEveryIndexedBalanceEqualToTheNodes() throws Exception {
    Ed25519KeyPair alice = ProgramChain.user("gov-alice");
    Ed25519KeyPair bob = ProgramChain.user("gov-bob");
    Address payee = ProgramChain.address(ProgramChain.user("gov-payee"));
    ProgramChain c = new ProgramChain(funded(List.of(alice, bob)), List.of(), GOV);
    Ed25519KeyPair v = c.validator.cold();
    // Fees fill the treasury (20 %).
    for (int i = 0; i < 6; i++) {
      c.block(List.of(transfer(c, alice, payee, 1_000), transfer(c, bob, payee, 1_000)));
    }
    Map<String, Long> ids = new LinkedHashMap<>();
    Map<String, VoteOption> votes = new LinkedHashMap<>();
    votes.put("rejected", VoteOption.NO);
    votes.put("vetoed", VoteOption.VETO);
    votes.put("no-quorum", null);
    for (Map.Entry<String, VoteOption> e : votes.entrySet()) {
      Receipt s =
          c.one(
              gov(
                  c,
                  alice,
                  GovCalls.submit(
                      new ProposalKind.ParamChange(List.of(new ProposalKind.Change("fees.b", "6"))),
                      e.getKey(),
                      "",
                      MIN_DEPOSIT)));
      ok(s);
      ids.put(e.getKey(), idOf(s));
      if (e.getValue() != null) {
        ok(c.one(gov(c, v, GovCalls.vote(idOf(s), e.getValue()))));
      }
    }
    Receipt expiring =
        c.one(
            gov(
                c,
                bob,
                GovCalls.submit(
                    new ProposalKind.ParamChange(List.of(new ProposalKind.Change("fees.b", "6"))),
                    "expiring",
                    "",
                    Amount.of(200_000))));
    ok(expiring);
    ids.put("expired", idOf(expiring));
    c.toSlot(c.slot + 8);
    BigInteger treasury = c.balance(StateKeys.TREASURY, AssetId.SWR);
    assertThat(treasury).isPositive();
    Amount pay = new Amount(treasury.divide(BigInteger.TWO));
    Receipt spend =
        c.one(
            gov(
                c,
                bob,
                GovCalls.submit(
                    new ProposalKind.TreasurySpend(
                        List.of(new ProposalKind.Payment(payee, AssetId.SWR, pay))),
                    "spend",
                    "",
                    MIN_DEPOSIT)));
    ok(spend);
    ids.put("spent", idOf(spend));
    ok(c.one(gov(c, v, GovCalls.vote(idOf(spend), VoteOption.YES))));
    Receipt tooMuch =
        c.one(
            gov(
                c,
                alice,
                GovCalls.submit(
                    new ProposalKind.TreasurySpend(
                        List.of(
                            new ProposalKind.Payment(
                                payee, AssetId.SWR, new Amount(BigInteger.TEN.pow(20))))),
                    "too much",
                    "",
                    MIN_DEPOSIT)));
    ok(tooMuch);
    ids.put("failed", idOf(tooMuch));
    ok(c.one(gov(c, v, GovCalls.vote(idOf(tooMuch), VoteOption.YES))));
    c.toSlot(c.slot + 8);
    GovView view = new GovView(c.ledger.state());
    Map<String, Proposal.Status> expected =
        Map.of(
            "rejected", Proposal.Status.REJECTED,
            "vetoed", Proposal.Status.VETOED,
            "no-quorum", Proposal.Status.NO_QUORUM,
            "expired", Proposal.Status.EXPIRED,
            "spent", Proposal.Status.PASSED,
            "failed", Proposal.Status.FAILED);
    expected.forEach(
        (k, st) ->
            assertThat(view.proposal(ids.get(k)).orElseThrow().status()).as(k).isEqualTo(st));
    assertThat(c.balance(payee, AssetId.SWR))
        .isEqualTo(BigInteger.valueOf(12_000).add(pay.value()));

    try (Database db = pg.fresh();
        RpcServer rpc = RpcServer.start(c, RpcConfig.defaults().withPort(0));
        HttpApi http =
            new HttpApi(
                new InetSocketAddress("127.0.0.1", 0),
                new GraphQlApi(new Queries(db.dataSource(), 500), () -> -1),
                Optional.empty())) {
      BlockWriter w =
          new BlockWriter(db.dataSource(), Optional.of(BlockWriter.Genesis.of(c.config)));
      index(c, w);
      assertIndexedEqualsState(c, db, "after the governance life-cycles");
      // The check is not vacuous: the same blocks without their own receipts (what the indexer saw
      // before them) leave the payee, the treasury and the refunded proposers wrong.
      try (Database blind = pg.fresh()) {
        BlockWriter bw =
            new BlockWriter(blind.dataSource(), Optional.of(BlockWriter.Genesis.of(c.config)));
        for (FinalBlock fb : c.finalBlocks(0, Integer.MAX_VALUE)) {
          bw.write(new FinalBlock(fb.block(), fb.receipts()));
        }
        assertThatThrownBy(() -> assertIndexedEqualsState(c, blind, "without block receipts"))
            .isInstanceOf(AssertionError.class);
      }

      // The node's aeth_getBalance over real JSON-RPC says the same for every indexed account.
      Map<Address, Map<AssetId, BigInteger>> indexed = indexedBalances(db);
      // (The fee pool is paid out to the one validator at every epoch's end, down to zero here.)
      assertThat(indexed).containsKeys(payee, StateKeys.TREASURY, ProgramChain.address(alice));
      try (RpcClient client =
          new RpcClient(
              URI.create("http://127.0.0.1:" + rpc.address().getPort()), Duration.ofSeconds(5))) {
        for (Map.Entry<Address, Map<AssetId, BigInteger>> e : indexed.entrySet()) {
          JsonNode node = client.call("aeth_getBalance", e.getKey().toString());
          Map<AssetId, BigInteger> fromNode = new TreeMap<>();
          node.fields()
              .forEachRemaining(
                  f ->
                      fromNode.put(
                          AssetId.parse(f.getKey()), new BigInteger(f.getValue().asText())));
          assertThat(fromNode).as("aeth_getBalance %s", e.getKey()).isEqualTo(e.getValue());
        }
      }

      // The payee's history says where the money came from, block by block.
      JsonNode payeeChanges =
          graphql(
                  http,
                  "{ account(address: \""
                      + payee
                      + "\") { balanceChanges(first: 100) { items { height txHash delta cause } }"
                      + " blockEvents { items { height kind amount cause ref program } } } }")
              .path("account");
      List<String> causes = new ArrayList<>();
      payeeChanges
          .path("balanceChanges")
          .path("items")
          .forEach(i -> causes.add(i.path("cause").asText()));
      assertThat(causes).contains("governance.spend", "transfer");
      JsonNode spendEvent = payeeChanges.path("blockEvents").path("items").get(0);
      assertThat(spendEvent.path("kind").asText()).isEqualTo("credit");
      assertThat(spendEvent.path("program").asText()).isEqualTo("governance");
      assertThat(spendEvent.path("cause").asText()).isEqualTo("spend");
      assertThat(spendEvent.path("amount").asText()).isEqualTo(pay.value().toString());
      assertThat(spendEvent.path("ref").asText())
          .isEqualTo("0x" + String.format("%016x", ids.get("spent")));

      // The block that tallied the veto: its burn, by GraphQL and by REST alike.
      long vetoHeight =
          blockWith(db, "governance", "deposit_burn", GovernanceRef.of(ids.get("vetoed")));
      JsonNode block =
          graphql(
                  http,
                  "{ block(height: "
                      + vetoHeight
                      + ") { blockReceiptRaw blockEvents { kind cause amount account program } } }")
              .path("block");
      assertThat(block.path("blockReceiptRaw").asText()).startsWith("0x");
      boolean burned = false;
      for (JsonNode e : block.path("blockEvents")) {
        if (e.path("cause").asText().equals("deposit_burn")) {
          burned = true;
          assertThat(e.path("kind").asText()).isEqualTo("burn");
          assertThat(e.path("account").isNull()).isTrue();
          assertThat(e.path("amount").asText()).isEqualTo(MIN_DEPOSIT.value().toString());
        }
      }
      assertThat(burned).isTrue();
      HttpResponse<String> rest =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + http.port() + "/api/blocks/" + vetoHeight))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(rest.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(rest.body()).path("blockEvents"))
          .isEqualTo(
              graphql(
                      http,
                      "{ block(height: "
                          + vetoHeight
                          + ") { blockEvents { height index emitter program topic data kind account asset"
                          + " assetId amount cause ref } } }")
                  .path("block")
                  .path("blockEvents"));
    }
  }

  /** What governance value events refer to: the proposal id as a u64. */
  static final class GovernanceRef {
    static byte[] of(long id) {
      return new dev.aether.types.codec.Writer(8).u64(id).toByteArray();
    }
  }

  static long blockWith(Database db, String program, String cause, byte[] ref) throws SQLException {
    try (Connection conn = db.connection();
        PreparedStatement s =
            conn.prepareStatement(
                "SELECT height FROM block_events WHERE program_name = ? AND cause = ? AND ref = ?")) {
      s.setString(1, program);
      s.setString(2, cause);
      s.setBytes(3, ref);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("a %s.%s event", program, cause).isTrue();
        return r.getLong(1);
      }
    }
  }

  static JsonNode graphql(HttpApi http, String query) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/graphql"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("query", query).toString()))
                    .header("Content-Type", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.has("errors")).as(r.body()).isFalse();
    return j.get("data");
  }

  // ----------------------------------------------------------------------------------------------

  /**
   * Seeded random runs on four validators that mix every kind of end-of-block work: fees to the
   * pool and the treasury, epochs paying inflation and rewards, a validator that sleeps through an
   * epoch (downtime leak, treasury share, burn), a double vote reported (slash, reporter reward,
   * treasury share, burn), proposals refunded, burned, expired and paid out — with transfers,
   * delegations, claims and withdrawals around them. After every block the indexed balances equal
   * the ledger's for every account in its state; every slash is accounted for by the credits and
   * burns of its cause; and together the runs reached every kind.
   */
  @Test
  void randomRunsOfEveryHookKindKeepTheIndexEqualToTheStateAfterEveryBlock() throws Exception {
    Set<String> reached = new TreeSet<>();
    for (long seed : new long[] {11, 12, 13}) {
      reached.addAll(run(seed, 90));
    }
    assertThat(reached)
        .contains(
            "ledger.credit.fee_pool",
            "ledger.credit.fee_treasury",
            "staking.credit.inflation",
            "staking.debit.reward",
            "staking.slash.downtime",
            "staking.burn.downtime",
            "staking.credit.downtime",
            "staking.slash.double_sign",
            "staking.credit.reporter_reward",
            "staking.credit.double_sign",
            "staking.burn.double_sign",
            "governance.credit.refund",
            "governance.burn.deposit_burn",
            "governance.debit.spend",
            "governance.credit.spend");
  }

  /** One seeded run; the kinds of block events it produced ({@code program.kind.cause}). */
  private Set<String> run(long seed, int blocks) throws Exception {
    Random rnd = new Random(seed);
    List<Ed25519KeyPair> users = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      users.add(ProgramChain.user("run-" + seed + "-" + i));
    }
    Address payee = ProgramChain.address(ProgramChain.user("run-payee-" + seed));
    ProgramChain c = new ProgramChain(4, funded(users), List.of(), GOV);
    Set<String> kinds = new TreeSet<>();
    boolean reported = false;
    try (Database db = pg.fresh()) {
      BlockWriter w =
          new BlockWriter(db.dataSource(), Optional.of(BlockWriter.Genesis.of(c.config)));
      index(c, w);
      int sleeper = -1;
      long sleeperEpoch = -1;
      for (int b = 0; b < blocks; b++) {
        long epoch = (c.slot + 1) / ProgramChain.EPOCH_SLOTS;
        if (epoch != sleeperEpoch) {
          // Each epoch, sometimes one member sleeps through it (downtime leak at its end).
          sleeperEpoch = epoch;
          sleeper = epoch >= 1 && rnd.nextInt(3) == 0 ? rnd.nextInt(3) : -1;
        }
        int asleep = sleeper;
        c.signers = n -> asleep < 0 || asleep >= n ? ProgramChain.all(n) : allBut(n, asleep);
        List<Tx> txs = new ArrayList<>();
        Set<Address> payers = new HashSet<>();
        for (int k = rnd.nextInt(4); k > 0; k--) {
          Optional<Tx> tx = action(c, rnd, users, payee, epoch);
          if (tx.isPresent() && payers.add(tx.get().body().payer())) {
            txs.add(tx.get());
          }
        }
        if (!reported && epoch >= 2 && rnd.nextInt(10) == 0) {
          Optional<Tx> evidence = doubleVote(c, users.getLast(), 3, epoch);
          if (evidence.isPresent() && payers.add(evidence.get().body().payer())) {
            txs.add(evidence.get());
            reported = true;
          }
        }
        c.block(txs);
        index(c, w);
        assertIndexedEqualsState(c, db, "seed " + seed + ", height " + c.ledger.head().height());
      }
      assertSlashesAreAccountedFor(db);
      try (Connection conn = db.connection();
          PreparedStatement s =
              conn.prepareStatement(
                  "SELECT DISTINCT program_name || '.' || kind || '.' || cause FROM block_events"
                      + " WHERE kind IS NOT NULL");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          kinds.add(r.getString(1));
        }
      }
    }
    return kinds;
  }

  /** Per block and cause, what was slashed is what was credited plus what was burned. */
  private static void assertSlashesAreAccountedFor(Database db) throws SQLException {
    try (Connection conn = db.connection();
        PreparedStatement s =
            conn.prepareStatement(
                "SELECT height, cause,"
                    + " sum(CASE WHEN kind = 'slash' THEN amount ELSE 0 END),"
                    + " sum(CASE WHEN kind IN ('credit', 'burn') THEN amount ELSE 0 END)"
                    + " FROM (SELECT height, kind, amount, CASE WHEN cause = 'reporter_reward'"
                    + " THEN 'double_sign' ELSE cause END AS cause FROM block_events"
                    + " WHERE program_name = 'staking' AND cause IN ('downtime', 'double_sign',"
                    + " 'reporter_reward')) e GROUP BY height, cause");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        BigDecimal slashed = r.getBigDecimal(3);
        BigDecimal paid = r.getBigDecimal(4);
        assertThat(slashed)
            .as("height %d, %s", r.getLong(1), r.getString(2))
            .isEqualByComparingTo(paid);
      }
    }
  }

  private static SignerSet allBut(int n, int missing) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != missing) {
        idx.add(i);
      }
    }
    return SignerSet.of(idx);
  }

  /** One random action (or none when the draw does not apply). */
  private static Optional<Tx> action(
      ProgramChain c, Random rnd, List<Ed25519KeyPair> users, Address payee, long epoch) {
    Ed25519KeyPair u = users.get(rnd.nextInt(users.size() - 1));
    GovView view = new GovView(c.ledger.state());
    List<Proposal> active =
        view.active().stream().map(id -> view.proposal(id).orElseThrow()).toList();
    ProgramChain.Keys v = c.validators.get(rnd.nextInt(c.validators.size()));
    Address validator = c.validators.get(rnd.nextInt(c.validators.size())).operator();
    return switch (rnd.nextInt(9)) {
      case 0 ->
          Optional.of(
              transfer(
                  c,
                  u,
                  ProgramChain.address(users.get(rnd.nextInt(users.size()))),
                  1 + rnd.nextInt(1_000_000)));
      case 1 -> {
        // A proposal: a spend of part of the treasury (sometimes more than it holds) or a
        // parameter change; funded at once or only partly (its deposit period may run out).
        BigInteger treasury = c.balance(StateKeys.TREASURY, AssetId.SWR);
        ProposalKind kind =
            rnd.nextBoolean()
                ? new ProposalKind.TreasurySpend(
                    List.of(
                        new ProposalKind.Payment(
                            payee,
                            AssetId.SWR,
                            new Amount(
                                rnd.nextInt(4) == 0
                                    ? treasury.add(BigInteger.TEN.pow(12))
                                    : treasury.divide(BigInteger.valueOf(3)).add(BigInteger.ONE)))))
                : new ProposalKind.ParamChange(
                    List.of(new ProposalKind.Change("fees.b", rnd.nextBoolean() ? "5" : "6")));
        Amount deposit = rnd.nextInt(3) == 0 ? Amount.of(300_000) : MIN_DEPOSIT;
        yield Optional.of(gov(c, u, GovCalls.submit(kind, "p", "", deposit)));
      }
      case 2, 3 -> {
        List<Proposal> voting =
            active.stream().filter(p -> p.status() == Proposal.Status.VOTING).toList();
        if (voting.isEmpty()) {
          yield Optional.empty();
        }
        // Mostly yes, so that spends pass; sometimes anything (rejections, vetoes).
        VoteOption[] options = VoteOption.values();
        VoteOption option =
            rnd.nextInt(5) < 3 ? VoteOption.YES : options[rnd.nextInt(options.length)];
        yield Optional.of(
            gov(c, v.cold(), GovCalls.vote(voting.get(rnd.nextInt(voting.size())).id(), option)));
      }
      case 4 -> {
        List<Proposal> open =
            active.stream().filter(p -> p.status() == Proposal.Status.DEPOSIT).toList();
        yield open.isEmpty() || rnd.nextBoolean()
            ? Optional.empty()
            : Optional.of(gov(c, u, GovCalls.deposit(open.getFirst().id(), Amount.of(800_000))));
      }
      case 5 ->
          Optional.of(
              staking(
                  c,
                  u,
                  StakingCalls.delegate(
                      validator, BigInteger.valueOf(1_000_000 + rnd.nextInt(1_000_000)))));
      case 6 ->
          Optional.of(
              staking(c, rnd.nextBoolean() ? u : v.cold(), StakingCalls.claim(v.operator())));
      case 7 ->
          Optional.of(
              staking(c, u, StakingCalls.undelegate(validator, BigInteger.valueOf(500_000))));
      default ->
          epoch >= 3
              ? Optional.of(staking(c, u, StakingCalls.withdraw(validator, epoch - 3)))
              : Optional.empty();
    };
  }

  /** {@code reporter} reports validator {@code member} of the current set voting twice. */
  private static Optional<Tx> doubleVote(
      ProgramChain c, Ed25519KeyPair reporter, int member, long epoch) {
    Optional<EpochValidatorSet> set = c.set(epoch);
    ProgramChain.Keys k = c.validators.get(member);
    Optional<Integer> index = set.flatMap(s -> s.indexOf(k.operator()));
    if (index.isEmpty()) {
      return Optional.empty();
    }
    Vote a = vote(k, epoch, index.get(), "a");
    Vote b = vote(k, epoch, index.get(), "b");
    return Optional.of(
        staking(c, reporter, StakingCalls.submitEvidence(epoch, Evidence.DoubleVote.of(a, b))));
  }

  private static Vote vote(ProgramChain.Keys k, long epoch, int index, String block) {
    H256 id = Hashing.tagged("test/block", block.getBytes());
    return new Vote(
        epoch, 77, id, index, Bytes.of(k.bls().sign(Vote.signingBytes(epoch, 77, id)).bytes()));
  }
}
