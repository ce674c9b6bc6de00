package dev.aether.indexer.api;

import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The read side: every SQL query the APIs run, each answering maps keyed by the GraphQL field names
 * (so graphql-java's default fetchers read them). Inputs are validated here ({@link BadInput});
 * page sizes are capped at {@link #MAX_PAGE}.
 */
public final class Queries {
  public static final int MAX_PAGE = 100;

  private final DataSource db;
  private final long slotMs;

  public Queries(DataSource db, long slotMs) {
    this.db = db;
    this.slotMs = slotMs;
  }

  public long slotMs() {
    return slotMs;
  }

  // ---- head, blocks ----

  public Optional<Map<String, Object>> head() {
    Optional<Map<String, Object>> cur =
        one(
            // One statement, so one snapshot: the count is of exactly the blocks up to the cursor
            // (the writer moves both in one database transaction).
            "SELECT height, block_hash, genesis_hash, (SELECT count(*) FROM transactions)"
                + " FROM cursor WHERE id = 1",
            List.of(),
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("height", r.getLong(1));
              m.put("hash", hex(r.getBytes(2)));
              m.put("genesisHash", hex(r.getBytes(3)));
              m.put("indexedTransactions", r.getLong(4));
              return m;
            });
    cur.ifPresent(
        m -> {
          m.put("slotMs", (int) slotMs);
          m.put("tps", tps());
        });
    return cur;
  }

  private double tps() {
    return one(
            "SELECT coalesce(sum(tx_count), 0), min(slot), max(slot) FROM (SELECT tx_count, slot"
                + " FROM blocks WHERE height > 0 ORDER BY height DESC LIMIT 120) b",
            List.of(),
            r -> {
              long txs = r.getLong(1);
              long lo = r.getLong(2);
              long hi = r.getLong(3);
              if (r.wasNull() || hi <= lo) {
                return 0.0;
              }
              return txs * 1000.0 / ((hi - lo + 1) * slotMs);
            })
        .orElse(0.0);
  }

  private static final String BLOCK_COLS =
      "height, hash, parent_hash, slot, round, proposer, tx_root, state_root, receipts_root,"
          + " shred_root, qc_round, qc_signers, timeout_round, tx_count, size_bytes, fees,"
          + " header_raw, block_receipt_raw";

  public Optional<Map<String, Object>> block(Long height, String hash) {
    if ((height == null) == (hash == null)) {
      throw new BadInput("give exactly one of height and hash");
    }
    if (height != null) {
      return one(
          "SELECT " + BLOCK_COLS + " FROM blocks WHERE height = ?",
          List.of(height),
          Queries::block);
    }
    return one(
        "SELECT " + BLOCK_COLS + " FROM blocks WHERE hash = ?",
        List.of(h256(hash, "hash")),
        Queries::block);
  }

  public Map<String, Object> blocks(int first, Long before) {
    int n = page(first);
    List<Map<String, Object>> items =
        list(
            "SELECT " + BLOCK_COLS + " FROM blocks WHERE height < ? ORDER BY height DESC LIMIT ?",
            List.of(before == null ? Long.MAX_VALUE : before, n + 1),
            Queries::block);
    return pageOf(items, n, m -> String.valueOf(m.get("height")));
  }

  private static Map<String, Object> block(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", r.getLong("height"));
    m.put("hash", hex(r.getBytes("hash")));
    m.put("parentHash", hex(r.getBytes("parent_hash")));
    m.put("slot", r.getLong("slot"));
    m.put("round", r.getLong("round"));
    m.put("proposer", r.getInt("proposer"));
    m.put("txRoot", hex(r.getBytes("tx_root")));
    m.put("stateRoot", hex(r.getBytes("state_root")));
    m.put("receiptsRoot", hex(r.getBytes("receipts_root")));
    m.put("shredRoot", hex(r.getBytes("shred_root")));
    m.put("qcRound", r.getLong("qc_round"));
    m.put("qcSigners", r.getInt("qc_signers"));
    long t = r.getLong("timeout_round");
    m.put("timeoutRound", r.wasNull() ? null : t);
    m.put("txCount", r.getInt("tx_count"));
    m.put("size", r.getInt("size_bytes"));
    m.put("fees", amount(r.getBigDecimal("fees")));
    m.put("headerRaw", hex(r.getBytes("header_raw")));
    byte[] own = r.getBytes("block_receipt_raw");
    m.put("blockReceiptRaw", own == null ? null : hex(own));
    return m;
  }

  // ---- the blocks' own receipts (docs/adr/0053) ----

  private static final String BLOCK_EVENT_COLS =
      "height, idx, emitter, program_name, topic, data, kind, account, asset, amount, cause, ref";

  /** The events of block {@code height}'s own receipt from index {@code after + 1}, in order. */
  public List<Map<String, Object>> blockEvents(long height, int first, Integer after) {
    return list(
        "SELECT "
            + BLOCK_EVENT_COLS
            + " FROM block_events WHERE height = ? AND idx > ? ORDER BY idx LIMIT ?",
        List.of(height, after == null ? -1 : after, page(first)),
        Queries::blockEvent);
  }

  /**
   * The value events of blocks' own receipts that name {@code address} (credited, debited or, for a
   * validator, slashed), newest first.
   */
  public Map<String, Object> accountBlockEvents(String address, int first, String after) {
    int n = page(first);
    List<Object> args = new ArrayList<>(List.of(h256(address, "address")));
    String cond = "";
    if (after != null) {
      long[] c = cursor(after);
      cond = " AND (height, idx) < (?, ?)";
      args.add(c[0]);
      args.add((int) c[1]);
    }
    args.add(n + 1);
    List<Map<String, Object>> items =
        list(
            "SELECT "
                + BLOCK_EVENT_COLS
                + " FROM block_events WHERE account = ?"
                + cond
                + " ORDER BY height DESC, idx DESC LIMIT ?",
            args,
            Queries::blockEvent);
    return pageOf(items, n, m -> m.get("height") + "." + m.get("index"));
  }

  private static Map<String, Object> blockEvent(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", r.getLong("height"));
    m.put("index", r.getInt("idx"));
    m.put("emitter", hex(r.getBytes("emitter")));
    m.put("program", r.getString("program_name"));
    m.put("topic", topic(r.getBytes("topic")));
    m.put("data", hex(r.getBytes("data")));
    m.put("kind", r.getString("kind"));
    byte[] account = r.getBytes("account");
    m.put("account", account == null ? null : hex(account));
    byte[] asset = r.getBytes("asset");
    if (asset != null) {
      m.putAll(balance(asset, r.getBigDecimal("amount")));
    } else {
      m.put("asset", null);
      m.put("assetId", null);
      m.put("amount", null);
    }
    m.put("cause", r.getString("cause"));
    byte[] ref = r.getBytes("ref");
    m.put("ref", ref == null ? null : hex(ref));
    return m;
  }

  // ---- transactions ----

  private static final String TX_COLS =
      "t.hash, t.height, b.hash AS block_hash, t.idx, t.payer, t.nonce, t.kind, t.fee_cap,"
          + " t.valid_from, t.valid_until, t.size_bytes, t.status, t.fee_paid, t.steps,"
          + " t.mem_bytes, t.error_code, t.raw, t.receipt_raw";

  public Optional<Map<String, Object>> transaction(String hash) {
    return one(
        "SELECT "
            + TX_COLS
            + " FROM transactions t JOIN blocks b ON b.height = t.height WHERE t.hash = ?",
        List.of(h256(hash, "hash")),
        Queries::tx);
  }

  /** Transactions newest first; the cursor is {@code height.index} of the last one returned. */
  public Map<String, Object> transactions(
      int first, String after, String account, String kind, String status, Long height) {
    int n = page(first);
    StringBuilder sql = new StringBuilder("SELECT " + TX_COLS + " FROM transactions t");
    List<Object> args = new ArrayList<>();
    sql.append(" JOIN blocks b ON b.height = t.height");
    List<String> where = new ArrayList<>();
    if (account != null) {
      // Every transaction naming the account, once (it may name it in several roles).
      where.add("t.hash IN (SELECT tx_hash FROM account_txs WHERE address = ?)");
      args.add(h256(account, "account"));
    }
    if (kind != null) {
      where.add("t.kind = ?");
      args.add(kind);
    }
    if (status != null) {
      if (!status.equals("success") && !status.equals("failed")) {
        throw new BadInput("status must be success or failed");
      }
      where.add("t.status = ?");
      args.add(status);
    }
    if (height != null) {
      where.add("t.height = ?");
      args.add(height);
    }
    if (after != null) {
      long[] c = cursor(after);
      where.add("(t.height, t.idx) < (?, ?)");
      args.add(c[0]);
      args.add((int) c[1]);
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY t.height DESC, t.idx DESC LIMIT ?");
    args.add(n + 1);
    List<Map<String, Object>> items = list(sql.toString(), args, Queries::tx);
    return pageOf(items, n, m -> m.get("blockHeight") + "." + m.get("index"));
  }

  public List<Map<String, Object>> blockTransactions(long height, int first) {
    return list(
        "SELECT "
            + TX_COLS
            + " FROM transactions t JOIN blocks b ON b.height = t.height"
            + " WHERE t.height = ? ORDER BY t.idx LIMIT ?",
        List.of(height, page(first)),
        Queries::tx);
  }

  private static Map<String, Object> tx(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", hex(r.getBytes("hash")));
    m.put("blockHeight", r.getLong("height"));
    m.put("blockHash", hex(r.getBytes("block_hash")));
    m.put("index", r.getInt("idx"));
    m.put("payer", hex(r.getBytes("payer")));
    m.put("nonce", r.getLong("nonce"));
    m.put("kind", r.getString("kind"));
    m.put("feeCap", amount(r.getBigDecimal("fee_cap")));
    m.put("validFrom", r.getLong("valid_from"));
    m.put("validUntil", r.getLong("valid_until"));
    m.put("size", r.getInt("size_bytes"));
    m.put("status", r.getString("status"));
    m.put("feePaid", amount(r.getBigDecimal("fee_paid")));
    m.put("steps", r.getLong("steps"));
    m.put("memBytes", r.getLong("mem_bytes"));
    m.put("errorCode", r.getInt("error_code"));
    m.put("raw", hex(r.getBytes("raw")));
    m.put("receiptRaw", hex(r.getBytes("receipt_raw")));
    return m;
  }

  public List<Map<String, Object>> calls(String txHash) {
    return list(
        "SELECT idx, program, program_name, method, args FROM calls WHERE tx_hash = ? ORDER BY idx",
        List.of(h256(txHash, "hash")),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("index", r.getInt(1));
          m.put("program", hex(r.getBytes(2)));
          m.put("programName", r.getString(3));
          m.put("method", r.getString(4));
          m.put("args", hex(r.getBytes(5)));
          return m;
        });
  }

  public List<Map<String, Object>> events(String txHash) {
    return list(
        "SELECT idx, emitter, topic, data FROM events WHERE tx_hash = ? ORDER BY idx",
        List.of(h256(txHash, "hash")),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("index", r.getInt(1));
          m.put("emitter", hex(r.getBytes(2)));
          m.put("topic", topic(r.getBytes(3)));
          m.put("data", hex(r.getBytes(4)));
          return m;
        });
  }

  public List<Map<String, Object>> txAccounts(String txHash) {
    return list(
        "SELECT address, role FROM account_txs WHERE tx_hash = ? ORDER BY role, address",
        List.of(h256(txHash, "hash")),
        r -> Map.of("address", hex(r.getBytes(1)), "role", r.getString(2)));
  }

  // ---- accounts ----

  public List<Map<String, Object>> balances(String address) {
    return list(
        "SELECT asset, amount FROM balances WHERE address = ? AND amount <> 0 ORDER BY asset",
        List.of(h256(address, "address")),
        r -> balance(r.getBytes(1), r.getBigDecimal(2)));
  }

  public long txCount(String address) {
    return one(
            "SELECT count(DISTINCT tx_hash) FROM account_txs WHERE address = ?",
            List.of(h256(address, "address")),
            r -> r.getLong(1))
        .orElse(0L);
  }

  public Map<String, Object> balanceChanges(String address, int first, String after) {
    int n = page(first);
    List<Object> args = new ArrayList<>(List.of(h256(address, "address")));
    String cond = "";
    if (after != null) {
      long[] c = cursor(after);
      cond = " AND (height, seq) < (?, ?)";
      args.add(c[0]);
      args.add((int) c[1]);
    }
    args.add(n + 1);
    List<Map<String, Object>> items =
        list(
            "SELECT height, seq, tx_hash, asset, delta, cause FROM balance_changes WHERE address = ?"
                + cond
                + " ORDER BY height DESC, seq DESC LIMIT ?",
            args,
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("height", r.getLong(1));
              m.put("seq", r.getInt(2));
              byte[] tx = r.getBytes(3);
              m.put("txHash", tx == null ? null : hex(tx));
              m.putAll(balance(r.getBytes(4), r.getBigDecimal(5)));
              m.put("delta", r.getBigDecimal(5).toPlainString());
              m.remove("amount");
              m.put("cause", r.getString(6));
              return m;
            });
    return pageOf(items, n, m -> m.get("height") + "." + m.get("seq"));
  }

  public List<Map<String, Object>> utxos(String address) {
    return list(
        "SELECT tx_hash, idx, owner, value, created_height, spent_height FROM utxos WHERE owner = ?"
            + " AND spent_height IS NULL ORDER BY tx_hash, idx LIMIT "
            + MAX_PAGE,
        List.of(h256(address, "address")),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("txHash", hex(r.getBytes(1)));
          m.put("index", r.getInt(2));
          m.put("owner", hex(r.getBytes(3)));
          List<Map<String, Object>> v = new ArrayList<>();
          Value.CODEC
              .decode(r.getBytes(4))
              .amounts()
              .forEach((a, x) -> v.add(balance(a.id().toArray(), new BigDecimal(x.value()))));
          m.put("value", v);
          m.put("createdHeight", r.getLong(5));
          long s = r.getLong(6);
          m.put("spentHeight", r.wasNull() ? null : s);
          return m;
        });
  }

  public List<Map<String, Object>> stakingActions(String column, String address, int first) {
    return list(
        "SELECT tx_hash, height, method, account, validator, amount FROM staking_actions WHERE "
            + column
            + " = ? ORDER BY height DESC, idx DESC LIMIT ?",
        List.of(h256(address, "address"), page(first)),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("txHash", hex(r.getBytes(1)));
          m.put("height", r.getLong(2));
          m.put("method", r.getString(3));
          m.put("account", hex(r.getBytes(4)));
          m.put("validator", hex(r.getBytes(5)));
          m.put("amount", r.getBigDecimal(6).toPlainString());
          return m;
        });
  }

  // ---- validators, jobs ----

  public List<Map<String, Object>> validators() {
    return list(
        "SELECT address, idx, name, stake, self_bond, delegated, commission_bps, status,"
            + " missed_rounds, certified_rounds, jailed_until_epoch, bls_key, updated_height"
            + " FROM validators ORDER BY stake DESC, idx NULLS LAST, address",
        List.of(),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("address", hex(r.getBytes(1)));
          int idx = r.getInt(2);
          m.put("index", r.wasNull() ? null : idx);
          m.put("name", r.getString(3));
          m.put("stake", amount(r.getBigDecimal(4)));
          m.put("selfBond", amount(r.getBigDecimal(5)));
          m.put("delegated", amount(r.getBigDecimal(6)));
          m.put("commissionBps", r.getInt(7));
          m.put("status", r.getString(8));
          m.put("missedRounds", r.getLong(9));
          m.put("certifiedRounds", r.getLong(10));
          long j = r.getLong(11);
          m.put("jailedUntilEpoch", r.wasNull() ? null : j);
          byte[] bls = r.getBytes(12);
          m.put("blsKey", bls == null ? null : hex(bls));
          m.put("updatedHeight", r.getLong(13));
          return m;
        });
  }

  private static final String JOB_COLS =
      "job_id, status, poster, provider, posted_height, posted_tx, updated_height, vcr_tx";

  public Optional<Map<String, Object>> job(String id) {
    return one(
        "SELECT " + JOB_COLS + " FROM jobs WHERE job_id = ?",
        List.of(h256(id, "id")),
        Queries::job);
  }

  public Map<String, Object> jobs(int first, String after, String status, String provider) {
    int n = page(first);
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (status != null) {
      where.add("status = ?");
      args.add(status);
    }
    if (provider != null) {
      where.add("provider = ?");
      args.add(h256(provider, "provider"));
    }
    if (after != null) {
      int dot = after.indexOf('.');
      if (dot < 0) {
        throw new BadInput("bad cursor");
      }
      long[] c = {parseLong(after.substring(0, dot)), 0};
      where.add("(updated_height, job_id) < (?, ?)");
      args.add(c[0]);
      args.add(h256(after.substring(dot + 1), "cursor"));
    }
    args.add(n + 1);
    List<Map<String, Object>> items =
        list(
            "SELECT "
                + JOB_COLS
                + " FROM jobs"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY updated_height DESC, job_id DESC LIMIT ?",
            args,
            Queries::job);
    return pageOf(items, n, m -> m.get("updatedHeight") + "." + m.get("id"));
  }

  private static Map<String, Object> job(ResultSet r) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", hex(r.getBytes(1)));
    m.put("status", r.getString(2));
    m.put("poster", hexOrNull(r.getBytes(3)));
    m.put("provider", hexOrNull(r.getBytes(4)));
    long p = r.getLong(5);
    m.put("postedHeight", r.wasNull() ? null : p);
    m.put("postedTx", hexOrNull(r.getBytes(6)));
    m.put("updatedHeight", r.getLong(7));
    m.put("vcrTx", hexOrNull(r.getBytes(8)));
    return m;
  }

  public List<Map<String, Object>> jobEvents(String id) {
    return list(
        "SELECT event, height, tx_hash, actor FROM job_events WHERE job_id = ? ORDER BY height, idx",
        List.of(h256(id, "id")),
        r ->
            Map.of(
                "event", r.getString(1),
                "height", r.getLong(2),
                "txHash", hex(r.getBytes(3)),
                "actor", hex(r.getBytes(4))));
  }

  public List<Map<String, Object>> vcrs(String id) {
    return list(
        "SELECT tx_hash, height, provider, size_bytes, kind, input_hash, model_hash, code_hash,"
            + " output_hash, seed, trace_steps, quote_bytes, trace_commitment FROM vcrs"
            + " WHERE job_id = ? ORDER BY height, provider",
        List.of(h256(id, "id")),
        r -> {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("txHash", hex(r.getBytes(1)));
          m.put("height", r.getLong(2));
          m.put("provider", hex(r.getBytes(3)));
          m.put("size", r.getInt(4));
          m.put("kind", r.getString(5));
          m.put("inputHash", hexOrNull(r.getBytes(6)));
          m.put("modelHash", hexOrNull(r.getBytes(7)));
          m.put("codeHash", hexOrNull(r.getBytes(8)));
          m.put("outputHash", hexOrNull(r.getBytes(9)));
          java.math.BigDecimal seed = r.getBigDecimal(10);
          m.put("seed", seed == null ? null : seed.toBigIntegerExact().toString());
          m.put("traceSteps", (Integer) r.getObject(11));
          m.put("quoteBytes", (Integer) r.getObject(12));
          m.put("traceCommitment", hexOrNull(r.getBytes(13)));
          return m;
        });
  }

  public List<Map<String, Object>> disputes(String id) {
    return list(
        "SELECT tx_hash, height, challenger, outcome FROM disputes WHERE job_id = ? ORDER BY height",
        List.of(h256(id, "id")),
        r ->
            Map.of(
                "txHash", hex(r.getBytes(1)),
                "height", r.getLong(2),
                "challenger", hex(r.getBytes(3)),
                "outcome", r.getString(4)));
  }

  // ---- search ----

  /** A height, or a 32-byte hex that names a block, transaction, job or account. */
  public Map<String, Object> search(String query) {
    String q = query.strip();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "none");
    if (q.matches("[0-9]{1,18}")) {
      long h = Long.parseLong(q);
      if (one("SELECT 1 FROM blocks WHERE height = ?", List.of(h), r -> 1).isPresent()) {
        m.put("kind", "block");
        m.put("height", h);
      }
      return m;
    }
    String hex = q.startsWith("0x") || q.startsWith("0X") ? q : "0x" + q;
    byte[] id;
    try {
      id = h256(hex.toLowerCase(java.util.Locale.ROOT), "query");
    } catch (BadInput e) {
      return m;
    }
    Optional<Long> block =
        one("SELECT height FROM blocks WHERE hash = ?", List.of(id), r -> r.getLong(1));
    if (block.isPresent()) {
      m.put("kind", "block");
      m.put("height", block.get());
      m.put("hash", hex(id));
      return m;
    }
    if (one("SELECT 1 FROM transactions WHERE hash = ?", List.of(id), r -> 1).isPresent()) {
      m.put("kind", "transaction");
      m.put("hash", hex(id));
      return m;
    }
    if (one("SELECT 1 FROM jobs WHERE job_id = ?", List.of(id), r -> 1).isPresent()) {
      m.put("kind", "job");
      m.put("id", hex(id));
      return m;
    }
    // Any other 32 bytes may be an address (one that never transacted has no rows yet).
    m.put("kind", "account");
    m.put("address", hex(id));
    return m;
  }

  // ---- helpers ----

  static int page(int first) {
    if (first < 1 || first > MAX_PAGE) {
      throw new BadInput("first must be 1.." + MAX_PAGE + ", got " + first);
    }
    return first;
  }

  private static long[] cursor(String after) {
    int dot = after.indexOf('.');
    if (dot < 0) {
      throw new BadInput("bad cursor '" + after + "'");
    }
    return new long[] {parseLong(after.substring(0, dot)), parseLong(after.substring(dot + 1))};
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadInput("bad cursor '" + s + "'");
    }
  }

  static Map<String, Object> pageOf(
      List<Map<String, Object>> rows, int n, Function<Map<String, Object>, String> cursorOf) {
    boolean more = rows.size() > n;
    List<Map<String, Object>> items = more ? rows.subList(0, n) : rows;
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hasNextPage", more);
    info.put("endCursor", items.isEmpty() ? null : cursorOf.apply(items.getLast()));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("items", List.copyOf(items));
    page.put("pageInfo", info);
    return page;
  }

  static byte[] h256(String hex, String what) {
    if (hex == null
        || hex.length() != 66
        || !hex.startsWith("0x")
        || !hex.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new BadInput(what + " must be 0x followed by 64 hex digits");
    }
    return H256.fromHex(hex.toLowerCase(java.util.Locale.ROOT)).toArray();
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }

  static String hexOrNull(byte[] b) {
    return b == null ? null : Hex.encode(b);
  }

  static String amount(BigDecimal d) {
    return d.toBigIntegerExact().toString();
  }

  static Map<String, Object> balance(byte[] asset, BigDecimal amount) {
    Map<String, Object> m = new LinkedHashMap<>();
    AssetId a = new AssetId(H256.of(asset));
    m.put("asset", a.display());
    m.put("assetId", hex(asset));
    m.put("amount", amount.toBigIntegerExact().toString());
    return m;
  }

  /** Printable ASCII as text (topics are names such as {@code transfer}), anything else as hex. */
  static String topic(byte[] t) {
    for (byte b : t) {
      if (b < 0x20 || b > 0x7e) {
        return hex(t);
      }
    }
    return new String(t, StandardCharsets.US_ASCII);
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet r) throws SQLException;
  }

  <T> Optional<T> one(String sql, List<Object> args, RowMapper<T> mapper) {
    List<T> l = list(sql, args, mapper);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  <T> List<T> list(String sql, List<Object> args, RowMapper<T> mapper) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (r.next()) {
          out.add(mapper.map(r));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new QueryFailed(e);
    }
  }

  /** A database failure while answering; shown to clients without details. */
  public static final class QueryFailed extends RuntimeException {
    QueryFailed(SQLException cause) {
      super(cause);
    }
  }
}
