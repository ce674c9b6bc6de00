package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AMM and governance methods: {@code aeth_getPool}, {@code aeth_getPools}, {@code
 * aeth_quoteSwap}, {@code aeth_getProposal}, {@code aeth_getProposals}, {@code aeth_getParams}.
 * Amounts are decimal strings (they are u128), prices and accumulators too.
 */
final class ProgramMethods {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Most proposals {@code aeth_getProposals} returns. */
  static final int MAX_PROPOSALS = 100;

  private final ChainBackend backend;

  private ProgramMethods(ChainBackend backend) {
    this.backend = backend;
  }

  static void register(Map<String, RpcMethod> methods, ChainBackend backend) {
    ProgramMethods m = new ProgramMethods(backend);
    methods.put("aeth_getPool", m::getPool);
    methods.put("aeth_getPools", m::getPools);
    methods.put("aeth_quoteSwap", m::quoteSwap);
    methods.put("aeth_getProposal", m::getProposal);
    methods.put("aeth_getProposals", m::getProposals);
    methods.put("aeth_getParams", m::getParams);
  }

  private JsonNode getPool(Params p) {
    Params.Args a = p.bind(2, "assetA", "assetB");
    AssetId x = ParamReaders.asset(a, 0);
    AssetId y = ParamReaders.asset(a, 1);
    if (x.equals(y)) {
      throw RpcException.invalidParams("a pool needs two different assets");
    }
    return backend.pool(x, y).<JsonNode>map(ProgramMethods::pool).orElse(F.nullNode());
  }

  private JsonNode getPools(Params p) {
    p.bind(0);
    ArrayNode out = F.arrayNode();
    backend.pools().forEach(x -> out.add(pool(x)));
    return out;
  }

  /** {@code [{"path": [...], "amountIn": "N"}]} or {@code {"path": [...], "amountOut": "N"}}. */
  private JsonNode quoteSwap(Params p) {
    Params.Args a = p.bind(1, "quote");
    JsonNode q = a.get(0);
    if (!q.isObject()) {
      throw RpcException.invalidParams("param 'quote': expected an object");
    }
    for (var it = q.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!List.of("path", "amountIn", "amountOut").contains(f)) {
        throw RpcException.invalidParams("param 'quote': unknown field '" + f + "'");
      }
    }
    JsonNode path = q.get("path");
    if (path == null || !path.isArray() || path.size() < 2 || path.size() > 4) {
      throw RpcException.invalidParams("param 'quote.path': expected 2 to 4 assets");
    }
    List<AssetId> assets = new ArrayList<>();
    for (JsonNode n : path) {
      if (!n.isTextual()) {
        throw RpcException.invalidParams("param 'quote.path': expected asset names or ids");
      }
      try {
        assets.add(AssetId.parse(n.textValue()));
      } catch (IllegalArgumentException e) {
        throw RpcException.invalidParams("param 'quote.path': " + e.getMessage());
      }
    }
    boolean in = q.has("amountIn");
    if (in == q.has("amountOut")) {
      throw RpcException.invalidParams("param 'quote': give exactly one of amountIn, amountOut");
    }
    JsonNode amt = q.get(in ? "amountIn" : "amountOut");
    Amount amount;
    try {
      if (!amt.isTextual()) {
        throw new IllegalArgumentException("expected a decimal string");
      }
      amount = Amount.parse(amt.textValue());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw RpcException.invalidParams(
          "param 'quote." + (in ? "amountIn" : "amountOut") + "': " + e.getMessage());
    }
    SwapQuote sq = backend.quoteSwap(assets, amount, in);
    ObjectNode out = F.objectNode();
    ArrayNode pa = out.putArray("path");
    sq.path().forEach(x -> pa.add(x.display()));
    ArrayNode am = out.putArray("amounts");
    sq.amounts().forEach(x -> am.add(x.toString()));
    ArrayNode fees = out.putArray("feesBps");
    sq.feesBps().forEach(fees::add);
    out.put("amountIn", sq.amounts().getFirst().toString());
    out.put("amountOut", sq.amounts().getLast().toString());
    return out;
  }

  private JsonNode getProposal(Params p) {
    Params.Args a = p.bind(1, "id");
    long id = id(a.get(0));
    return backend.proposal(id).<JsonNode>map(ProgramMethods::proposal).orElse(F.nullNode());
  }

  private JsonNode getProposals(Params p) {
    Params.Args a = p.bind(0, "max");
    int max = a.optional(0).map(n -> (int) Math.min(MAX_PROPOSALS, Math.max(1, id(n)))).orElse(20);
    ArrayNode out = F.arrayNode();
    backend.proposals(max).forEach(x -> out.add(proposal(x)));
    return out;
  }

  private JsonNode getParams(Params p) {
    p.bind(0);
    ParamsInfo i = backend.params();
    ObjectNode out = F.objectNode();
    out.put("height", i.height());
    out.put("protocolVersion", i.protocolVersion());
    out.set("upgrade", i.upgrade().<JsonNode>map(ProgramMethods::upgrade).orElse(F.nullNode()));
    ObjectNode ps = out.putObject("params");
    i.params().forEach(ps::put);
    out.put("treasury", i.treasury().toString());
    out.put("nextProposalId", i.nextProposalId());
    ArrayNode act = out.putArray("activeProposals");
    i.activeProposals().forEach(act::add);
    out.put("burnedDeposits", i.burnedDeposits().toString());
    return out;
  }

  private static long id(JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) {
      return n.longValue();
    }
    if (n.isTextual()) {
      try {
        String s = n.textValue();
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw RpcException.invalidParams("expected a non-negative integer, got " + n);
  }

  static ObjectNode pool(PoolInfo p) {
    ObjectNode o = F.objectNode();
    o.put("assetA", p.assetA().display());
    o.put("assetB", p.assetB().display());
    o.put("reserveA", p.reserveA().toString());
    o.put("reserveB", p.reserveB().toString());
    o.put("lpAsset", p.lpAsset().id().toHex());
    o.put("lpSupply", p.lpSupply().toString());
    o.put("feeBps", p.feeBps());
    o.put("cumulativePriceA", p.cumulativeA().toString());
    o.put("cumulativePriceB", p.cumulativeB().toString());
    o.put("lastSlot", p.lastSlot());
    return o;
  }

  static ObjectNode upgrade(ProposalInfo.Upgrade u) {
    ObjectNode o = F.objectNode();
    o.put("version", u.version());
    o.put("height", u.height());
    o.put("release", u.release());
    return o;
  }

  static ObjectNode proposal(ProposalInfo p) {
    ObjectNode o = F.objectNode();
    o.put("id", p.id());
    o.put("proposer", p.proposer().toString());
    o.put("title", p.title());
    o.put("description", p.description());
    o.put("kind", p.kind());
    if (!p.changes().isEmpty()) {
      ObjectNode c = o.putObject("changes");
      p.changes().forEach(c::put);
    }
    p.upgrade().ifPresent(u -> o.set("upgrade", upgrade(u)));
    if (!p.payments().isEmpty()) {
      ArrayNode pay = o.putArray("payments");
      for (ProposalInfo.Payment x : p.payments()) {
        ObjectNode e = pay.addObject();
        e.put("to", x.to().toString());
        e.put("asset", x.asset().display());
        e.put("amount", x.amount().toString());
      }
    }
    o.put("status", p.status());
    o.put("submitSlot", p.submitSlot());
    o.put("depositEndSlot", p.depositEndSlot());
    o.put("votingStartSlot", p.votingStartSlot());
    o.put("votingEndSlot", p.votingEndSlot());
    ObjectNode d = o.putObject("deposits");
    p.deposits().forEach((k, v) -> d.put(k.toString(), v.toString()));
    o.put("totalDeposit", p.totalDeposit().toString());
    ObjectNode t = o.putObject("tally");
    t.put("yes", p.tally().yes().toString());
    t.put("no", p.tally().no().toString());
    t.put("abstain", p.tally().abstain().toString());
    t.put("veto", p.tally().veto().toString());
    t.put("bonded", p.tally().bonded().toString());
    ObjectNode v = o.putObject("votes");
    p.votes().forEach(v::put);
    o.put("outcome", p.outcome());
    return o;
  }
}
