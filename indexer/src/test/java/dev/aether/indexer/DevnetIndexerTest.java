package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.ledger.BankProgram;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One live 4-validator devnet with {@code aether-indexer} beside it (real processes, real
 * PostgreSQL), shared by every check that needs a running chain: the indexer SIGKILLed at arbitrary
 * points and restarted resumes with no gap and no duplicate; GraphQL answers equal the node's
 * JSON-RPC answers for the same blocks, transactions, balances and validators; a transfer built and
 * signed by each SDK (TypeScript, Python) is accepted and verified final; and the explorer, driven
 * in headless Chromium, shows what a person expects (with screenshots).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetIndexerTest {
  static final Duration PATIENCE = Duration.ofSeconds(150);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Kill/restart rounds; {@code -Daether.indexer.kills=N} (the soak profile) runs more. */
  static final int KILLS = Integer.getInteger("aether.indexer.kills", 3);

  @TempDir static Path dir;
  static Devnet devnet;
  static Path root;
  static RpcClient rpc;
  static final List<String> transfers = new ArrayList<>();
  static final List<Address> recipients = new ArrayList<>();

  @BeforeAll
  static void startDevnet() throws IOException {
    root = Path.of(System.getProperty("aether.root", ".."));
    int offset = 2_000 + (int) (ProcessHandle.current().pid() % 500) * 8;
    devnet =
        new Devnet(root, dir.resolve("devnet"), root.resolve("config/genesis.toml"), 4)
            .withPortOffset(offset)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")))
            .withIndexer(true);
    devnet.prepare(true);
    devnet.start();
    rpc = new RpcClient(devnet.rpc(0), Duration.ofSeconds(15));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> head().path("height").asLong() >= 2);
  }

  @AfterAll
  static void stopDevnet() throws IOException {
    if (rpc != null) {
      rpc.close();
    }
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(20));
    }
  }

  // ---- helpers ----

  static JsonNode graphql(String query) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(devnet.explorer().resolve("/graphql"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("errors")).as(r.body()).isEmpty();
    return n.path("data");
  }

  static JsonNode head() throws Exception {
    return graphql("{ head { height hash genesisHash finalizedHeight } }").path("head");
  }

  static long nodeFinalized() {
    return Devnet.quantity(rpc.call("aeth_getBlockByNumber", "finalized", false).path("height"));
  }

  static void awaitIndexed(long height) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> head().path("height").asLong() >= height);
  }

  static String faucetTransfer(Address to, long amount) {
    Address from = DevnetGenesis.faucetAddress();
    return faucetTransfer(
        to, amount, Devnet.quantity(rpc.call("aeth_getAccount", from.toString()).path("nonce")));
  }

  static String faucetTransfer(Address to, long amount, long nonce) {
    Address from = DevnetGenesis.faucetAddress();
    Tx tx =
        BankProgram.signed(
            DevnetGenesis.faucetKey(),
            BankProgram.transferBody(
                "aether-dev-1",
                from,
                nonce,
                to,
                Value.of(AssetId.AIC, amount),
                1_000_000,
                1_000_000));
    return rpc.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText();
  }

  static JsonNode awaitReceipt(String id) {
    // On a loaded machine a single RPC call can time out: poll through that, up to the deadline.
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> rpc.call("aeth_getTransactionReceipt", id), r -> !r.isNull());
  }

  // ---- tests ----

  @Test
  @Order(1)
  void transfersAreIndexedWithTheirReceipts() throws Exception {
    for (int i = 0; i < 3; i++) {
      Address to =
          Address.ofPublicKey(Hashing.tagged("indexer-test", new byte[] {(byte) i}).toArray());
      recipients.add(to);
      String id = faucetTransfer(to, 1_000 + i);
      awaitReceipt(id);
      transfers.add(id);
    }
    long h = awaitReceipt(transfers.getLast()).path("blockHeight").asLong();
    awaitIndexed(h);
    for (String id : transfers) {
      JsonNode t =
          graphql("{ transaction(hash: \"" + id + "\") { status kind accounts { address role } } }")
              .path("transaction");
      assertThat(t.path("status").asText()).isEqualTo("success");
      assertThat(t.path("kind").asText()).isEqualTo("transfer");
    }
  }

  @Test
  @Order(2)
  void sigkilledIndexerResumesWithNoGapAndNoDuplicate() throws Exception {
    Random random = new Random(ProcessHandle.current().pid());
    Address to = Address.ofPublicKey(Hashing.tagged("kill-loop").toArray());
    for (int round = 0; round < KILLS; round++) {
      // Transactions in flight (consecutive nonces) so blocks carry rows, then a kill a random
      // number of blocks later.
      long nonce =
          Devnet.quantity(
              rpc.call("aeth_getAccount", DevnetGenesis.faucetAddress().toString()).path("nonce"));
      for (int i = 0; i < 6; i++) {
        faucetTransfer(to, 1 + random.nextInt(100), nonce + i);
      }
      long at = head().path("height").asLong() + 1 + random.nextInt(3);
      awaitIndexed(at);
      devnet.killIndexer();
      assertThat(devnet.indexerRunning()).isFalse();
      devnet.startIndexer();
      long target = nodeFinalized();
      awaitIndexed(target);
    }
    // The indexer keeps indexing while this walks the pages: judge everything at one cursor, read
    // with its transaction count in one snapshot, and ignore blocks indexed after it.
    JsonNode at = graphql("{ head { height indexedTransactions } }").path("head");
    long top = at.path("height").asLong();
    long indexedTxs = at.path("indexedTransactions").asLong();
    Set<Long> heights = new HashSet<>();
    long txs = 0;
    long nodeTxs = 0;
    Long before = null;
    while (true) {
      JsonNode page =
          graphql(
                  "{ blocks(first: 100"
                      + (before == null ? "" : ", before: " + before)
                      + ") { items { height hash txCount } pageInfo { hasNextPage endCursor } } }")
              .path("blocks");
      for (JsonNode b : page.path("items")) {
        long h = b.path("height").asLong();
        if (h > top) {
          continue;
        }
        assertThat(heights.add(h)).as("height %d listed once", h).isTrue();
        JsonNode nb = rpc.call("aeth_getBlockByNumber", h, false);
        assertThat(b.path("hash").asText()).as("block %d", h).isEqualTo(nb.path("hash").asText());
        assertThat(b.path("txCount").asInt()).isEqualTo(nb.path("transactions").size());
        txs += b.path("txCount").asLong();
        nodeTxs += nb.path("transactions").size();
      }
      if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
        break;
      }
      before = page.path("pageInfo").path("endCursor").asLong();
    }
    assertThat(heights).as("no gap from 0 to the head").hasSize((int) top + 1).contains(0L, top);
    assertThat(txs).isEqualTo(nodeTxs);
    assertThat(indexedTxs).as("no transaction written twice").isEqualTo(nodeTxs);
    assertThat(nodeTxs)
        .as("the kills landed among blocks with transactions")
        .isGreaterThan(3L * KILLS);
  }

  @Test
  @Order(3)
  void graphQlAnswersEqualRpcAnswers() throws Exception {
    awaitIndexed(nodeFinalized());
    long top = head().path("height").asLong();
    List<Long> heights = new ArrayList<>(List.of(0L, 1L, top / 2, top));
    for (String id : transfers) {
      heights.add(rpc.call("aeth_getTransactionReceipt", id).path("blockHeight").asLong());
    }
    for (long h : heights) {
      JsonNode g =
          graphql(
                  "{ block(height: "
                      + h
                      + ") { height hash parentHash slot round proposer txRoot"
                      + " stateRoot receiptsRoot shredRoot qcRound headerRaw size"
                      + " transactions { hash } } }")
              .path("block");
      JsonNode r = rpc.call("aeth_getBlockByNumber", h, false);
      for (String f :
          List.of(
              "hash",
              "parentHash",
              "txRoot",
              "stateRoot",
              "receiptsRoot",
              "shredRoot",
              "headerRaw")) {
        assertThat(g.path(f).asText()).as("block %d %s", h, f).isEqualTo(r.path(f).asText());
      }
      for (String f : List.of("height", "slot", "round", "proposer", "size")) {
        assertThat(g.path(f).asLong()).as("block %d %s", h, f).isEqualTo(r.path(f).asLong());
      }
      assertThat(g.path("qcRound").asLong()).isEqualTo(r.path("parentQc").path("round").asLong());
      assertThat(g.path("transactions").findValuesAsText("hash"))
          .isEqualTo(JSON.convertValue(r.path("transactions"), List.class));
    }
    for (String id : transfers) {
      JsonNode g =
          graphql(
                  "{ transaction(hash: \""
                      + id
                      + "\") { hash blockHeight blockHash index payer"
                      + " nonce feeCap validFrom validUntil size status feePaid steps memBytes"
                      + " errorCode receiptRaw events { emitter data } } }")
              .path("transaction");
      JsonNode receipt = rpc.call("aeth_getTransactionReceipt", id);
      JsonNode block =
          rpc.call("aeth_getBlockByNumber", receipt.path("blockHeight").asLong(), true);
      JsonNode tx = null;
      for (JsonNode t : block.path("transactions")) {
        if (t.path("hash").asText().equals(id)) {
          tx = t;
        }
      }
      assertThat(tx).isNotNull();
      assertThat(g.path("payer").asText()).isEqualTo(tx.path("payer").asText());
      assertThat(g.path("nonce").asLong()).isEqualTo(tx.path("nonce").asLong());
      assertThat(g.path("feeCap").asText()).isEqualTo(tx.path("feeCap").asText());
      assertThat(g.path("validUntil").asLong()).isEqualTo(tx.path("validUntil").asLong());
      assertThat(g.path("size").asLong()).isEqualTo(tx.path("size").asLong());
      assertThat(g.path("blockHash").asText()).isEqualTo(receipt.path("blockHash").asText());
      assertThat(g.path("index").asInt()).isEqualTo(receipt.path("index").asInt());
      assertThat(g.path("status").asText()).isEqualTo(receipt.path("status").asText());
      assertThat(g.path("feePaid").asText()).isEqualTo(receipt.path("feePaid").asText());
      assertThat(g.path("steps").asLong()).isEqualTo(receipt.path("steps").asLong());
      assertThat(g.path("errorCode").asInt()).isEqualTo(receipt.path("errorCode").asInt());
      assertThat(g.path("receiptRaw").asText()).isEqualTo(receipt.path("raw").asText());
      assertThat(g.path("events").get(0).path("data").asText())
          .isEqualTo(receipt.path("events").get(0).path("data").asText());
    }
    // Balances: the indexer's running sums (genesis from the file, then every change it saw) equal
    // the node's for accounts whose every flow is a fee, a transfer or a UTxO.
    List<Address> accounts = new ArrayList<>(recipients);
    accounts.add(DevnetGenesis.faucetAddress());
    for (Address a : accounts) {
      JsonNode g =
          graphql("{ account(address: \"" + a + "\") { balances { asset amount } } }")
              .path("account");
      // Every asset, the faucet's LP shares of the genesis AMM pools included (the indexer
      // credits them from the genesis file, as the AMM's genesis does).
      ObjectNode r = JSON.createObjectNode();
      rpc.call("aeth_getBalance", a.toString())
          .properties()
          .forEach(e -> r.set(e.getKey(), e.getValue()));
      ObjectNode mine = JSON.createObjectNode();
      g.path("balances")
          .forEach(b -> mine.put(b.path("asset").asText(), b.path("amount").asText()));
      assertThat(mine).as("balances of %s", a).isEqualTo(r);
    }
    // Validators: the same names, stakes and statuses as aeth_getValidators.
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> graphql("{ validators { name } }").path("validators").size() == 4);
    JsonNode gv =
        graphql("{ validators { address name stake status commissionBps } }").path("validators");
    JsonNode rv = rpc.call("aeth_getValidators");
    Set<String> g1 = new HashSet<>();
    Set<String> r1 = new HashSet<>();
    gv.forEach(
        v ->
            g1.add(
                v.path("address").asText()
                    + v.path("name").asText()
                    + v.path("status").asText()
                    + v.path("commissionBps").asInt()));
    rv.forEach(
        v ->
            r1.add(
                v.path("address").asText()
                    + v.path("name").asText()
                    + v.path("status").asText()
                    + v.path("commissionBps").asInt()));
    assertThat(g1).isEqualTo(r1);
  }

  @Test
  @Order(4)
  void transfersBuiltAndSignedByEachSdkAreAcceptedAndVerifiedFinal() throws Exception {
    String genesisId = rpc.call("aeth_getBlockByNumber", 0, false).path("hash").asText();
    String seed = DevnetGenesis.faucetSeedHex();
    Address ts = Address.ofPublicKey(Hashing.tagged("sdk-ts").toArray());
    JsonNode t =
        runSdk(
            root.resolve("sdk/typescript"),
            List.of(
                "node",
                "dist/live.js",
                "--rpc",
                devnet.rpc(1).toString(),
                "--seed",
                seed,
                "--to",
                ts.toString(),
                "--amount",
                "4242",
                "--genesis-id",
                genesisId,
                "--utxo-amount",
                "300"));
    assertThat(t.path("verified").asBoolean()).isTrue();
    assertThat(t.path("status").asText()).isEqualTo("success");
    assertThat(t.path("recipientAic").asText()).isEqualTo("4242");
    assertUtxoSpend(t, ts);
    assertThat(
            new java.math.BigInteger(t.path("signedStake").asText())
                .multiply(java.math.BigInteger.valueOf(3)))
        .isGreaterThanOrEqualTo(
            new java.math.BigInteger(t.path("totalStake").asText())
                .multiply(java.math.BigInteger.TWO));
    assertThat(
            rpc.call("aeth_getTransactionReceipt", t.path("txHash").asText())
                .path("status")
                .asText())
        .isEqualTo("success");

    Address py = Address.ofPublicKey(Hashing.tagged("sdk-py").toArray());
    String python =
        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    JsonNode p =
        runSdk(
            root.resolve("sdk/python"),
            List.of(
                python,
                "-m",
                "aether_sdk.live",
                "--rpc",
                devnet.rpc(2).toString(),
                "--seed",
                seed,
                "--to",
                py.toString(),
                "--amount",
                "2424",
                "--genesis-id",
                genesisId,
                "--utxo-amount",
                "300"));
    assertThat(p.path("verified").asBoolean()).isTrue();
    assertThat(p.path("recipientAic").asText()).isEqualTo("2424");
    assertUtxoSpend(p, py);
    // The recipient's balance counts its account and the unspent output the SDK paid it.
    assertThat(rpc.call("aeth_getBalance", py.toString(), "AIC").path("AIC").asText())
        .isEqualTo("2524");
    awaitIndexed(p.path("height").asLong());
    assertThat(
            graphql("{ transaction(hash: \"" + p.path("txHash").asText() + "\") { status } }")
                .path("transaction")
                .path("status")
                .asText())
        .isEqualTo("success");
    transfers.add(t.path("txHash").asText());
    recipients.add(ts);
  }

  /**
   * The SDK's second transaction: a UTxO spend built by coin selection from {@code aeth_getUtxos},
   * final, that paid the recipient 100 AIC as an output the node lists.
   */
  static void assertUtxoSpend(JsonNode sdk, Address recipient) {
    assertThat(sdk.path("utxoStatus").asText()).as(sdk.toString()).isEqualTo("success");
    assertThat(sdk.path("recipientUtxoListed").asBoolean()).isTrue();
    assertThat(sdk.path("utxoInputs").asInt()).isBetween(1, 256);
    assertThat(sdk.path("utxoPaid").asText()).isEqualTo("100");
    JsonNode receipt = rpc.call("aeth_getTransactionReceipt", sdk.path("utxoTxHash").asText());
    assertThat(receipt.path("status").asText()).isEqualTo("success");
    JsonNode listed = rpc.call("aeth_getUtxos", recipient.toString());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("txHash").asText()).isEqualTo(sdk.path("utxoTxHash").asText());
    assertThat(listed.get(0).path("value").path("AIC").asText()).isEqualTo("100");
  }

  /** The faucet posts an AI job (the job escrow's postJob); returns its id once it is indexed. */
  static String postJob() {
    Address from = DevnetGenesis.faucetAddress();
    long nonce = Devnet.quantity(rpc.call("aeth_getAccount", from.toString()).path("nonce"));
    long slot = rpc.call("aeth_getBlockByNumber", "latest", false).path("slot").asLong();
    dev.aether.types.Call post =
        JobsCalls.post(
            new JobsCalls.PostJob(
                Hashing.tagged("explorer-test-model"),
                Hashing.tagged("explorer-test-code"),
                3,
                java.math.BigInteger.valueOf(5_000),
                30_000,
                slot + 100_000,
                java.util.Optional.empty(),
                java.util.Optional.empty()));
    Tx tx =
        BankProgram.signed(
            DevnetGenesis.faucetKey(),
            JobsCalls.body(
                "aether-dev-1",
                from,
                nonce,
                List.of(post),
                id -> java.util.Optional.empty(),
                5_000_000,
                slot + 10_000));
    String id = rpc.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText();
    JsonNode receipt = awaitReceipt(id);
    assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("success");
    awaitIndexed(receipt.path("blockHeight").asLong());
    return JobsKeys.jobId(from, nonce).toString();
  }

  static JsonNode runSdk(Path cwd, List<String> cmd) throws Exception {
    Process proc =
        new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(false).start();
    if (!proc.waitFor(180, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      throw new AssertionError(cmd + " did not finish");
    }
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.exitValue()).as("%s: %s %s", cmd, out, err).isZero();
    return JSON.readTree(out.strip());
  }

  @Test
  @Order(5)
  void theExplorerShowsAPersonTheChainAndVerifiesItInTheBrowser() throws Exception {
    Explorer.assumeBrowser();
    String tx = transfers.getFirst();
    Address to = recipients.getFirst();
    try (Explorer ex =
        new Explorer(devnet.explorer(), root.resolve("indexer/target/screenshots"))) {
      ex.open("#/");
      ex.awaitText("main", "Latest blocks");
      long shown = Long.parseLong(ex.text("#head-height").replace(",", ""));
      assertThat(shown).isPositive();
      assertThat(ex.text("#finalized-height")).matches("[0-9,]+");
      assertThat(ex.count("main table tbody tr")).isGreaterThan(1);
      ex.screenshot("home");

      ex.open("#/tx/" + tx);
      ex.awaitText("#badge", "verified:");
      assertThat(ex.text("#badge")).startsWith("✔ verified: receipt in final block");
      assertThat(ex.text("main")).contains("success").contains("transfer");
      ex.screenshot("transaction");

      long height = rpc.call("aeth_getTransactionReceipt", tx).path("blockHeight").asLong();
      ex.open("#/block/" + height);
      ex.awaitText("#badge", "verified final");
      assertThat(ex.text("h1")).isEqualTo("Block " + String.format("%,d", height));
      // The end of the block: the transfer's fee credited to the fee pool, proven in the browser.
      ex.awaitText("#own-badge", "verified:");
      assertThat(ex.text("#own-badge")).startsWith("✔ verified:");
      assertThat(ex.text("main")).contains("End of block").contains("fee_pool");
      ex.screenshot("block");

      ex.open("#/account/" + to);
      ex.awaitText("#badge", "verified against final block");
      assertThat(ex.text("#verified-balances")).contains("AIC").contains("1,000");
      assertThat(ex.text("main")).contains("History");
      ex.screenshot("account");

      ex.open("#/validators");
      ex.awaitText("main", "validator-3");
      assertThat(ex.count("main table tbody tr")).isEqualTo(4);
      assertThat(ex.text("main")).contains("validator-0").contains("active");
      ex.screenshot("validators");

      ex.open("#/jobs");
      ex.awaitText("main", "AI jobs");
      assertThat(ex.text("main")).contains("No AI jobs yet");
      // A real job posted on chain appears in the list and on its own page.
      String job = postJob();
      assertThat(
              graphql("{ job(id: \"" + job + "\") { status poster } }")
                  .path("job")
                  .path("status")
                  .asText())
          .isEqualTo("posted");
      // Opening the same #/jobs again is a same-document navigation (no reload): go via home.
      ex.open("#/");
      ex.awaitText("main", "Latest blocks");
      ex.open("#/jobs");
      ex.awaitText("main table", "posted");
      assertThat(ex.count("main table tbody tr")).isEqualTo(1);
      ex.screenshot("jobs");
      ex.open("#/job/" + job);
      // ("AI job" alone would match the list's "AI jobs" heading before the page changes.)
      ex.awaitText("main", "Verifiable compute receipt");
      assertThat(ex.text("main"))
          .contains(job)
          .contains(DevnetGenesis.faucetAddress().toString())
          .contains("No receipt submitted")
          .contains("No disputes");
      ex.screenshot("job");

      ex.search(tx.substring(2));
      ex.awaitText("h1", "Transaction");
      ex.search(String.valueOf(height));
      ex.awaitText("h1", "Block " + String.format("%,d", height));
      ex.search("no-such-thing");
      ex.awaitText("h1", "Nothing found");
      ex.screenshot("search-miss");
      assertThat(ex.consoleErrors()).isEmpty();
    }
  }
}
