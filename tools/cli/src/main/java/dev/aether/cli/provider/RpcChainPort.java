package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ChainPort} over a node's JSON-RPC. */
final class RpcChainPort implements ChainPort, AutoCloseable {
  private final RpcClient rpc;
  private String chainId;

  RpcChainPort(URI endpoint) {
    this.rpc = new RpcClient(endpoint, Duration.ofSeconds(10));
  }

  @Override
  public String chainId() {
    if (chainId == null) {
      chainId = rpc.call("aeth_chainId").asText();
    }
    return chainId;
  }

  /** The id of the node's genesis block (block 0), {@code 0x} hex. */
  String genesisHash() {
    return rpc.call("aeth_getBlockByNumber", "0x0", false).path("hash").asText();
  }

  @Override
  public Head finalized() {
    JsonNode b = rpc.call("aeth_getBlockByNumber", "finalized", false);
    return new Head(quantity(b.path("height")), quantity(b.path("slot")));
  }

  @Override
  public List<ChainTx> txs(long height) {
    JsonNode b = rpc.call("aeth_getBlockByNumber", "0x" + Long.toHexString(height), true);
    List<ChainTx> out = new ArrayList<>();
    if (b == null || b.isNull()) {
      return out;
    }
    for (JsonNode t : b.path("transactions")) {
      List<Call> calls = new ArrayList<>();
      for (JsonNode c : t.path("calls")) {
        calls.add(
            new Call(
                H256.fromHex(c.path("program").asText()),
                c.path("method").asText(),
                Bytes.of(Hex.decode(c.path("args").asText()))));
      }
      out.add(
          new ChainTx(Address.fromHex(t.path("payer").asText()), quantity(t.path("nonce")), calls));
    }
    return out;
  }

  @Override
  public Optional<JsonNode> job(H256 id) {
    return present(rpc.call("aeth_getJob", id.toHex()));
  }

  @Override
  public JsonNode jobParams() {
    return rpc.call("aeth_getJobParams");
  }

  @Override
  public Optional<JsonNode> provider(Address a) {
    return present(rpc.call("aeth_getProvider", a.toString()));
  }

  @Override
  public long nonce(Address a) {
    return quantity(rpc.call("aeth_getAccount", a.toString()).path("nonce"));
  }

  @Override
  public H256 send(Tx tx) {
    return H256.fromHex(
        rpc.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText());
  }

  @Override
  public Optional<JsonNode> receipt(H256 tx) {
    return present(rpc.call("aeth_getTransactionReceipt", tx.toHex()));
  }

  @Override
  public void close() {
    rpc.close();
  }

  private static Optional<JsonNode> present(JsonNode n) {
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  static long quantity(JsonNode n) {
    String t = n.asText();
    return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : n.asLong();
  }
}
