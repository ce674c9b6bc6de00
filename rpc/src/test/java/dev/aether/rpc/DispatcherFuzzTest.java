package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the dispatcher (no sockets): whatever bytes arrive, it returns either no
 * response or a well-formed JSON-RPC response (or array of them) with a known error code, and never
 * throws. Seeds are fixed, so failures reproduce.
 */
class DispatcherFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<Integer> KNOWN_CODES =
      // No -32603: the backend here never fails, so an internal error would be a bug in
      // parameter handling that let bad input reach code that throws.
      List.of(-32700, -32600, -32601, -32602, -32000, -32007);

  private static final List<String> SEEDS =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBlockByNumber\",\"params\":[\"latest\",true],\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBlockByNumber\",\"params\":{\"block\":\"0x1\"},\"id\":\"a\"}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getTransactionReceipt\",\"params\":[\"0x"
              + "ab".repeat(32)
              + "\"],\"id\":2}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getBalance\",\"params\":[\"0x"
              + "01".repeat(32)
              + "\",\"SWR\"],\"id\":3}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_sendRawTransaction\",\"params\":[\"0x0100\"],\"id\":4}",
          "[{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1},"
              + "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_syncing\"}]",
          "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_getAccount\",\"params\":[\"0x"
              + "02".repeat(32)
              + "\"],\"id\":null}");

  private final JsonRpcDispatcher dispatcher;

  DispatcherFuzzTest() {
    InMemoryChain chain = new InMemoryChain(5);
    chain.finalizeNew(4);
    dispatcher = new JsonRpcDispatcher(AethMethods.over(chain), 100);
  }

  @Test
  void mutatedRequestsAlwaysGetAWellFormedAnswer() {
    fuzz(2_000, 1);
  }

  @Tag("soak")
  @Test
  void mutatedRequestsAlwaysGetAWellFormedAnswerLong() {
    fuzz(500_000, 2);
  }

  private void fuzz(int iterations, long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < iterations; i++) {
      byte[] input = mutate(SEEDS.get(rnd.nextInt(SEEDS.size())), rnd);
      JsonRpcDispatcher.Reply reply = dispatcher.handle(input);
      reply.body().ifPresent(body -> checkResponse(body, input));
    }
  }

  private static byte[] mutate(String seed, Random rnd) {
    byte[] b = seed.getBytes(StandardCharsets.UTF_8);
    int mutations = 1 + rnd.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int pos = rnd.nextInt(b.length);
      switch (rnd.nextInt(5)) {
        case 0 -> b[pos] = (byte) rnd.nextInt(256);
        case 1 -> b[pos] = (byte) "{}[]\",:0x-1.e\\ ntul".charAt(rnd.nextInt(19));
        case 2 -> b = java.util.Arrays.copyOf(b, pos);
        case 3 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, pos);
          longer[pos] = (byte) "{}[]\",:0".charAt(rnd.nextInt(8));
          System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
          b = longer;
        }
        default -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, pos);
          System.arraycopy(b, pos + 1, shorter, pos, b.length - pos - 1);
          b = shorter;
        }
      }
      if (b.length == 0) {
        break;
      }
    }
    return b;
  }

  private static void checkResponse(byte[] body, byte[] input) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("unparseable response to " + new String(input), e);
    }
    if (json.isArray()) {
      assertThat(json).as("batch answer is never empty").isNotEmpty();
      json.forEach(n -> checkOne(n, input));
    } else {
      checkOne(json, input);
    }
  }

  private static void checkOne(JsonNode n, byte[] input) {
    String ctx = new String(input, StandardCharsets.UTF_8) + " -> " + n;
    assertThat(n.path("jsonrpc").asText()).as(ctx).isEqualTo("2.0");
    assertThat(n.has("id")).as(ctx).isTrue();
    assertThat(n.has("result") ^ n.has("error")).as(ctx).isTrue();
    if (n.has("error")) {
      assertThat(KNOWN_CODES).as(ctx).contains(n.get("error").path("code").asInt());
      assertThat(n.get("error").path("message").asText()).as(ctx).isNotBlank();
      assertThat(n.toString()).as(ctx).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
