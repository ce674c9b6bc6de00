package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed input gets its specific JSON-RPC error, no stack trace, and leaves the
 * server serving: after each case a well-formed call still succeeds.
 */
class MalformedInputTest {
  private static final int MAX_BODY = 64 * 1024;
  private static final String H64 = "0x" + "ab".repeat(32);
  private static InMemoryChain chain;
  private static RpcServer server;
  private static RawHttp http;

  @BeforeAll
  static void start() {
    chain = new InMemoryChain(7);
    chain.finalizeNew(3);
    server =
        RpcServer.start(
            chain,
            RpcConfig.defaults().withPort(0).withMaxRequestBytes(MAX_BODY).withRateLimit(0, 1));
    http = new RawHttp(server.uri());
  }

  @AfterAll
  static void stop() {
    http.close();
    server.close();
  }

  @AfterEach
  void serverStillServes() {
    chain.failWith(null);
    RawHttp.Response r =
        http.post("{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"params\":[],\"id\":99}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("result").asText()).isEqualTo(InMemoryChain.CHAIN_ID);
  }

  private static String req(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}";
  }

  static Stream<Arguments> malformed() {
    List<Arguments> c = new ArrayList<>();
    // -32700: not JSON at all
    c.add(Arguments.of("truncated JSON", "{\"jsonrpc\":\"2.0\",\"method\":", -32700, null));
    c.add(Arguments.of("garbage", "hello world", -32700, null));
    c.add(Arguments.of("empty body", "", -32700, null));
    c.add(Arguments.of("trailing tokens", req("aeth_chainId", "[]") + " {}", -32700, null));
    c.add(
        Arguments.of(
            "duplicate keys",
            "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1,\"id\":2}",
            -32700,
            null));
    c.add(Arguments.of("NaN literal", req("aeth_getBlockByNumber", "[NaN]"), -32700, null));
    c.add(Arguments.of("single quotes", "{'jsonrpc':'2.0'}", -32700, null));
    c.add(Arguments.of("nested too deep", "[".repeat(5000) + "]".repeat(5000), -32700, null));
    c.add(Arguments.of("unterminated string", "{\"jsonrpc\":\"2.0", -32700, null));
    // -32600: JSON but not a Request object
    c.add(Arguments.of("string request", "\"aeth_chainId\"", -32600, null));
    c.add(Arguments.of("number request", "42", -32600, null));
    c.add(Arguments.of("null request", "null", -32600, null));
    c.add(
        Arguments.of("wrong version", req("aeth_chainId", "[]").replace("2.0", "1.0"), -32600, 1));
    c.add(
        Arguments.of(
            "version as number",
            "{\"jsonrpc\":2.0,\"method\":\"aeth_chainId\",\"id\":1}",
            -32600,
            1));
    c.add(Arguments.of("missing version", "{\"method\":\"aeth_chainId\",\"id\":1}", -32600, 1));
    c.add(Arguments.of("missing method", "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600, 1));
    c.add(Arguments.of("numeric method", "{\"jsonrpc\":\"2.0\",\"method\":7,\"id\":1}", -32600, 1));
    c.add(Arguments.of("null method", "{\"jsonrpc\":\"2.0\",\"method\":null,\"id\":1}", -32600, 1));
    c.add(
        Arguments.of(
            "object method", "{\"jsonrpc\":\"2.0\",\"method\":{\"a\":1},\"id\":1}", -32600, 1));
    c.add(Arguments.of("string params", req("aeth_chainId", "\"x\""), -32600, 1));
    c.add(Arguments.of("number params", req("aeth_chainId", "5"), -32600, 1));
    c.add(Arguments.of("null params", req("aeth_chainId", "null"), -32600, 1));
    c.add(
        Arguments.of(
            "object id",
            "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":{}}",
            -32600,
            null));
    c.add(
        Arguments.of(
            "boolean id",
            "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":true}",
            -32600,
            null));
    // -32601
    c.add(Arguments.of("unknown method", req("aeth_noSuchThing", "[]"), -32601, 1));
    c.add(Arguments.of("reserved rpc. method", req("rpc.nothing", "[]"), -32601, 1));
    c.add(Arguments.of("method name case", req("AETH_CHAINID", "[]"), -32601, 1));
    // -32602: params of the wrong count, name, type or content
    c.add(Arguments.of("missing required param", req("aeth_getBlockByNumber", "[]"), -32602, 1));
    c.add(
        Arguments.of(
            "too many params", req("aeth_getBlockByNumber", "[\"latest\",true,3]"), -32602, 1));
    c.add(Arguments.of("params to no-arg method", req("aeth_chainId", "[1]"), -32602, 1));
    c.add(
        Arguments.of(
            "unknown named param", req("aeth_getBlockByNumber", "{\"blok\":1}"), -32602, 1));
    c.add(Arguments.of("boolean block tag", req("aeth_getBlockByNumber", "[true]"), -32602, 1));
    c.add(Arguments.of("negative height", req("aeth_getBlockByNumber", "[-1]"), -32602, 1));
    c.add(Arguments.of("fractional height", req("aeth_getBlockByNumber", "[1.5]"), -32602, 1));
    c.add(
        Arguments.of(
            "huge height", req("aeth_getBlockByNumber", "[99999999999999999999999]"), -32602, 1));
    c.add(Arguments.of("unknown tag", req("aeth_getBlockByNumber", "[\"pending\"]"), -32602, 1));
    c.add(Arguments.of("bad hex quantity", req("aeth_getBlockByNumber", "[\"0xzz\"]"), -32602, 1));
    c.add(Arguments.of("empty hex quantity", req("aeth_getBlockByNumber", "[\"0x\"]"), -32602, 1));
    c.add(
        Arguments.of(
            "hex quantity over u63",
            req("aeth_getBlockByNumber", "[\"0xffffffffffffffff\"]"),
            -32602,
            1));
    c.add(
        Arguments.of(
            "non-ASCII digits", req("aeth_getBlockByNumber", "[\"\u0661\u0662\"]"), -32602, 1));
    c.add(
        Arguments.of(
            "fullTransactions not boolean",
            req("aeth_getBlockByNumber", "[\"latest\",\"yes\"]"),
            -32602,
            1));
    c.add(
        Arguments.of("hash without 0x", req("aeth_getTransactionReceipt", "[\"ab\"]"), -32602, 1));
    c.add(Arguments.of("short hash", req("aeth_getTransactionReceipt", "[\"0xabcd\"]"), -32602, 1));
    c.add(
        Arguments.of(
            "invalid hex character",
            req("aeth_getTransactionReceipt", "[\"0x" + "zz".repeat(32) + "\"]"),
            -32602,
            1));
    c.add(
        Arguments.of(
            "odd-length hex",
            req("aeth_getTransactionReceipt", "[\"0x" + "a".repeat(63) + "\"]"),
            -32602,
            1));
    c.add(Arguments.of("numeric hash", req("aeth_getTransactionReceipt", "[123]"), -32602, 1));
    c.add(Arguments.of("odd raw tx hex", req("aeth_sendRawTransaction", "[\"0xabc\"]"), -32602, 1));
    c.add(
        Arguments.of(
            "raw tx over Tx.MAX_BYTES",
            req("aeth_sendRawTransaction", "[\"0x" + "00".repeat(Tx.MAX_BYTES + 1) + "\"]"),
            -32006,
            null));
    c.add(
        Arguments.of(
            "unknown asset", req("aeth_getBalance", "[\"" + H64 + "\",\"BTC\"]"), -32602, 1));
    c.add(Arguments.of("address as object", req("aeth_getAccount", "[{}]"), -32602, 1));
    // -32000: decodes as hex but not as a transaction
    c.add(Arguments.of("empty tx bytes", req("aeth_sendRawTransaction", "[\"0x\"]"), -32000, 1));
    c.add(
        Arguments.of(
            "garbage tx bytes", req("aeth_sendRawTransaction", "[\"0x0102\"]"), -32000, 1));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void getsItsSpecificError(String name, String body, int code, Integer id) {
    RawHttp.Response r = http.post(body);
    JsonNode json = r.json();
    assertThat(json.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(json.path("error").path("code").asInt()).as(r.body()).isEqualTo(code);
    if (id == null) {
      assertThat(json.get("id").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(json.get("id").asInt()).isEqualTo(id);
    }
    assertThat(json.has("result")).isFalse();
    assertNoStackTrace(r.body());
  }

  @Test
  void rejectedTransactionCarriesTheCodecReason() {
    JsonNode e = http.post(req("aeth_sendRawTransaction", "[\"0x01\"]")).json().get("error");
    assertThat(e.get("code").asInt()).isEqualTo(RpcError.TX_REJECTED);
    assertThat(e.get("message").asText()).isEqualTo("Transaction rejected");
    assertThat(e.path("data").path("reason").asText()).startsWith("codec.");
    assertThat(e.path("data").path("message").asText()).isNotBlank();
  }

  @Test
  void transactionForAnotherChainIsRejectedWithTheBackendsReason() {
    Tx tx = chain.random().tx();
    String hex = Hex.encode(Tx.CODEC.encode(tx));
    JsonNode e = http.post(req("aeth_sendRawTransaction", "[\"" + hex + "\"]")).json().get("error");
    assertThat(e.get("code").asInt()).isEqualTo(RpcError.TX_REJECTED);
    assertThat(e.path("data").path("reason").asText()).isEqualTo("mempool.wrong_chain");
  }

  @Test
  void invalidUtf8IsAParseError() {
    byte[] body = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    RawHttp.Response r = http.post(body, "application/json");
    assertThat(r.json().path("error").path("code").asInt()).isEqualTo(-32700);
  }

  @Test
  void oversizedBodyGets413WithAJsonRpcError() {
    String big = req("aeth_chainId", "[\"" + "x".repeat(MAX_BODY) + "\"]");
    RawHttp.Response r = http.post(big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().path("error").path("code").asInt()).isEqualTo(RpcError.REQUEST_TOO_LARGE);
    assertThat(r.json().get("id").isNull()).isTrue();
  }

  @Test
  void hugeBodyIsRefusedWithoutBeingRead() throws IOException {
    // 16 MiB declared, not one body byte sent: the 413 can only come from Content-Length alone.
    // (Sending the body as well would race the server's close against the client's writes: the
    // unread bytes make the kernel reset the connection, and the answer may be lost in transit.)
    try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST "
              + server.uri().getRawPath()
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + (16 << 20)
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // Read the answer by its own Content-Length: the server keeps the socket open a moment
      // to drain a little of the body it was promised before it closes.
      DataInputStream in = new DataInputStream(socket.getInputStream());
      StringBuilder headers = new StringBuilder();
      while (!headers.toString().endsWith("\r\n\r\n")) {
        headers.append((char) in.readUnsignedByte());
      }
      assertThat(headers.toString()).startsWith("HTTP/1.1 413");
      assertThat(headers.toString()).containsIgnoringCase("connection: close");
      Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(headers.toString());
      assertThat(length.find()).as("the 413 says how long its body is").isTrue();
      byte[] body = new byte[Integer.parseInt(length.group(1))];
      in.readFully(body);
      assertThat(new ObjectMapper().readTree(body).path("error").path("code").asInt())
          .isEqualTo(RpcError.REQUEST_TOO_LARGE);
    }
  }

  @Test
  void oversizedChunkedBodyWithoutContentLengthGets413() {
    byte[] big = req("aeth_chainId", "[\"" + "x".repeat(MAX_BODY) + "\"]").getBytes();
    HttpRequest request =
        HttpRequest.newBuilder(server.uri())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    RawHttp.Response r = http.send(request);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().path("error").path("code").asInt()).isEqualTo(RpcError.REQUEST_TOO_LARGE);
  }

  @Test
  void bodyExactlyAtTheLimitIsServed() {
    String prefix = "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1}";
    String body = prefix + " ".repeat(MAX_BODY - prefix.length());
    RawHttp.Response r = http.post(body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("result").asText()).isEqualTo(InMemoryChain.CHAIN_ID);
  }

  @Test
  void getIsRefusedWith405() {
    RawHttp.Response r = http.get();
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void nonJsonContentTypeIsRefusedWith415() {
    RawHttp.Response r =
        http.post(req("aeth_chainId", "[]").getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void missingContentTypeIsAccepted() {
    RawHttp.Response r =
        http.post(req("aeth_chainId", "[]").getBytes(StandardCharsets.UTF_8), null);
    assertThat(r.json().get("result").asText()).isEqualTo(InMemoryChain.CHAIN_ID);
  }

  @Test
  void batchMixGetsOneAnswerPerRequestInAnyOrder() {
    String batch =
        "["
            + req("aeth_chainId", "[]").replace("\"id\":1", "\"id\":\"a\"")
            + ",{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\"}"
            + ",{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":2}"
            + ",{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBlockByNumber\",\"params\":[\"0xq\"],\"id\":3}"
            + ",[1]"
            + ",{\"jsonrpc\":\"1.0\",\"method\":\"aeth_chainId\",\"id\":4}"
            + ",{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBlockByNumber\",\"params\":[0],\"id\":null}"
            + "]";
    JsonNode r = http.post(batch).json();
    assertThat(r.isArray()).isTrue();
    assertThat(r).hasSize(6);
    assertThat(find(r, "a").get("result").asText()).isEqualTo(InMemoryChain.CHAIN_ID);
    assertThat(find(r, 2).path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(find(r, 3).path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(find(r, 4).path("error").path("code").asInt()).isEqualTo(-32600);
    List<JsonNode> nullIds = new ArrayList<>();
    r.forEach(
        n -> {
          if (n.get("id").isNull()) {
            nullIds.add(n);
          }
        });
    // The nested array entry is an Invalid Request; the null-id call is a call, not a notification.
    assertThat(nullIds).hasSize(2);
    assertThat(nullIds)
        .anySatisfy(n -> assertThat(n.path("error").path("code").asInt()).isEqualTo(-32600));
    assertThat(nullIds)
        .anySatisfy(n -> assertThat(n.path("result").path("height").asInt()).isEqualTo(0));
  }

  @Test
  void batchOverTheLimitIsOneError() {
    String one = "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1}";
    String batch = "[" + String.join(",", java.util.Collections.nCopies(101, one)) + "]";
    JsonNode r = http.post(batch).json();
    assertThat(r.isObject()).isTrue();
    assertThat(r.path("error").path("code").asInt()).isEqualTo(RpcError.BATCH_TOO_LARGE);
  }

  @Test
  void notificationsGetNoResponseEvenWhenTheyFail() {
    RawHttp.Response r =
        http.post("{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBlockByNumber\",\"params\":[true]}");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void notificationIsStillExecuted() {
    TxBody b = chain.random().txBody();
    Tx tx =
        new Tx(
            new TxBody(
                InMemoryChain.CHAIN_ID,
                b.payer(),
                b.nonce(),
                b.inputs(),
                b.reads(),
                b.writes(),
                b.outputs(),
                b.calls(),
                b.mint(),
                b.burn(),
                b.feeCap(),
                b.validFrom(),
                b.validUntil()),
            List.of());
    String hex = Hex.encode(Tx.CODEC.encode(tx));
    RawHttp.Response r =
        http.post(
            "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_sendRawTransaction\",\"params\":[\""
                + hex
                + "\"]}");
    assertThat(r.status()).isEqualTo(204);
    assertThat(chain.mempool()).contains(tx);
  }

  @Test
  void backendFailureIsAnInternalErrorWithoutDetails() {
    chain.failWith(new IllegalStateException("secret-path /var/db corrupted"));
    RawHttp.Response r = http.post(req("aeth_getBalance", "[\"" + H64 + "\"]"));
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asInt()).isEqualTo(RpcError.INTERNAL_ERROR);
    assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalState");
    assertNoStackTrace(r.body());
  }

  @Test
  void unavailableBackendIsReportedAsSuch() {
    chain.failWith(new BackendUnavailableException("state sync in progress"));
    JsonNode e = http.post(req("aeth_getUtxos", "[\"" + H64 + "\"]")).json().get("error");
    assertThat(e.get("code").asInt()).isEqualTo(RpcError.UNAVAILABLE);
    assertThat(e.get("data").asText()).isEqualTo("state sync in progress");
  }

  @Test
  void concurrentGarbageDoesNotDisturbValidCalls() throws Exception {
    List<String> garbage =
        malformed().map(a -> (String) a.get()[1]).filter(b -> b.length() < 10_000).toList();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<String>> valid = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int offset = i;
        pool.submit(
            () -> {
              for (int j = 0; j < garbage.size(); j++) {
                http.post(garbage.get((j + offset) % garbage.size()));
              }
              return null;
            });
        valid.add(
            pool.submit(() -> http.post(req("aeth_chainId", "[]")).json().get("result").asText()));
      }
      for (var f : valid) {
        assertThat(f.get()).isEqualTo(InMemoryChain.CHAIN_ID);
      }
    }
  }

  private static JsonNode find(JsonNode batch, Object id) {
    for (JsonNode n : batch) {
      if (n.get("id").isTextual()
          ? n.get("id").asText().equals(id)
          : id.equals(n.get("id").asInt()) && !n.get("id").isNull()) {
        return n;
      }
    }
    throw new AssertionError("no response with id " + id + " in " + batch);
  }

  private static void assertNoStackTrace(String body) {
    assertThat(body).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(".java:");
  }
}
