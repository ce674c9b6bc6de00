package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A request's {@code params}: absent, an array (by position) or an object (by name). {@link #bind}
 * resolves them against a method's declared parameter names, so every method accepts both forms
 * with the same checks.
 */
public final class Params {
  private final Optional<JsonNode> raw;

  private Params(Optional<JsonNode> raw) {
    this.raw = raw;
  }

  /** Params as received; {@code node} must be an array or object (the dispatcher checks). */
  static Params of(JsonNode node) {
    return new Params(Optional.of(node));
  }

  static Params none() {
    return new Params(Optional.empty());
  }

  /** The params member as sent, if any. */
  public Optional<JsonNode> raw() {
    return raw;
  }

  /**
   * Resolves the params against the method's parameter names; the first {@code required} must be
   * present. A JSON {@code null} counts as absent.
   *
   * @throws RpcException {@code -32602} when too many positional params are given, a named param is
   *     unknown, or a required one is missing
   */
  public Args bind(int required, String... names) {
    List<Optional<JsonNode>> values = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      values.add(Optional.empty());
    }
    if (raw.isPresent()) {
      JsonNode node = raw.get();
      if (node.isArray()) {
        if (node.size() > names.length) {
          throw RpcException.invalidParams(
              "expected at most " + names.length + " params, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
          values.set(i, present(node.get(i)));
        }
      } else {
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
          String key = keys.next();
          int i = List.of(names).indexOf(key);
          if (i < 0) {
            throw RpcException.invalidParams("unknown param '" + key + "'");
          }
          values.set(i, present(node.get(key)));
        }
      }
    }
    for (int i = 0; i < required; i++) {
      if (values.get(i).isEmpty()) {
        throw RpcException.invalidParams("missing param '" + names[i] + "'");
      }
    }
    return new Args(List.of(names), values);
  }

  private static Optional<JsonNode> present(JsonNode n) {
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  /** Params bound to names; position {@code i} is the i-th declared name. */
  public record Args(List<String> names, List<Optional<JsonNode>> values) {
    public Args {
      names = List.copyOf(names);
      values = List.copyOf(values);
    }

    /** A param that {@link Params#bind} already checked is present. */
    public JsonNode get(int i) {
      return values.get(i).orElseThrow();
    }

    public Optional<JsonNode> optional(int i) {
      return values.get(i);
    }

    public String name(int i) {
      return names.get(i);
    }
  }
}
