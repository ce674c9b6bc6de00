package dev.aether.indexer.api;

import static dev.aether.indexer.api.Queries.amount;
import static dev.aether.indexer.api.Queries.h256;
import static dev.aether.indexer.api.Queries.hex;
import static dev.aether.indexer.api.Queries.hexOrNull;
import static dev.aether.indexer.api.Queries.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the AMM and governance tables (docs/indexer.md): pools with their swaps and
 * liquidity changes, swaps by trader, proposals with their deposits, votes, treasury payments and
 * the node's tally. Answers are maps keyed by the GraphQL field names, as {@link Queries}.
 */
public final class ProgramQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STATUSES =
      Set.of(
          "submitted",
          "deposit",
          "voting",
          "passed",
          "rejected",
          "vetoed",
          "no_quorum",
          "expired",
          "failed");

  private final Queries q;

  public ProgramQueries(Queries q) {
    this.q = q;
  }

  // ---- AMM ----

  private static final String POOL_COLS =
      "asset_a, asset_b, lp_asset, fee_bps, complete, reserve_a, reserve_b, lp_supply,"
          + " created_height, created_tx, swap_count, updated_height";

  /** The pool of a pair, in either order; asset names ({@code AIC}) or 0x ids. */
  public Optional<Map<String, Object>> pool(String x, String y) {
    AssetId a = asset(x, "assetA");
    AssetId b = asset(y, "assetB");
    if (a.equals(b)) {
      throw new BadInput("a pool has two different assets");
    }
    AssetId lo = a.compareTo(b) < 0 ? a : b;
    AssetId hi = a.compareTo(b) < 0 ? b : a;
    return q.one(
        "SELECT " + POOL_COLS + " FROM pools WHERE asset_a = ? AND asset_b = ?",
        List.of(lo.id().toArray(), hi.id().toArray()),
        ProgramQueries::pool);
  }

  /** Pools by their canonical pair, {@code first} of them after the pair {@code after}. */
  public Map<String, Object> pools(int first, String after) {
    int n = page(first);
    List<Object> args = new ArrayList<>();
    String where = "";
    if (after != null) {
      String[] ab = after.split("\\.", -1);
      if (ab.length != 2) {
        throw new BadInput("bad cursor '" + after + "'");
      }
      where = " WHERE (asset_a, asset_b) > (?, ?)";
      args.add(h256(ab[0], "cursor"));
      args.add(h256(ab[1], "cursor"));
    }
    args.add(n + 1);
    List<Map<String, Object>> rows =
        q.list(
            "SELECT " + POOL_COLS + " FROM pools" + where + " ORDER BY asset_a, asset_b LIMIT ?",
            args,
            ProgramQueries::pool);
    return Queries.pageOf(rows, n, m -> m.get("assetAId") + "." + m.get("assetBId"));
  }

  private static Map<String, Object> pool(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    AssetId a = new AssetId(H256.of(r.getBytes(1)));
    AssetId b = new AssetId(H256.of(r.getBytes(2)));
    m.put("assetA", a.display());
    m.put("assetAId", hex(r.getBytes(1)));
    m.put("assetB", b.display());
    m.put("assetBId", hex(r.getBytes(2)));
    m.put("lpAsset", hex(r.getBytes(3)));
    int fee = r.getInt(4);
    m.put("feeBps", r.wasNull() ? null : fee);
    m.put("complete", r.getBoolean(5));
    m.put("reserveA", amount(r.getBigDecimal(6)));
    m.put("reserveB", amount(r.getBigDecimal(7)));
    m.put("lpSupply", amount(r.getBigDecimal(8)));
    m.put("createdHeight", r.getLong(9));
    m.put("createdTx", hexOrNull(r.getBytes(10)));
    m.put("swapCount", r.getLong(11));
    m.put("updatedHeight", r.getLong(12));
    return m;
  }

  /** The swaps through a pool (each hop through it), newest first. */
  public List<Map<String, Object>> poolSwaps(String assetAId, String assetBId, int first) {
    return q.list(
        "SELECT h.tx_hash, h.height, s.trader, h.asset_in, h.amount_in, h.amount_out, s.exact,"
            + " s.hops FROM amm_swap_hops h JOIN amm_swaps s USING (tx_hash, idx) WHERE"
            + " h.asset_a = ? AND h.asset_b = ? ORDER BY h.height DESC, h.tx_hash, h.idx LIMIT ?",
        List.of(h256(assetAId, "assetA"), h256(assetBId, "assetB"), page(first)),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("txHash", hex(r.getBytes(1)));
          m.put("height", r.getLong(2));
          m.put("trader", hex(r.getBytes(3)));
          byte[] in = r.getBytes(4);
          boolean inIsA = java.util.Arrays.equals(in, h256(assetAId, "assetA"));
          m.put("assetIn", new AssetId(H256.of(in)).display());
          m.put(
              "assetOut",
              new AssetId(H256.of(h256(inIsA ? assetBId : assetAId, "asset"))).display());
          m.put("amountIn", amount(r.getBigDecimal(5)));
          m.put("amountOut", amount(r.getBigDecimal(6)));
          m.put("exact", r.getString(7));
          m.put("hops", r.getInt(8));
          return m;
        });
  }

  /** Liquidity added to and removed from a pool, newest first. */
  public List<Map<String, Object>> poolLiquidity(String assetAId, String assetBId, int first) {
    return q.list(
        "SELECT tx_hash, height, provider, action, amount_a, amount_b, shares FROM amm_liquidity"
            + " WHERE asset_a = ? AND asset_b = ? ORDER BY height DESC, tx_hash, idx LIMIT ?",
        List.of(h256(assetAId, "assetA"), h256(assetBId, "assetB"), page(first)),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("txHash", hex(r.getBytes(1)));
          m.put("height", r.getLong(2));
          m.put("provider", hex(r.getBytes(3)));
          m.put("action", r.getString(4));
          m.put("amountA", amount(r.getBigDecimal(5)));
          m.put("amountB", amount(r.getBigDecimal(6)));
          m.put("shares", amount(r.getBigDecimal(7)));
          return m;
        });
  }

  /** Swaps, newest first, optionally of one trader; {@code after} is an endCursor. */
  public Map<String, Object> swaps(int first, String after, String trader) {
    int n = page(first);
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (trader != null) {
      where.add("trader = ?");
      args.add(h256(trader, "trader"));
    }
    if (after != null) {
      String[] c = after.split("\\.", -1);
      if (c.length != 3) {
        throw new BadInput("bad cursor '" + after + "'");
      }
      where.add("(height, tx_hash, idx) < (?, ?, ?)");
      args.add(number(c[0]));
      args.add(h256(c[1], "cursor"));
      args.add((int) number(c[2]));
    }
    args.add(n + 1);
    List<Map<String, Object>> rows =
        q.list(
            "SELECT tx_hash, idx, height, trader, exact, asset_in, asset_out, amount_in,"
                + " amount_out, hops FROM amm_swaps"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY height DESC, tx_hash DESC, idx DESC LIMIT ?",
            args,
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("txHash", hex(r.getBytes(1)));
              m.put("index", r.getInt(2));
              m.put("height", r.getLong(3));
              m.put("trader", hex(r.getBytes(4)));
              m.put("exact", r.getString(5));
              m.put("assetIn", new AssetId(H256.of(r.getBytes(6))).display());
              m.put("assetOut", new AssetId(H256.of(r.getBytes(7))).display());
              m.put("amountIn", amount(r.getBigDecimal(8)));
              m.put("amountOut", amount(r.getBigDecimal(9)));
              m.put("hops", r.getInt(10));
              return m;
            });
    return Queries.pageOf(
        rows, n, m -> m.get("height") + "." + m.get("txHash") + "." + m.get("index"));
  }

  // ---- governance ----

  /**
   * Proposal columns: the block data, then the node's view (status after tallies, tally, outcome,
   * periods) where one was read.
   */
  private static final String PROPOSAL_SQL =
      "SELECT p.id, p.tx_hash, p.height, p.proposer, p.kind, p.title, p.description,"
          + " p.changes::text, p.upgrade_version, p.upgrade_height, p.upgrade_release,"
          + " p.total_deposit, COALESCE(v.status, p.status), p.vote_count, v.outcome,"
          + " v.deposit_end_slot, v.voting_end_slot, v.tally_yes, v.tally_no, v.tally_abstain,"
          + " v.tally_veto, v.tally_bonded, v.updated_height, p.updated_height"
          + " FROM proposals p LEFT JOIN proposal_views v USING (id)";

  public Optional<Map<String, Object>> proposal(long id) {
    return q.one(PROPOSAL_SQL + " WHERE p.id = ?", List.of(id), ProgramQueries::proposal);
  }

  /** Proposals, newest first, optionally of one status or proposer; {@code after} an id. */
  public Map<String, Object> proposals(int first, Long after, String status, String proposer) {
    int n = page(first);
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (status != null) {
      if (!STATUSES.contains(status)) {
        throw new BadInput("unknown proposal status '" + status + "'");
      }
      where.add("COALESCE(v.status, p.status) = ?");
      args.add(status);
    }
    if (proposer != null) {
      where.add("p.proposer = ?");
      args.add(h256(proposer, "proposer"));
    }
    if (after != null) {
      where.add("p.id < ?");
      args.add(after);
    }
    args.add(n + 1);
    List<Map<String, Object>> rows =
        q.list(
            PROPOSAL_SQL
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY p.id DESC LIMIT ?",
            args,
            ProgramQueries::proposal);
    return Queries.pageOf(rows, n, m -> String.valueOf(m.get("id")));
  }

  private static Map<String, Object> proposal(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.getLong(1));
    m.put("txHash", hex(r.getBytes(2)));
    m.put("height", r.getLong(3));
    m.put("proposer", hex(r.getBytes(4)));
    m.put("kind", r.getString(5));
    m.put("title", r.getString(6));
    m.put("description", r.getString(7));
    List<Map<String, Object>> changes = new ArrayList<>();
    String json = r.getString(8);
    if (json != null) {
      try {
        for (JsonNode c : JSON.readTree(json)) {
          changes.add(Map.of("param", c.path("param").asText(), "value", c.path("value").asText()));
        }
      } catch (java.io.IOException e) {
        throw new SQLException("proposal changes are not JSON", e);
      }
    }
    m.put("changes", changes);
    int version = r.getInt(9);
    if (!r.wasNull()) {
      m.put(
          "upgrade",
          Map.of("version", version, "height", r.getLong(10), "release", r.getString(11)));
    } else {
      m.put("upgrade", null);
    }
    m.put("totalDeposit", amount(r.getBigDecimal(12)));
    m.put("status", r.getString(13));
    m.put("voteCount", r.getLong(14));
    m.put("outcome", r.getString(15));
    long depositEnd = r.getLong(16);
    m.put("depositEndSlot", r.wasNull() ? null : depositEnd);
    long votingEnd = r.getLong(17);
    m.put("votingEndSlot", r.wasNull() || votingEnd == 0 ? null : votingEnd);
    if (r.getBigDecimal(18) != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("yes", amount(r.getBigDecimal(18)));
      t.put("no", amount(r.getBigDecimal(19)));
      t.put("abstain", amount(r.getBigDecimal(20)));
      t.put("veto", amount(r.getBigDecimal(21)));
      t.put("bonded", amount(r.getBigDecimal(22)));
      t.put("updatedHeight", r.getLong(23));
      m.put("tally", t);
    } else {
      m.put("tally", null);
    }
    m.put("updatedHeight", r.getLong(24));
    return m;
  }

  public List<Map<String, Object>> deposits(long id) {
    return q.list(
        "SELECT tx_hash, height, depositor, amount FROM gov_deposits WHERE proposal_id = ?"
            + " ORDER BY height, tx_hash, idx",
        List.of(id),
        r ->
            Map.of(
                "txHash", hex(r.getBytes(1)),
                "height", r.getLong(2),
                "depositor", hex(r.getBytes(3)),
                "amount", amount(r.getBigDecimal(4))));
  }

  /** Votes as cast, newest first ({@code latest}: only each voter's last one). */
  public List<Map<String, Object>> votes(long id, int first, boolean latest) {
    String sql =
        latest
            ? "SELECT * FROM (SELECT DISTINCT ON (voter) tx_hash, height, voter, option, idx FROM"
                + " gov_votes WHERE proposal_id = ? ORDER BY voter, height DESC, idx DESC) x"
                + " ORDER BY height DESC, idx DESC LIMIT ?"
            : "SELECT tx_hash, height, voter, option, idx FROM gov_votes WHERE proposal_id = ?"
                + " ORDER BY height DESC, idx DESC LIMIT ?";
    return q.list(
        sql,
        List.of(id, page(first)),
        r ->
            Map.of(
                "txHash", hex(r.getBytes(1)),
                "height", r.getLong(2),
                "voter", hex(r.getBytes(3)),
                "option", r.getString(4)));
  }

  /** A treasury spend's payments, with the proposal's status (paid only if it passed). */
  public List<Map<String, Object>> payments(long id) {
    return q.list(
        "SELECT t.proposal_id, t.recipient, t.asset, t.amount, COALESCE(v.status, p.status)"
            + " FROM treasury_payments t JOIN proposals p ON p.id = t.proposal_id"
            + " LEFT JOIN proposal_views v ON v.id = t.proposal_id WHERE t.proposal_id = ?"
            + " ORDER BY t.idx",
        List.of(id),
        ProgramQueries::payment);
  }

  /** Treasury payments of passed proposals (the spends the treasury made), newest first. */
  public List<Map<String, Object>> treasurySpends(int first) {
    return q.list(
        "SELECT t.proposal_id, t.recipient, t.asset, t.amount, v.status FROM treasury_payments t"
            + " JOIN proposal_views v ON v.id = t.proposal_id WHERE v.status = 'passed'"
            + " ORDER BY t.proposal_id DESC, t.idx LIMIT ?",
        List.of(page(first)),
        ProgramQueries::payment);
  }

  private static Map<String, Object> payment(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("proposalId", r.getLong(1));
    m.put("to", hex(r.getBytes(2)));
    AssetId a = new AssetId(H256.of(r.getBytes(3)));
    m.put("asset", a.display());
    m.put("assetId", hex(r.getBytes(3)));
    m.put("amount", amount(r.getBigDecimal(4)));
    m.put("status", r.getString(5));
    return m;
  }

  // ---- helpers ----

  static AssetId asset(String s, String what) {
    if (s == null || s.isBlank() || s.length() > 66) {
      throw new BadInput(what + " must be an asset name or a 0x asset id");
    }
    try {
      return AssetId.parse(s.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInput(what + ": " + e.getMessage());
    }
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadInput("bad cursor '" + s + "'");
    }
  }
}
