package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC method. It returns the {@code result} value, or throws {@link RpcException} with the
 * error to report; any other exception becomes {@code -32603 Internal error}.
 */
@FunctionalInterface
public interface RpcMethod {
  JsonNode call(Params params);
}
