package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.HttpApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.rpc.FinalBlock;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GraphQL and REST over HTTP against an indexed test chain: answers, paging, limits, errors. */
class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Pg pg;
  static Database db;
  static HttpApi http;
  static TestChain chain;
  static HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    pg = new Pg(dir);
    db = pg.fresh();
    chain = new TestChain(7);
    for (int i = 0; i < 25; i++) {
      chain.append(4);
    }
    BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
    chain.blocks().forEach(w::write);
    http =
        new HttpApi(
            new InetSocketAddress("127.0.0.1", 0),
            new GraphQlApi(new Queries(db.dataSource(), 500), () -> 25),
            Optional.empty());
  }

  @AfterAll
  static void stop() {
    http.close();
    db.close();
    pg.close();
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
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void blockByHeightAndHashAnswerTheIndexedBlock() throws Exception {
    FinalBlock fb = chain.block(9);
    JsonNode b =
        graphql(
                "{ block(height: 9) { height hash parentHash slot round txCount fees headerRaw"
                    + " transactions { hash index payer status kind raw } } }")
            .path("data")
            .path("block");
    assertThat(b.path("hash").asText()).isEqualTo(fb.block().id().toHex());
    assertThat(b.path("parentHash").asText()).isEqualTo(fb.block().header().parent().toHex());
    assertThat(b.path("slot").asLong()).isEqualTo(fb.block().header().slot());
    assertThat(b.path("headerRaw").asText())
        .isEqualTo(Hex.encode(dev.aether.types.Header.CODEC.encode(fb.block().header())));
    assertThat(b.path("transactions")).hasSize(fb.block().txs().size());
    for (int i = 0; i < fb.block().txs().size(); i++) {
      Tx tx = fb.block().txs().get(i);
      JsonNode t = b.path("transactions").get(i);
      assertThat(t.path("hash").asText()).isEqualTo(tx.id().toHex());
      assertThat(t.path("raw").asText()).isEqualTo(Hex.encode(Tx.CODEC.encode(tx)));
      assertThat(t.path("payer").asText()).isEqualTo(tx.body().payer().toString());
    }
    JsonNode byHash =
        graphql("{ block(hash: \"" + fb.block().id().toHex() + "\") { height } }").path("data");
    assertThat(byHash.path("block").path("height").asLong()).isEqualTo(9);
    assertThat(graphql("{ block(height: 999) { height } }").path("data").path("block").isNull())
        .isTrue();
  }

  @Test
  void pagingVisitsEveryTransactionOnceNewestFirst() throws Exception {
    Set<String> seen = new HashSet<>();
    String after = null;
    long lastHeight = Long.MAX_VALUE;
    int pages = 0;
    do {
      JsonNode p =
          graphql(
                  "{ transactions(first: 7"
                      + (after == null ? "" : ", after: \"" + after + "\"")
                      + ") { items { hash blockHeight } pageInfo { hasNextPage endCursor } } }")
              .path("data")
              .path("transactions");
      for (JsonNode t : p.path("items")) {
        assertThat(seen.add(t.path("hash").asText())).isTrue();
        assertThat(t.path("blockHeight").asLong()).isLessThanOrEqualTo(lastHeight);
        lastHeight = t.path("blockHeight").asLong();
      }
      after =
          p.path("pageInfo").path("hasNextPage").asBoolean()
              ? p.path("pageInfo").path("endCursor").asText()
              : null;
      pages++;
    } while (after != null);
    long total = chain.blocks().stream().mapToLong(b -> b.block().txs().size()).sum();
    assertThat(seen).hasSize((int) total);
    assertThat(pages).isEqualTo((int) ((total + 6) / 7));
  }

  @Test
  void filtersByAccountKindAndStatus() throws Exception {
    String a = TestChain.address(3).toString();
    JsonNode items =
        graphql(
                "{ transactions(first: 100, account: \""
                    + a
                    + "\") { items { hash accounts { address role } } } }")
            .path("data")
            .path("transactions")
            .path("items");
    assertThat(items).isNotEmpty();
    for (JsonNode t : items) {
      List<String> named = t.path("accounts").findValuesAsText("address");
      assertThat(named).contains(a);
    }
    JsonNode failed =
        graphql("{ transactions(first: 100, status: \"failed\") { items { status feePaid } } }")
            .path("data")
            .path("transactions")
            .path("items");
    assertThat(failed)
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("failed"));
    JsonNode transfers =
        graphql(
                "{ transactions(first: 100, kind: \"transfer\") { items { kind events { topic } } } }")
            .path("data")
            .path("transactions")
            .path("items");
    assertThat(transfers).isNotEmpty();
    assertThat(transfers.findValuesAsText("kind")).containsOnly("transfer");
    JsonNode acct =
        graphql("{ account(address: \"" + a + "\") { balances { asset amount } txCount } }")
            .path("data")
            .path("account");
    assertThat(acct.path("txCount").asLong()).isPositive();
  }

  @Test
  void searchFindsBlocksTransactionsJobsAndAccounts() throws Exception {
    FinalBlock fb = chain.block(5);
    assertThat(search("5").path("kind").asText()).isEqualTo("block");
    assertThat(search(fb.block().id().toHex()).path("height").asLong()).isEqualTo(5);
    String tx = chain.block(3).block().txs().getFirst().id().toHex();
    assertThat(search(tx).path("kind").asText()).isEqualTo("transaction");
    assertThat(search(tx.substring(2).toUpperCase()).path("kind").asText())
        .isEqualTo("transaction");
    assertThat(search(TestChain.address(1).toString()).path("kind").asText()).isEqualTo("account");
    assertThat(search("hello").path("kind").asText()).isEqualTo("none");
  }

  static JsonNode search(String q) throws Exception {
    return graphql("{ search(query: \"" + q + "\") { kind height hash address id } }")
        .path("data")
        .path("search");
  }

  @Test
  void refusesOversizedDeepAndCostlyQueriesAndBadInputWithAMessage() throws Exception {
    assertThat(error(graphql("{ transactions(first: 101) { items { hash } } }")))
        .contains("first must be 1..100");
    assertThat(error(graphql("{ transaction(hash: \"0x12\") { hash } }")))
        .contains("hash must be 0x followed by 64 hex digits");
    String deep =
        "{ blocks { items { transactions { accounts { address } calls { method } events { data } } } } }";
    assertThat(graphql(deep).path("errors")).isEmpty();
    String tooDeep =
        "{ account(address: \""
            + TestChain.address(1)
            + "\") { transactions { items { "
            + "calls { method } } } } }";
    assertThat(graphql(tooDeep).path("errors")).isEmpty();
    String costly =
        "{ blocks(first: 100) { items { transactions(first: 100) { calls { method } events { data } } } } }";
    assertThat(error(graphql(costly))).containsIgnoringCase("complexity");
    assertThat(error(graphql("{ nope }"))).contains("nope");
    HttpResponse<String> big =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApi_MAX + 1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.body()).doesNotContain("Exception").contains("request body over");
  }

  static final int HttpApi_MAX = 64 * 1024;

  static String error(JsonNode r) {
    assertThat(r.path("errors")).as(r.toString()).isNotEmpty();
    return r.path("errors").get(0).path("message").asText();
  }

  @Test
  void restAnswersEqualGraphQl() throws Exception {
    JsonNode rest = JSON.readTree(get("/api/blocks/7").body());
    JsonNode gql =
        graphql(
                "{ block(height: 7) { "
                    + "height hash parentHash slot round proposer txRoot stateRoot"
                    + " receiptsRoot shredRoot qcRound qcSigners timeoutRound txCount size fees headerRaw"
                    + " transactions { hash blockHeight blockHash index payer nonce kind feeCap validFrom"
                    + " validUntil size status feePaid steps memBytes errorCode }"
                    + " blockReceiptRaw blockEvents { height index emitter program topic data kind"
                    + " account asset assetId amount cause ref } } }")
            .path("data")
            .path("block");
    assertThat(rest).isEqualTo(gql);
    assertThat(JSON.readTree(get("/api/head").body()).path("height").asLong()).isEqualTo(25);
    assertThat(get("/api/blocks/999").statusCode()).isEqualTo(404);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = get("/api/txs/0xzz");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("error").path("message").asText()).contains("hex");
    assertThat(JSON.readTree(get("/api/txs?limit=3").body()).path("items")).hasSize(3);
    assertThat(get("/rpc").statusCode()).isEqualTo(405);
    assertThat(get("/../../etc/passwd").statusCode()).isEqualTo(404);
  }
}
