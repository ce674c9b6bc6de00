package dev.aether.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * JSON-RPC 2.0 semantics, without I/O: request bytes in, response bytes (or none) out. Follows the
 * specification's section 4-6: notifications get no response even on error; an id is echoed only
 * when it is a string, number or null; a batch answers each non-notification entry, an empty batch
 * is one Invalid Request, and a batch of only notifications has no response at all.
 */
final class JsonRpcDispatcher {
  private static final System.Logger LOG = System.getLogger(JsonRpcDispatcher.class.getName());
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_NESTING = 64;
  private static final int MAX_DETAIL = 200;

  private final ObjectMapper mapper;
  private final Map<String, RpcMethod> methods;
  private final int maxBatch;

  /**
   * A response body, if any, and how many calls the request held (what the rate limiter charges).
   */
  record Reply(Optional<byte[]> body, int calls) {}

  JsonRpcDispatcher(Map<String, RpcMethod> methods, int maxBatch) {
    this.methods = Map.copyOf(methods);
    this.maxBatch = maxBatch;
    this.mapper = newMapper();
  }

  /** The mapper every part of the server uses: strict JSON, nothing lenient enabled. */
  static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    return JsonMapper.builder(factory)
        // `{"a":1} junk` is not one JSON value: a parse error, not a silently truncated request.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // A request with two "id" or "method" members is ambiguous; refuse it.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        // Echo fractional ids exactly as sent.
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  Reply handle(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      return reply(errorResponse(new RpcError.ParseError(), F.nullNode(), detail(e)), 1);
    } catch (IOException e) {
      // Reading from a byte array cannot fail for I/O reasons; any IOException is a parse error.
      return reply(errorResponse(new RpcError.ParseError(), F.nullNode(), "unreadable body"), 1);
    }
    if (root == null || root.isMissingNode()) {
      return reply(errorResponse(new RpcError.ParseError(), F.nullNode(), "empty body"), 1);
    }
    if (!root.isArray()) {
      return reply(handleOne(root).orElse(null), 1);
    }
    if (root.isEmpty()) {
      RpcError e = new RpcError.InvalidRequest("empty batch");
      return reply(errorResponse(e, F.nullNode(), null), 1);
    }
    if (root.size() > maxBatch) {
      RpcError e = new RpcError.BatchTooLarge(maxBatch);
      return reply(
          errorResponse(e, F.nullNode(), "at most " + maxBatch + " requests per batch"), 1);
    }
    ArrayNode responses = F.arrayNode();
    for (JsonNode entry : root) {
      handleOne(entry).ifPresent(responses::add);
    }
    return reply(responses.isEmpty() ? null : responses, root.size());
  }

  /** Serializes an error response that is not tied to a request (HTTP-level refusals). */
  byte[] standaloneError(RpcError error, String detail) {
    return write(errorResponse(error, F.nullNode(), detail));
  }

  private Optional<JsonNode> handleOne(JsonNode req) {
    if (!req.isObject()) {
      return Optional.of(invalid(F.nullNode(), "request must be a JSON object"));
    }
    boolean notification = !req.has("id");
    JsonNode id = req.get("id");
    if (!notification && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return Optional.of(invalid(F.nullNode(), "id must be a string, number or null"));
    }
    JsonNode echoId = notification ? F.nullNode() : id;
    JsonNode version = req.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
      return Optional.of(invalid(echoId, "jsonrpc must be exactly \"2.0\""));
    }
    JsonNode method = req.get("method");
    if (method == null || !method.isTextual()) {
      return Optional.of(invalid(echoId, "method must be a string"));
    }
    JsonNode params = req.get("params");
    if (params != null && !params.isArray() && !params.isObject()) {
      return Optional.of(invalid(echoId, "params must be an array or an object"));
    }
    JsonNode response = call(method.textValue(), params, echoId);
    return notification ? Optional.empty() : Optional.of(response);
  }

  private JsonNode call(String name, JsonNode params, JsonNode id) {
    RpcMethod method = methods.get(name);
    if (method == null) {
      return errorResponse(
          new RpcError.MethodNotFound(name),
          id,
          "no method '" + ParamReaders.abbreviate(name) + "'");
    }
    try {
      JsonNode result = method.call(params == null ? Params.none() : Params.of(params));
      ObjectNode o = F.objectNode();
      o.put("jsonrpc", "2.0");
      o.set("result", result == null ? F.nullNode() : result);
      o.set("id", id);
      return o;
    } catch (RpcException e) {
      return errorResponse(e.error(), id, null);
    } catch (BackendUnavailableException e) {
      return errorResponse(new RpcError.Unavailable(e.getMessage()), id, null);
    } catch (RuntimeException e) {
      // A bug or a backend failure: the client learns only that it was internal.
      LOG.log(System.Logger.Level.WARNING, "method " + name + " failed", e);
      return errorResponse(new RpcError.InternalError(), id, null);
    }
  }

  private JsonNode invalid(JsonNode id, String detail) {
    return errorResponse(new RpcError.InvalidRequest(detail), id, null);
  }

  private static ObjectNode errorResponse(RpcError error, JsonNode id, String extraDetail) {
    ObjectNode err = F.objectNode();
    err.put("code", error.code());
    err.put("message", error.message());
    JsonNode data = data(error, extraDetail);
    if (data != null) {
      err.set("data", data);
    }
    ObjectNode o = F.objectNode();
    o.put("jsonrpc", "2.0");
    o.set("error", err);
    o.set("id", id);
    return o;
  }

  /** The error's {@code data} member: a sentence, or {reason, message} for a rejected tx. */
  private static JsonNode data(RpcError error, String extraDetail) {
    return switch (error) {
      case RpcError.TxRejected t -> {
        ObjectNode d = F.objectNode();
        d.put("reason", t.reason());
        d.put("message", t.detail());
        d.put("retry", t.retry());
        yield d;
      }
      case RpcError.InvalidRequest r -> F.textNode(r.detail());
      case RpcError.InvalidParams p -> F.textNode(p.detail());
      case RpcError.Unavailable u -> F.textNode(u.detail());
      case RpcError.ParseError p -> text(extraDetail);
      case RpcError.MethodNotFound m -> text(extraDetail);
      case RpcError.RequestTooLarge r -> text(extraDetail);
      case RpcError.BatchTooLarge b -> text(extraDetail);
      case RpcError.RateLimited r -> text(extraDetail);
      case RpcError.InternalError i -> null;
    };
  }

  private static JsonNode text(String s) {
    return s == null ? null : F.textNode(s);
  }

  /** Jackson's description of the syntax problem, without its source excerpt or location. */
  private static String detail(JacksonException e) {
    String m = e instanceof JsonProcessingException p ? p.getOriginalMessage() : "invalid JSON";
    if (m == null) {
      return "invalid JSON";
    }
    m = m.lines().findFirst().orElse("invalid JSON");
    return m.length() <= MAX_DETAIL ? m : m.substring(0, MAX_DETAIL) + "...";
  }

  private Reply reply(JsonNode response, int calls) {
    return new Reply(Optional.ofNullable(response).map(this::write), calls);
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // Trees built from JsonNodeFactory always serialize; reaching this is a Jackson bug.
      throw new UncheckedIOException(e);
    }
  }
}
