package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.types.AssetId;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code aeth_*} methods over a {@link ChainBackend}. Each one binds and checks its params
 * first, so a malformed request never reaches the backend.
 */
final class AethMethods {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Most unspent outputs one {@code aeth_getUtxos} answer lists (and its default page). */
  static final int MAX_UTXOS_PAGE = 1_000;

  private final ChainBackend backend;

  private AethMethods(ChainBackend backend) {
    this.backend = backend;
  }

  /** Method name to handler, sorted so {@code rpc.discover} and logs list them stably. */
  static Map<String, RpcMethod> over(ChainBackend backend) {
    AethMethods m = new AethMethods(backend);
    Map<String, RpcMethod> methods = new TreeMap<>();
    methods.put("aeth_sendRawTransaction", m::sendRawTransaction);
    methods.put("aeth_getBlockByNumber", m::getBlockByNumber);
    methods.put("aeth_getTransactionReceipt", m::getTransactionReceipt);
    methods.put("aeth_getBlockReceipt", m::getBlockReceipt);
    methods.put("aeth_getStateRoot", m::getStateRoot);
    methods.put("aeth_getBalance", m::getBalance);
    methods.put("aeth_getUtxos", m::getUtxos);
    methods.put("aeth_getAccount", m::getAccount);
    methods.put("aeth_getValidators", m::getValidators);
    methods.put("aeth_getStake", m::getStake);
    methods.put("aeth_getJob", m::getJob);
    methods.put("aeth_getProvider", m::getProvider);
    methods.put("aeth_getProviders", m::getProviders);
    methods.put("aeth_getAicSupply", m::getAicSupply);
    methods.put("aeth_getJobParams", m::getJobParams);
    methods.put("aeth_chainId", m::chainId);
    methods.put("aeth_syncing", m::syncing);
    methods.put("aeth_feePrice", m::feePrice);
    methods.put("aeth_estimateFee", m::estimateFee);
    methods.put("aeth_getFinalityProof", m::getFinalityProof);
    ContractMethods.register(methods, backend);
    ProgramMethods.register(methods, backend);
    return methods;
  }

  private JsonNode sendRawTransaction(Params p) {
    Params.Args a = p.bind(1, "tx");
    byte[] raw = ParamReaders.hexData(a, 0, Tx.MAX_BYTES);
    return switch (backend.submitTransaction(raw)) {
      case SubmitResult.Accepted ok -> RpcJson.hex(ok.txId());
      case SubmitResult.Rejected no ->
          throw new RpcException(new RpcError.TxRejected(no.reason(), no.message(), no.retry()));
    };
  }

  private JsonNode getBlockByNumber(Params p) {
    Params.Args a = p.bind(1, "block", "fullTransactions");
    BlockTag tag = ParamReaders.blockTag(a, 0);
    boolean full = a.optional(1).isPresent() && ParamReaders.bool(a, 1);
    return backend.block(tag).<JsonNode>map(b -> RpcJson.block(b, full)).orElse(F.nullNode());
  }

  private JsonNode getTransactionReceipt(Params p) {
    Params.Args a = p.bind(1, "txHash");
    return backend
        .receipt(ParamReaders.hash(a, 0))
        .<JsonNode>map(RpcJson::receipt)
        .orElse(F.nullNode());
  }

  private JsonNode getBlockReceipt(Params p) {
    Params.Args a = p.bind(1, "block");
    BlockTag tag = ParamReaders.blockTag(a, 0);
    return backend
        .block(tag)
        .flatMap(b -> backend.blockReceipt(b.header().height()))
        .<JsonNode>map(RpcJson::blockReceipt)
        .orElse(F.nullNode());
  }

  private JsonNode getStateRoot(Params p) {
    Params.Args a = p.bind(0, "block");
    BlockTag tag = a.optional(0).isPresent() ? ParamReaders.blockTag(a, 0) : BlockTag.LATEST;
    return backend.stateRoot(tag).<JsonNode>map(RpcJson::hex).orElse(F.nullNode());
  }

  private JsonNode getBalance(Params p) {
    Params.Args a = p.bind(1, "address", "asset");
    var address = ParamReaders.address(a, 0);
    if (a.optional(1).isEmpty()) {
      return RpcJson.value(backend.balance(address));
    }
    AssetId asset = ParamReaders.asset(a, 1);
    Value all = backend.balance(address);
    // Present even when zero: the caller asked about this asset by name.
    ObjectNode o = F.objectNode();
    o.set(asset.display(), RpcJson.amount(all.get(asset)));
    return o;
  }

  private JsonNode getUtxos(Params p) {
    Params.Args a = p.bind(1, "address", "after", "limit");
    var address = ParamReaders.address(a, 0);
    Optional<UtxoRef> after =
        a.optional(1).isPresent() ? Optional.of(ParamReaders.utxoRef(a, 1)) : Optional.empty();
    int limit =
        a.optional(2).isPresent()
            ? (int) ParamReaders.count(a, 2, 1, MAX_UTXOS_PAGE)
            : MAX_UTXOS_PAGE;
    ArrayNode out = F.arrayNode();
    backend.utxos(address, after, limit).forEach(u -> out.add(RpcJson.utxo(u)));
    return out;
  }

  private JsonNode getAccount(Params p) {
    Params.Args a = p.bind(1, "address");
    return RpcJson.account(backend.account(ParamReaders.address(a, 0)));
  }

  private JsonNode getValidators(Params p) {
    p.bind(0);
    ArrayNode out = F.arrayNode();
    backend.validators().forEach(v -> out.add(RpcJson.validator(v)));
    return out;
  }

  private JsonNode getStake(Params p) {
    Params.Args a = p.bind(1, "address");
    return RpcJson.stake(backend.stake(ParamReaders.address(a, 0)));
  }

  private JsonNode getFinalityProof(Params p) {
    Params.Args a = p.bind(1, "block");
    long height =
        switch (ParamReaders.blockTag(a, 0)) {
          case BlockTag.Height h -> h.height();
          default ->
              throw new RpcException(
                  new RpcError.InvalidParams(
                      "block: give a height (finality is proven per height)"));
        };
    return backend.finalityProof(height).<JsonNode>map(RpcJson::finality).orElse(F.nullNode());
  }

  private JsonNode getJob(Params p) {
    Params.Args a = p.bind(1, "jobId");
    return backend.job(ParamReaders.hash(a, 0)).<JsonNode>map(RpcJson::job).orElse(F.nullNode());
  }

  private JsonNode getProvider(Params p) {
    Params.Args a = p.bind(1, "address");
    return backend
        .provider(ParamReaders.address(a, 0))
        .<JsonNode>map(RpcJson::provider)
        .orElse(F.nullNode());
  }

  private JsonNode getProviders(Params p) {
    p.bind(0);
    com.fasterxml.jackson.databind.node.ArrayNode out = F.arrayNode();
    for (ProviderInfo i : backend.providers()) {
      out.add(RpcJson.provider(i));
    }
    return out;
  }

  private JsonNode getAicSupply(Params p) {
    p.bind(0);
    return backend.aicSupply().<JsonNode>map(RpcJson::aicSupply).orElse(F.nullNode());
  }

  private JsonNode getJobParams(Params p) {
    p.bind(0);
    return backend.jobParams().<JsonNode>map(RpcJson::jobParams).orElse(F.nullNode());
  }

  private JsonNode chainId(Params p) {
    p.bind(0);
    return F.textNode(backend.chainId());
  }

  private JsonNode feePrice(Params p) {
    p.bind(0);
    FeePrice f = backend.feePrice();
    ObjectNode o = F.objectNode();
    o.set("height", RpcJson.u64(f.height()));
    o.put("a", Long.toString(f.a()));
    o.put("b", Long.toString(f.b()));
    o.put("c", Long.toString(f.c()));
    o.put("d", Long.toString(f.d()));
    ArrayNode hot = F.arrayNode();
    f.hotObjects().entrySet().stream()
        .sorted(
            java.util.Map.Entry.<dev.aether.types.H256, Long>comparingByValue()
                .reversed()
                .thenComparing(java.util.Map.Entry.comparingByKey()))
        .forEach(
            e -> {
              ObjectNode h = F.objectNode();
              h.set("key", RpcJson.hex(e.getKey()));
              h.put("multiplierPermille", e.getValue());
              hot.add(h);
            });
    o.set("hotObjects", hot);
    return o;
  }

  private JsonNode estimateFee(Params p) {
    Params.Args a = p.bind(1, "tx", "options");
    byte[] raw = ParamReaders.hexData(a, 0, Tx.MAX_BYTES);
    Tx tx;
    try {
      tx = Tx.CODEC.decode(raw);
    } catch (dev.aether.types.codec.CodecException e) {
      throw new RpcException(new RpcError.InvalidParams("tx: " + e.getMessage()));
    }
    if (autoAccess(a)) {
      AccessEstimate acc = backend.estimateWithAccess(tx);
      ObjectNode o = estimate(acc.estimate());
      ContractMethods.access(o, acc);
      return o;
    }
    return estimate(backend.estimateFee(tx));
  }

  /** {@code options.autoAccess}: compute the access sets by simulation (contract calls). */
  private static boolean autoAccess(Params.Args a) {
    if (a.optional(1).isEmpty()) {
      return false;
    }
    JsonNode o = a.get(1);
    if (!o.isObject()) {
      throw RpcException.invalidParams("param 'options': expected an object");
    }
    for (var it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("autoAccess")) {
        throw RpcException.invalidParams(
            "param 'options': unknown field '" + ParamReaders.abbreviate(k) + "'");
      }
    }
    JsonNode v = o.get("autoAccess");
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw RpcException.invalidParams("param 'options.autoAccess': expected true or false");
    }
    return v.booleanValue();
  }

  private static ObjectNode estimate(FeeEstimate e) {
    ObjectNode o = F.objectNode();
    o.set("fee", RpcJson.amount(e.fee()));
    o.set("steps", RpcJson.u64(e.steps()));
    o.set("memBytes", RpcJson.u64(e.memBytes()));
    o.put("multiplierPermille", e.multiplierPermille());
    o.put("status", e.succeeded() ? "success" : "failed");
    o.put("errorCode", e.errorCode());
    o.set("suggestedFeeCap", RpcJson.amount(e.suggestedFeeCap()));
    return o;
  }

  private JsonNode syncing(Params p) {
    p.bind(0);
    return RpcJson.syncing(backend.syncing());
  }
}
