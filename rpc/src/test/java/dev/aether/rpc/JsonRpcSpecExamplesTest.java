package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the 15 examples of the JSON-RPC 2.0 specification (section 7) from {@code
 * testdata/jsonrpc} against the real HTTP server, with the toy methods the examples assume
 * registered beside the {@code aeth_*} ones.
 */
class JsonRpcSpecExamplesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static RpcServer server;
  private static RawHttp http;

  @BeforeAll
  static void start() {
    server =
        RpcServer.builder(new InMemoryChain(1), RpcConfig.defaults().withPort(0))
            .method("subtract", JsonRpcSpecExamplesTest::subtract)
            .method("sum", JsonRpcSpecExamplesTest::sum)
            .method("get_data", p -> F.arrayNode().add("hello").add(5))
            .method("update", p -> F.nullNode())
            .method("notify_hello", p -> F.nullNode())
            .method("notify_sum", p -> F.nullNode())
            .start();
    http = new RawHttp(server.uri());
  }

  @AfterAll
  static void stop() {
    http.close();
    server.close();
  }

  private static JsonNode subtract(Params p) {
    Params.Args a = p.bind(2, "minuend", "subtrahend");
    return F.numberNode(a.get(0).asLong() - a.get(1).asLong());
  }

  private static JsonNode sum(Params p) {
    long total = 0;
    for (JsonNode n : p.raw().orElseThrow()) {
      total += n.asLong();
    }
    return F.numberNode(total);
  }

  static Stream<Arguments> cases() throws IOException {
    Path file = Vectors.testdata().resolve("jsonrpc/jsonrpc2_spec_examples.json");
    JsonNode doc = MAPPER.readTree(Files.readString(file));
    List<Arguments> out = new ArrayList<>();
    doc.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    assertThat(out).hasSize(15);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAsTheSpecificationShows(String name, JsonNode c) {
    RawHttp.Response r = http.post(c.get("request_raw").asText());
    JsonNode expected = c.get("expected_response");
    if (expected.isNull()) {
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.body()).isEmpty();
      return;
    }
    assertThat(r.status()).isEqualTo(200);
    JsonNode actual = r.json();
    if (expected.isArray()) {
      assertThat(actual.isArray()).as("batch reply is an array: %s", actual).isTrue();
      assertThat(normalize(actual)).containsExactlyInAnyOrderElementsOf(normalize(expected));
    } else {
      assertThat(normalizeOne(actual)).isEqualTo(normalizeOne(expected));
    }
  }

  /** Per the vector's comparison rules: error {@code data} is optional, so it is dropped. */
  private static List<JsonNode> normalize(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(n -> out.add(normalizeOne(n)));
    return out;
  }

  private static JsonNode normalizeOne(JsonNode n) {
    JsonNode copy = n.deepCopy();
    if (copy.has("error")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("error")).remove("data");
    }
    return copy;
  }
}
