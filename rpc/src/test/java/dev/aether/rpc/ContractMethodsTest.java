package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract methods over HTTP against a stub backend: params are checked before the backend sees
 * them, answers have the documented shape, and {@code aeth_getLogs} refuses ranges and answers over
 * its limits. Also: every method the server registers is in the OpenRPC document and vice versa.
 */
class ContractMethodsTest {
  private static final H256 C = Hashing.sha256(new byte[] {7});
  private static final AtomicReference<ContractCallRequest> lastCall = new AtomicReference<>();
  private static final AtomicReference<LogFilter> lastFilter = new AtomicReference<>();
  private static int logCount = 2;
  private static RpcServer server;
  private static RpcClient rpc;

  /** The in-memory chain plus canned contract answers. */
  private static final class Stub extends InMemoryChain {
    Stub() {
      super(42);
    }

    @Override
    public ContractCallResult call(ContractCallRequest r) {
      lastCall.set(r);
      return new ContractCallResult(
          5,
          false,
          1011,
          "runtime.contract_trap",
          "trap: contract aborted: no",
          Bytes.of(new byte[] {1, 2}),
          1234,
          65536,
          Amount.of(99),
          List.of(new Event(C, Bytes.of("moved".getBytes(StandardCharsets.UTF_8)), Bytes.EMPTY)),
          new TreeSet<>(Set.of(C)),
          new TreeSet<>());
    }

    @Override
    public Optional<Bytes> code(H256 contract) {
      return contract.equals(C)
          ? Optional.of(Bytes.of(new byte[] {0, 'a', 's', 'm'}))
          : Optional.empty();
    }

    @Override
    public StorageEntry storageAt(H256 contract, H256 slot) {
      return new StorageEntry(
          contract,
          slot,
          H256.ZERO,
          Optional.of(Bytes.of(new byte[] {3})),
          11,
          5,
          H256.ZERO,
          List.of(Bytes.of(new byte[] {4})));
    }

    @Override
    public List<LogEntry> logs(LogFilter f) {
      lastFilter.set(f);
      List<LogEntry> out = new ArrayList<>();
      for (int i = 0; i < logCount; i++) {
        out.add(
            new LogEntry(
                f.fromBlock(),
                H256.ZERO,
                H256.ZERO,
                0,
                i,
                new Event(C, Bytes.of(new byte[] {(byte) 0xff}), Bytes.EMPTY)));
      }
      return out;
    }
  }

  @BeforeAll
  static void start() {
    InMemoryChain chain = new Stub();
    chain.finalizeNew(6);
    server = RpcServer.start(chain, RpcConfig.defaults().withPort(0));
    rpc = new RpcClient(server.uri());
  }

  @AfterAll
  static void stop() {
    rpc.close();
    server.close();
  }

  private static JsonNode obj(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void invalid(String method, Object... params) {
    assertThatThrownBy(() -> rpc.call(method, params))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class,
            r -> assertThat(r.code()).isEqualTo(RpcError.INVALID_PARAMS));
  }

  @Test
  void callAnswersResultStepsFeeAndTheSetsItTouched() {
    JsonNode r =
        rpc.call(
            "aeth_call",
            (Object) obj("{\"contract\":\"" + C + "\",\"method\":\"get\",\"args\":\"0x0102\"}"));
    assertThat(r.path("status").asText()).isEqualTo("failed");
    assertThat(r.path("errorCode").asInt()).isEqualTo(1011);
    assertThat(r.path("error").asText()).isEqualTo("runtime.contract_trap");
    assertThat(r.path("message").asText()).contains("aborted");
    assertThat(r.path("returnData").asText()).isEqualTo("0x0102");
    assertThat(r.path("fee").asText()).isEqualTo("99");
    assertThat(r.path("events").get(0).path("topicText").asText()).isEqualTo("moved");
    assertThat(r.path("reads").get(0).asText()).isEqualTo(C.toString());
    assertThat(lastCall.get().args()).isEqualTo(Bytes.of(new byte[] {1, 2}));
    assertThat(lastCall.get().from()).isEmpty();
    assertThat(lastCall.get().block()).isEqualTo(BlockTag.LATEST);
  }

  @Test
  void callParamsAreCheckedBeforeTheBackend() {
    lastCall.set(null);
    invalid("aeth_call", (Object) obj("{\"method\":\"get\"}"));
    invalid("aeth_call", (Object) obj("{\"contract\":\"0x12\",\"method\":\"get\"}"));
    invalid("aeth_call", (Object) obj("{\"contract\":\"" + C + "\",\"method\":\"\"}"));
    invalid(
        "aeth_call", (Object) obj("{\"contract\":\"" + C + "\",\"method\":\"get\",\"extra\":1}"));
    invalid(
        "aeth_call",
        (Object) obj("{\"contract\":\"" + C + "\",\"method\":\"get\",\"args\":\"zz\"}"));
    invalid("aeth_call", "not an object");
    assertThat(lastCall.get()).isNull();
  }

  @Test
  void codeAndStorage() {
    assertThat(rpc.call("aeth_getCode", C.toString()).asText()).isEqualTo("0x0061736d");
    assertThat(rpc.call("aeth_getCode", H256.ZERO.toString()).isNull()).isTrue();
    JsonNode s = rpc.call("aeth_getStorageAt", C.toString(), H256.ZERO.toString());
    assertThat(s.path("value").asText()).isEqualTo("0x03");
    assertThat(s.path("paidThroughEpoch").asLong()).isEqualTo(11);
    assertThat(s.path("proof").get(0).asText()).isEqualTo("0x04");
    invalid("aeth_getStorageAt", C.toString());
  }

  @Test
  void logsAreBoundedInRangeAndCount() {
    logCount = 2;
    JsonNode logs =
        rpc.call(
            "aeth_getLogs",
            (Object)
                obj(
                    "{\"contract\":\""
                        + C
                        + "\",\"topic\":\"moved\",\"fromBlock\":1,\"toBlock\":3}"));
    assertThat(logs).hasSize(2);
    assertThat(logs.get(1).path("logIndex").asInt()).isEqualTo(1);
    assertThat(lastFilter.get().topic())
        .contains(Bytes.of("moved".getBytes(StandardCharsets.UTF_8)));
    assertThat(lastFilter.get().fromBlock()).isEqualTo(1);
    // Defaults: up to the latest block, at most MAX_BLOCKS back.
    rpc.call("aeth_getLogs", (Object) obj("{}"));
    assertThat(lastFilter.get().toBlock()).isEqualTo(5);
    invalid("aeth_getLogs", (Object) obj("{\"fromBlock\":0,\"toBlock\":5000}"));
    invalid("aeth_getLogs", (Object) obj("{\"fromBlock\":4,\"toBlock\":3}"));
    invalid("aeth_getLogs", (Object) obj("{\"topic\":\"a\",\"topicHex\":\"0x61\"}"));
    invalid("aeth_getLogs", (Object) obj("{\"bogus\":1}"));
    logCount = LogFilter.MAX_LOGS + 1;
    try {
      assertThatThrownBy(() -> rpc.call("aeth_getLogs", (Object) obj("{}")))
          .hasMessageContaining("narrow the range");
    } finally {
      logCount = 2;
    }
  }

  @Test
  void estimateFeeOptionsAreChecked() {
    dev.aether.types.Tx tx = new dev.aether.types.RandomTypes(5).tx();
    String raw = Hex.encode(dev.aether.types.Tx.CODEC.encode(tx));
    invalid("aeth_estimateFee", raw, obj("{\"autoAccess\":\"yes\"}"));
    invalid("aeth_estimateFee", raw, obj("{\"other\":true}"));
    // The in-memory chain computes no access sets: a clear "unavailable", not a crash.
    assertThatThrownBy(() -> rpc.call("aeth_estimateFee", raw, obj("{\"autoAccess\":true}")))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class,
            r -> assertThat(r.code()).isEqualTo(RpcError.UNAVAILABLE));
    assertThat(rpc.call("aeth_estimateFee", raw, obj("{\"autoAccess\":false}")).has("access"))
        .isFalse();
  }

  @Test
  void everyRegisteredMethodIsDocumentedAndViceVersa() {
    Set<String> documented = new TreeSet<>();
    RpcServer.openRpcDocument()
        .path("methods")
        .forEach(m -> documented.add(m.path("name").asText()));
    Set<String> registered = new TreeSet<>(AethMethods.over(new Stub()).keySet());
    registered.add("rpc.discover");
    assertThat(documented).isEqualTo(registered);
    assertThat(registered)
        .contains("aeth_call", "aeth_getCode", "aeth_getStorageAt", "aeth_getLogs");
  }
}
