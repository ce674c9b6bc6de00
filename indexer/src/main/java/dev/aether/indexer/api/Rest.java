package dev.aether.indexer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API: a few fixed GraphQL queries behind plain URLs, so both APIs answer from the same
 * code and agree by construction (docs/indexer.md lists the routes).
 */
final class Rest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String BLOCK_FIELDS =
      "height hash parentHash slot round proposer txRoot stateRoot receiptsRoot shredRoot qcRound"
          + " qcSigners timeoutRound txCount size fees headerRaw blockReceiptRaw";
  static final String BLOCK_EVENT_FIELDS =
      "height index emitter program topic data kind account asset assetId amount cause ref";
  static final String TX_FIELDS =
      "hash blockHeight blockHash index payer nonce kind feeCap validFrom validUntil size status"
          + " feePaid steps memBytes errorCode";
  static final String TX_FULL =
      TX_FIELDS
          + " raw receiptRaw calls { index program programName method args }"
          + " events { index emitter topic data } accounts { address role }";
  static final String PAGE = " pageInfo { hasNextPage endCursor }";

  private final GraphQlApi graphql;

  Rest(GraphQlApi graphql) {
    this.graphql = graphql;
  }

  /** A REST answer: an HTTP status and a JSON body. */
  record Answer(int status, byte[] body) {}

  Answer answer(String path, Map<String, String> q) {
    String[] p = path.substring(1).split("/", -1);
    Map<String, Object> vars = new HashMap<>();
    String query;
    switch (p[0]) {
      case "head" ->
          query =
              "{ head { height hash genesisHash finalizedHeight indexedTransactions tps slotMs } }";
      case "blocks" -> {
        if (p.length == 1) {
          vars.put("first", limit(q));
          vars.put("before", q.containsKey("before") ? parseLong(q.get("before"), "before") : null);
          query =
              "query($first:Int,$before:Long){ blocks(first:$first,before:$before) { items { "
                  + BLOCK_FIELDS
                  + " }"
                  + PAGE
                  + " } }";
        } else if (p.length == 2 && p[1].startsWith("0x")) {
          vars.put("hash", p[1]);
          query =
              "query($hash:String){ block(hash:$hash) { "
                  + BLOCK_FIELDS
                  + " transactions { "
                  + TX_FIELDS
                  + " } blockEvents { "
                  + BLOCK_EVENT_FIELDS
                  + " } } }";
        } else if (p.length == 2) {
          vars.put("height", parseLong(p[1], "height"));
          query =
              "query($height:Long){ block(height:$height) { "
                  + BLOCK_FIELDS
                  + " transactions { "
                  + TX_FIELDS
                  + " } blockEvents { "
                  + BLOCK_EVENT_FIELDS
                  + " } } }";
        } else {
          return notFound();
        }
      }
      case "txs" -> {
        if (p.length == 1) {
          vars.put("first", limit(q));
          for (String k : new String[] {"after", "account", "kind", "status"}) {
            vars.put(k, q.get(k));
          }
          vars.put("height", q.containsKey("height") ? parseLong(q.get("height"), "height") : null);
          query =
              "query($first:Int,$after:String,$account:String,$kind:String,$status:String,$height:Long){"
                  + " transactions(first:$first,after:$after,account:$account,kind:$kind,status:$status,height:$height)"
                  + " { items { "
                  + TX_FIELDS
                  + " }"
                  + PAGE
                  + " } }";
        } else if (p.length == 2) {
          vars.put("hash", p[1]);
          query = "query($hash:String!){ transaction(hash:$hash) { " + TX_FULL + " } }";
        } else {
          return notFound();
        }
      }
      case "accounts" -> {
        if (p.length != 2) {
          return notFound();
        }
        vars.put("address", p[1]);
        vars.put("first", limit(q));
        vars.put("after", q.get("after"));
        query =
            "query($address:String!,$first:Int,$after:String){ account(address:$address) { address"
                + " balances { asset assetId amount } txCount transactions(first:$first,after:$after)"
                + " { items { "
                + TX_FIELDS
                + " }"
                + PAGE
                + " } balanceChanges(first:$first)"
                + " { items { height txHash asset assetId delta cause }"
                + PAGE
                + " } blockEvents(first:$first) { items { "
                + BLOCK_EVENT_FIELDS
                + " }"
                + PAGE
                + " }"
                + " utxos { txHash index owner value { asset assetId amount } createdHeight }"
                + " stakingActions { txHash height method account validator amount } } }";
      }
      case "validators" ->
          query =
              "{ validators { address index name stake selfBond delegated"
                  + " commissionBps status missedRounds certifiedRounds jailedUntilEpoch blsKey updatedHeight } }";
      case "jobs" -> {
        if (p.length == 1) {
          vars.put("first", limit(q));
          vars.put("after", q.get("after"));
          vars.put("status", q.get("status"));
          vars.put("provider", q.get("provider"));
          query =
              "query($first:Int,$after:String,$status:String,$provider:String){"
                  + " jobs(first:$first,after:$after,status:$status,provider:$provider) { items { id status"
                  + " poster provider postedHeight updatedHeight vcrTx }"
                  + PAGE
                  + " } }";
        } else if (p.length == 2) {
          vars.put("id", p[1]);
          query =
              "query($id:String!){ job(id:$id) { id status poster provider postedHeight postedTx"
                  + " updatedHeight vcrTx events { event height txHash actor } vcrs { txHash height"
                  + " provider size kind inputHash modelHash codeHash outputHash seed traceSteps"
                  + " quoteBytes traceCommitment } disputes { txHash height challenger outcome } } }";
        } else {
          return notFound();
        }
      }
      case "pools" -> {
        if (p.length == 1) {
          vars.put("first", limit(q));
          vars.put("after", q.get("after"));
          query =
              "query($first:Int,$after:String){ pools(first:$first,after:$after) { items { "
                  + POOL_FIELDS
                  + " }"
                  + PAGE
                  + " } }";
        } else if (p.length == 3) {
          vars.put("a", p[1]);
          vars.put("b", p[2]);
          vars.put("first", limit(q));
          query =
              "query($a:String!,$b:String!,$first:Int){ pool(assetA:$a,assetB:$b) { "
                  + POOL_FIELDS
                  + " swaps(first:$first) { txHash height trader assetIn assetOut amountIn"
                  + " amountOut exact hops } liquidity(first:$first) { txHash height provider"
                  + " action amountA amountB shares } } }";
        } else {
          return notFound();
        }
      }
      case "swaps" -> {
        if (p.length != 1) {
          return notFound();
        }
        vars.put("first", limit(q));
        vars.put("after", q.get("after"));
        vars.put("trader", q.get("trader"));
        query =
            "query($first:Int,$after:String,$trader:String){"
                + " swaps(first:$first,after:$after,trader:$trader) { items { txHash index height"
                + " trader exact assetIn assetOut amountIn amountOut hops }"
                + PAGE
                + " } }";
      }
      case "proposals" -> {
        if (p.length == 1) {
          vars.put("first", limit(q));
          vars.put("after", q.get("after") == null ? null : parseLong(q.get("after"), "after"));
          vars.put("status", q.get("status"));
          vars.put("proposer", q.get("proposer"));
          query =
              "query($first:Int,$after:Long,$status:String,$proposer:String){"
                  + " proposals(first:$first,after:$after,status:$status,proposer:$proposer) {"
                  + " items { "
                  + PROPOSAL_FIELDS
                  + " }"
                  + PAGE
                  + " } }";
        } else if (p.length == 2) {
          vars.put("id", parseLong(p[1], "proposal id"));
          vars.put("first", limit(q));
          query =
              "query($id:Long!,$first:Int){ proposal(id:$id) { "
                  + PROPOSAL_FIELDS
                  + " deposits { txHash height depositor amount }"
                  + " votes(first:$first,latest:true) { txHash height voter option } } }";
        } else {
          return notFound();
        }
      }
      case "treasury" -> {
        if (p.length != 1) {
          return notFound();
        }
        vars.put("first", limit(q));
        query =
            "query($first:Int){ treasurySpends(first:$first) { proposalId to asset assetId amount"
                + " status } }";
      }
      case "search" -> {
        vars.put("q", Optional.ofNullable(q.get("q")).orElseThrow(() -> new BadInput("missing q")));
        query = "query($q:String!){ search(query:$q) { kind height hash address id } }";
      }
      default -> {
        return notFound();
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) graphql.data(query, vars).orElseThrow();
    Object value = data.values().iterator().next();
    if (value == null) {
      return notFound();
    }
    try {
      return new Answer(200, JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String POOL_FIELDS =
      "assetA assetAId assetB assetBId lpAsset feeBps complete reserveA reserveB lpSupply"
          + " createdHeight createdTx swapCount updatedHeight";

  private static final String PROPOSAL_FIELDS =
      "id txHash height proposer kind title description changes { param value } upgrade {"
          + " version height release } payments { to asset assetId amount status } status"
          + " totalDeposit voteCount tally { yes no abstain veto bonded updatedHeight } outcome"
          + " depositEndSlot votingEndSlot updatedHeight";

  private static int limit(Map<String, String> q) {
    String l = q.getOrDefault("limit", "20");
    try {
      return Integer.parseInt(l);
    } catch (NumberFormatException e) {
      throw new BadInput("limit must be a number");
    }
  }

  private static long parseLong(String s, String what) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadInput(what + " must be a number");
    }
  }

  private static Answer notFound() {
    return new Answer(
        404,
        "{\"error\":{\"message\":\"not found\"}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
