package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The contract methods: {@code aeth_call} (read-only execution), {@code aeth_getCode}, {@code
 * aeth_getStorageAt} and {@code aeth_getLogs}, plus the JSON of {@code aeth_estimateFee}'s access
 * sets. Like {@link AethMethods}, each binds and checks its params before the backend sees them.
 */
final class ContractMethods {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ChainBackend backend;

  private ContractMethods(ChainBackend backend) {
    this.backend = backend;
  }

  static void register(Map<String, RpcMethod> methods, ChainBackend backend) {
    ContractMethods m = new ContractMethods(backend);
    methods.put("aeth_call", m::call);
    methods.put("aeth_getCode", m::getCode);
    methods.put("aeth_getStorageAt", m::getStorageAt);
    methods.put("aeth_getLogs", m::getLogs);
  }

  // ---- aeth_call ------------------------------------------------------------------------------

  private JsonNode call(Params p) {
    Params.Args a = p.bind(1, "call", "block");
    JsonNode c = a.get(0);
    if (!c.isObject()) {
      throw RpcException.invalidParams("param 'call': expected an object");
    }
    onlyFields(c, "call", Set.of("from", "contract", "method", "args"));
    Optional<Address> from = field(c, "from").map(n -> new Address(hash(n, "call.from")));
    H256 contract =
        hash(field(c, "contract").orElseThrow(() -> missing("call.contract")), "call.contract");
    JsonNode m = field(c, "method").orElseThrow(() -> missing("call.method"));
    if (!m.isTextual()) {
      throw RpcException.invalidParams("param 'call.method': expected a string");
    }
    String method = m.textValue();
    if (method.isEmpty() || method.getBytes(StandardCharsets.UTF_8).length > Call.MAX_METHOD) {
      throw RpcException.invalidParams(
          "param 'call.method': must be 1.." + Call.MAX_METHOD + " bytes");
    }
    Bytes args =
        field(c, "args")
            .map(n -> Bytes.of(data(n, "call.args", Call.MAX_ARGS)))
            .orElse(Bytes.EMPTY);
    BlockTag block = a.optional(1).isPresent() ? ParamReaders.blockTag(a, 1) : BlockTag.LATEST;
    return callResult(backend.call(new ContractCallRequest(from, contract, method, args, block)));
  }

  static ObjectNode callResult(ContractCallResult r) {
    ObjectNode o = F.objectNode();
    o.set("height", RpcJson.u64(r.height()));
    o.put("status", r.succeeded() ? "success" : "failed");
    o.put("errorCode", r.errorCode());
    o.put("error", r.error());
    o.put("message", r.message());
    o.set("returnData", RpcJson.hex(r.returnData()));
    o.set("steps", RpcJson.u64(r.steps()));
    o.set("memBytes", RpcJson.u64(r.memBytes()));
    o.set("fee", RpcJson.amount(r.fee()));
    ArrayNode ev = o.putArray("events");
    r.events().forEach(e -> ev.add(event(e)));
    o.set("reads", keys(r.reads()));
    o.set("writes", keys(r.writes()));
    return o;
  }

  /** Access sets and whether they are complete, merged into an estimate's JSON. */
  static void access(ObjectNode o, AccessEstimate a) {
    ObjectNode acc = o.putObject("access");
    acc.set("reads", keys(a.reads()));
    acc.set("writes", keys(a.writes()));
    acc.put("complete", a.complete());
    acc.put("note", a.note());
  }

  private static ArrayNode keys(SortedSet<H256> ks) {
    ArrayNode out = F.arrayNode();
    ks.forEach(k -> out.add(RpcJson.hex(k)));
    return out;
  }

  /** An event with its topic also as text when it is UTF-8 (topics are usually names). */
  static ObjectNode event(Event e) {
    ObjectNode o = RpcJson.event(e);
    text(e.topic()).ifPresent(t -> o.put("topicText", t));
    return o;
  }

  private static Optional<String> text(Bytes b) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(b.toArray()))
              .toString();
      return s.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f) ? Optional.of(s) : Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  // ---- code and storage -----------------------------------------------------------------------

  private JsonNode getCode(Params p) {
    Params.Args a = p.bind(1, "contract");
    return backend.code(ParamReaders.hash(a, 0)).<JsonNode>map(RpcJson::hex).orElse(F.nullNode());
  }

  private JsonNode getStorageAt(Params p) {
    Params.Args a = p.bind(2, "contract", "slot");
    StorageEntry s = backend.storageAt(ParamReaders.hash(a, 0), ParamReaders.hash(a, 1));
    ObjectNode o = F.objectNode();
    o.set("contract", RpcJson.hex(s.contract()));
    o.set("slot", RpcJson.hex(s.slot()));
    o.set("key", RpcJson.hex(s.key()));
    o.set("value", s.value().<JsonNode>map(RpcJson::hex).orElse(F.nullNode()));
    o.set("paidThroughEpoch", RpcJson.u64(s.paidThroughEpoch()));
    o.set("height", RpcJson.u64(s.height()));
    o.set("stateRoot", RpcJson.hex(s.stateRoot()));
    ArrayNode proof = o.putArray("proof");
    s.proof().forEach(n -> proof.add(RpcJson.hex(n)));
    return o;
  }

  // ---- logs -------------------------------------------------------------------------------

  private JsonNode getLogs(Params p) {
    Params.Args a = p.bind(1, "filter");
    JsonNode f = a.get(0);
    if (!f.isObject()) {
      throw RpcException.invalidParams("param 'filter': expected an object");
    }
    onlyFields(f, "filter", Set.of("contract", "topic", "topicHex", "fromBlock", "toBlock"));
    Optional<H256> contract = field(f, "contract").map(n -> hash(n, "filter.contract"));
    Optional<Bytes> topic = Optional.empty();
    if (field(f, "topic").isPresent() && field(f, "topicHex").isPresent()) {
      throw RpcException.invalidParams("param 'filter': give topic or topicHex, not both");
    }
    if (field(f, "topic").isPresent()) {
      JsonNode t = field(f, "topic").get();
      if (!t.isTextual()) {
        throw RpcException.invalidParams("param 'filter.topic': expected a string");
      }
      topic = Optional.of(Bytes.of(t.textValue().getBytes(StandardCharsets.UTF_8)));
    } else if (field(f, "topicHex").isPresent()) {
      topic =
          Optional.of(
              Bytes.of(data(field(f, "topicHex").get(), "filter.topicHex", Event.MAX_TOPIC)));
    }
    if (topic.isPresent() && topic.get().length() > Event.MAX_TOPIC) {
      throw RpcException.invalidParams(
          "param 'filter.topic': longer than " + Event.MAX_TOPIC + " bytes");
    }
    Optional<BlockTag> from = field(f, "fromBlock").map(n -> tag(n, "filter.fromBlock"));
    Optional<BlockTag> to = field(f, "toBlock").map(n -> tag(n, "filter.toBlock"));
    long latest =
        backend
            .block(BlockTag.LATEST)
            .map(b -> b.header().height())
            .orElseThrow(() -> new BackendUnavailableException("no block yet"));
    long hi = to.map(t -> height(t, latest)).orElse(latest);
    long lo = from.map(t -> height(t, latest)).orElse(Math.max(0, hi - LogFilter.MAX_BLOCKS + 1));
    if (lo > hi) {
      throw RpcException.invalidParams("param 'filter': fromBlock is after toBlock");
    }
    if (hi - lo + 1 > LogFilter.MAX_BLOCKS) {
      throw RpcException.invalidParams(
          "param 'filter': spans "
              + (hi - lo + 1)
              + " blocks, at most "
              + LogFilter.MAX_BLOCKS
              + " per query");
    }
    java.util.List<LogEntry> found =
        backend.logs(new LogFilter(contract, topic, lo, Math.min(hi, latest)));
    if (found.size() > LogFilter.MAX_LOGS) {
      throw RpcException.invalidParams(
          "param 'filter': more than "
              + LogFilter.MAX_LOGS
              + " events in blocks "
              + lo
              + ".."
              + hi
              + ": narrow the range");
    }
    ArrayNode out = F.arrayNode();
    for (LogEntry e : found) {
      ObjectNode o = event(e.event());
      o.set("blockHeight", RpcJson.u64(e.blockHeight()));
      o.set("blockHash", RpcJson.hex(e.blockHash()));
      o.set("txHash", RpcJson.hex(e.txHash()));
      o.put("txIndex", e.txIndex());
      o.put("logIndex", e.logIndex());
      out.add(o);
    }
    return out;
  }

  private static long height(BlockTag t, long latest) {
    return switch (t) {
      case BlockTag.Latest l -> latest;
      case BlockTag.Finalized f -> latest;
      case BlockTag.Height h -> h.height();
    };
  }

  // ---- field readers ------------------------------------------------------------------------

  private static void onlyFields(JsonNode o, String name, Set<String> allowed) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw RpcException.invalidParams(
            "param '" + name + "': unknown field '" + ParamReaders.abbreviate(k) + "'");
      }
    }
  }

  private static Optional<JsonNode> field(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static RpcException missing(String name) {
    return RpcException.invalidParams("param '" + name + "': missing");
  }

  private static byte[] data(JsonNode n, String name, int maxBytes) {
    return ParamReaders.hexData(one(n, name), 0, maxBytes);
  }

  private static H256 hash(JsonNode n, String name) {
    return ParamReaders.hash(one(n, name), 0);
  }

  private static BlockTag tag(JsonNode n, String name) {
    return ParamReaders.blockTag(one(n, name), 0);
  }

  /** A nested field as a one-param binding, so the shared readers name it in their errors. */
  private static Params.Args one(JsonNode n, String name) {
    return new Params.Args(java.util.List.of(name), java.util.List.of(Optional.of(n)));
  }
}
