package dev.aether.genesis;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Hex;
import dev.aether.types.Ratio;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code genesis.toml} into a {@link GenesisConfig}. Every problem — a missing field, a wrong
 * type, a quorum that is not a fraction, a negative fee, an unknown key — is a {@link
 * GenesisException} that names the field.
 */
public final class GenesisParser {
  private static final TomlMapper TOML =
      TomlMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** Upper bound of {@code [staking].max_candidates}: every candidate is read at each boundary. */
  public static final int MAX_CANDIDATES = 4096;

  private GenesisParser() {}

  public static GenesisConfig parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new GenesisException(file.toString(), "cannot read: " + e.getMessage());
    }
    return parse(text);
  }

  public static GenesisConfig parse(String toml) {
    JsonNode root;
    try {
      root = TOML.readTree(toml);
    } catch (JacksonException e) {
      throw new GenesisException("genesis.toml", "not valid TOML: " + e.getOriginalMessage());
    }
    onlyKeys(
        root,
        "",
        Set.of(
            "chain",
            "consensus",
            "fees",
            "rent",
            "devnet",
            "staking",
            "jobs",
            "limits",
            "amm",
            "governance",
            "validators",
            "balances"));

    JsonNode c = table(root, "chain");
    onlyKeys(c, "[chain]", Set.of("chain_id", "slot_ms", "block_bytes_max", "epoch_slots"));
    GenesisConfig.Chain chain =
        new GenesisConfig.Chain(
            chainId(c, "[chain].chain_id"),
            positive(c, "[chain]", "slot_ms"),
            positive(c, "[chain]", "block_bytes_max"),
            positive(c, "[chain]", "epoch_slots"));

    JsonNode k = table(root, "consensus");
    onlyKeys(k, "[consensus]", Set.of("tau", "quorum", "slash_double", "leak_downtime"));
    GenesisConfig.Consensus consensus =
        new GenesisConfig.Consensus(
            fraction(k, "[consensus]", "tau", true),
            fraction(k, "[consensus]", "quorum", true),
            fraction(k, "[consensus]", "slash_double", true),
            fraction(k, "[consensus]", "leak_downtime", true));
    Ratio q = consensus.quorum();
    if (q.compareTo(new Ratio(1, 2)) <= 0) {
      throw new GenesisException("[consensus].quorum", "must be more than 1/2, got " + q);
    }

    JsonNode f = table(root, "fees");
    onlyKeys(f, "[fees]", Set.of("a", "b", "c", "d"));
    GenesisConfig.Fees fees =
        new GenesisConfig.Fees(
            nonNegative(f, "[fees]", "a"),
            nonNegative(f, "[fees]", "b"),
            nonNegative(f, "[fees]", "c"),
            nonNegative(f, "[fees]", "d"));

    JsonNode r = table(root, "rent");
    onlyKeys(r, "[rent]", Set.of("rho_per_byte_per_epoch", "horizon_epochs"));
    GenesisConfig.Rent rent =
        new GenesisConfig.Rent(
            nonNegative(r, "[rent]", "rho_per_byte_per_epoch"),
            nonNegative(r, "[rent]", "horizon_epochs"));

    GenesisConfig.Devnet devnet = new GenesisConfig.Devnet(false, false);
    if (root.has("devnet")) {
      JsonNode d = table(root, "devnet");
      onlyKeys(d, "[devnet]", Set.of("allow_dev_attestations", "faucet"));
      devnet =
          new GenesisConfig.Devnet(
              bool(d, "[devnet].allow_dev_attestations"), bool(d, "[devnet].faucet"));
    }

    GenesisConfig.Limits limits = limits(root);
    if (consensus.slashDouble().compareTo(new Ratio(1, 1)) >= 0) {
      // The staking program slashes pools by this fraction; all of it would leave shares worth 0.
      throw new GenesisException("[consensus].slash_double", "must be below 1");
    }
    GenesisConfig.Staking staking = staking(table(root, "staking"));
    List<GenesisConfig.Validator> validators = validators(root);
    for (int i = 0; i < validators.size(); i++) {
      if (validators.get(i).stake().compareTo(staking.minSelfBond()) < 0) {
        throw new GenesisException(
            "validators[" + i + "].stake",
            "below [staking].min_self_bond " + staking.minSelfBond());
      }
    }
    if (validators.size() > staking.maxValidators()) {
      throw new GenesisException(
          "[[validators]]", "more than [staking].max_validators = " + staking.maxValidators());
    }
    List<GenesisConfig.Balance> balances = balances(root);
    GenesisConfig.Jobs jobs =
        root.has("jobs")
            ? jobs(table(root, "jobs"), chain.slotMs())
            : GenesisConfig.Jobs.defaults(chain.slotMs());
    GenesisConfig.Amm amm = amm(root);
    GenesisConfig.Governance governance = governance(root);
    return new GenesisConfig(
        chain,
        consensus,
        fees,
        rent,
        devnet,
        staking,
        jobs,
        validators,
        balances,
        limits,
        amm,
        governance);
  }

  /** {@code [amm]} and its {@code [[amm.pools]]}: optional (absent: no pools, 0.30 % fees). */
  private static GenesisConfig.Amm amm(JsonNode root) {
    if (!root.has("amm")) {
      return GenesisConfig.Amm.DEFAULT;
    }
    JsonNode a = table(root, "amm");
    String s = "[amm]";
    onlyKeys(a, s, Set.of("fee_bps", "max_pools", "pools"));
    int fee = (int) inRange(a, s, "fee_bps", 1, GenesisConfig.Amm.MAX_FEE_BPS);
    int max =
        a.has("max_pools")
            ? (int) inRange(a, s, "max_pools", 1, GenesisConfig.Amm.MAX_POOLS)
            : GenesisConfig.Amm.DEFAULT.maxPools();
    List<GenesisConfig.Amm.Pool> pools = new ArrayList<>();
    JsonNode arr = a.get("pools");
    if (arr != null && !arr.isArray()) {
      throw new GenesisException("[[amm.pools]]", "must be an array of tables");
    }
    Set<String> pairs = new HashSet<>();
    for (int i = 0; arr != null && i < arr.size(); i++) {
      String at = "amm.pools[" + i + "]";
      JsonNode p = arr.get(i);
      onlyKeys(p, at, Set.of("asset_a", "asset_b", "amount_a", "amount_b", "provider"));
      AssetId x = asset(p, at + ".asset_a");
      AssetId y = asset(p, at + ".asset_b");
      if (x.equals(y)) {
        throw new GenesisException(at + ".asset_b", "a pool needs two different assets");
      }
      String pair = x.compareTo(y) < 0 ? x + "/" + y : y + "/" + x;
      if (!pairs.add(pair)) {
        throw new GenesisException(at, "a second pool for " + pair + " (one pool per pair)");
      }
      Amount ax = amount(p, at + ".amount_a");
      Amount ay = amount(p, at + ".amount_b");
      // The initial shares are sqrt(a·b) minus the locked minimum; both must be worth something.
      if (ax.value().multiply(ay.value()).sqrt().compareTo(java.math.BigInteger.valueOf(1_000))
          <= 0) {
        throw new GenesisException(at, "initial reserves too small: sqrt(a·b) must exceed 1000");
      }
      pools.add(new GenesisConfig.Amm.Pool(x, y, ax, ay, address(p, at + ".provider")));
    }
    if (pools.size() > max) {
      throw new GenesisException("[[amm.pools]]", "more than [amm].max_pools = " + max);
    }
    return new GenesisConfig.Amm(fee, max, pools);
  }

  /** {@code [governance]}: optional as a whole; when present every field must be given. */
  private static GenesisConfig.Governance governance(JsonNode root) {
    if (!root.has("governance")) {
      return GenesisConfig.Governance.DEFAULT;
    }
    JsonNode g = table(root, "governance");
    String s = "[governance]";
    onlyKeys(
        g,
        s,
        Set.of(
            "min_deposit",
            "deposit_period_slots",
            "voting_period_slots",
            "quorum",
            "threshold",
            "veto_threshold",
            "max_active",
            "treasury_fee_share_bps",
            "treasury_slash_share_bps"));
    Amount deposit = amount(g, s + ".min_deposit");
    if (deposit.isZero()) {
      throw new GenesisException(s + ".min_deposit", "must be positive");
    }
    Ratio quorum = fraction(g, s, "quorum", true);
    Ratio threshold = fraction(g, s, "threshold", true);
    if (threshold.compareTo(new Ratio(1, 2)) < 0) {
      throw new GenesisException(s + ".threshold", "must be at least 1/2, got " + threshold);
    }
    return new GenesisConfig.Governance(
        deposit,
        positive(g, s, "deposit_period_slots"),
        positive(g, s, "voting_period_slots"),
        quorum,
        threshold,
        fraction(g, s, "veto_threshold", true),
        (int) inRange(g, s, "max_active", 1, GenesisConfig.Governance.MAX_ACTIVE),
        (int) inRange(g, s, "treasury_fee_share_bps", 0, 10_000),
        (int) inRange(g, s, "treasury_slash_share_bps", 0, 10_000));
  }

  private static AssetId asset(JsonNode t, String path) {
    try {
      return AssetId.parse(string(t, path));
    } catch (IllegalArgumentException e) {
      throw new GenesisException(path, e.getMessage());
    }
  }

  private static Address address(JsonNode t, String path) {
    try {
      return new Address(dev.aether.types.H256.of(hex(t, path, 32).toArray()));
    } catch (IllegalArgumentException e) {
      throw new GenesisException(path, e.getMessage());
    }
  }

  private static GenesisConfig.Jobs jobs(JsonNode j, long slotMs) {
    String at = "[jobs]";
    onlyKeys(
        j,
        at,
        Set.of(
            "challenge_window_slots",
            "burn_per_j_unit",
            "challenge_bond",
            "min_bond_ratio",
            "challenger_share",
            "time_origin_ms",
            "max_providers"));
    GenesisConfig.Jobs d = GenesisConfig.Jobs.defaults(slotMs);
    long window =
        j.has("challenge_window_slots")
            ? positive(j, at, "challenge_window_slots")
            : d.challengeWindowSlots();
    Amount burn = j.has("burn_per_j_unit") ? amount(j, at + ".burn_per_j_unit") : d.burnPerJUnit();
    Amount bond = j.has("challenge_bond") ? amount(j, at + ".challenge_bond") : d.challengeBond();
    if (bond.isZero()) {
      throw new GenesisException(at + ".challenge_bond", "must be positive");
    }
    Ratio minBond =
        j.has("min_bond_ratio") ? fraction(j, at, "min_bond_ratio", false) : d.minBondRatio();
    Ratio share =
        j.has("challenger_share") ? fraction(j, at, "challenger_share", true) : d.challengerShare();
    long origin = j.has("time_origin_ms") ? nonNegative(j, at, "time_origin_ms") : 0;
    int maxProviders =
        j.has("max_providers")
            ? (int) bounded(j, at, "max_providers", 1, GenesisConfig.Jobs.MAX_PROVIDERS)
            : d.maxProviders();
    return new GenesisConfig.Jobs(window, burn, bond, minBond, share, origin, maxProviders);
  }

  /**
   * {@code [limits]}: optional as a whole (absent means {@link GenesisConfig.Limits#DEFAULT}), but
   * when present every field must be given, so a typo never silently falls back to a default.
   */
  private static GenesisConfig.Limits limits(JsonNode root) {
    if (!root.has("limits")) {
      return GenesisConfig.Limits.DEFAULT;
    }
    JsonNode l = table(root, "limits");
    String s = "[limits]";
    onlyKeys(
        l,
        s,
        Set.of(
            "tx_steps_max",
            "tx_memory_bytes_max",
            "block_steps_max",
            "contract_pages_max",
            "contract_table_elements_max",
            "contract_code_bytes_max",
            "contract_call_depth_max"));
    long txSteps = positive(l, s, "tx_steps_max");
    long txMemory = positive(l, s, "tx_memory_bytes_max");
    long blockSteps = positive(l, s, "block_steps_max");
    if (blockSteps < txSteps) {
      throw new GenesisException(
          s + ".block_steps_max",
          "must be at least tx_steps_max (" + txSteps + "), got " + blockSteps);
    }
    if (txMemory < 65_536) {
      throw new GenesisException(
          s + ".tx_memory_bytes_max", "must be at least one 64 KiB page, got " + txMemory);
    }
    int pages = (int) inRange(l, s, "contract_pages_max", 1, 65_536);
    int table = (int) inRange(l, s, "contract_table_elements_max", 0, 1_000_000);
    int code = (int) inRange(l, s, "contract_code_bytes_max", 8, 65_536);
    int depth = (int) inRange(l, s, "contract_call_depth_max", 1, 64);
    return new GenesisConfig.Limits(txSteps, txMemory, blockSteps, pages, table, code, depth);
  }

  private static long inRange(JsonNode table, String section, String key, long min, long max) {
    long v = nonNegative(table, section, key);
    if (v < min || v > max) {
      throw new GenesisException(section + "." + key, "must be " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  private static GenesisConfig.Staking staking(JsonNode s) {
    String at = "[staking]";
    onlyKeys(
        s,
        at,
        Set.of(
            "unbonding_epochs",
            "min_self_bond",
            "max_validators",
            "max_candidates",
            "max_commission_bps",
            "inflation",
            "downtime_threshold",
            "jail_epochs",
            "reporter_reward"));
    long unbonding = positive(s, at, "unbonding_epochs");
    Amount minSelfBond = amount(s, at + ".min_self_bond");
    if (minSelfBond.isZero()) {
      throw new GenesisException(at + ".min_self_bond", "must be positive");
    }
    // The set is named by index in 1024-bit signer bitmaps; candidates are read at every boundary.
    int maxValidators =
        (int) bounded(s, at, "max_validators", 1, dev.aether.types.SignerSet.MAX_VALIDATORS);
    int maxCandidates = (int) bounded(s, at, "max_candidates", maxValidators, MAX_CANDIDATES);
    int maxCommission = (int) bounded(s, at, "max_commission_bps", 0, 10_000);
    Ratio inflation = fraction(s, at, "inflation", true);
    Ratio threshold = fraction(s, at, "downtime_threshold", true);
    long jail = nonNegative(s, at, "jail_epochs");
    Ratio reporter = fraction(s, at, "reporter_reward", true);
    return new GenesisConfig.Staking(
        unbonding,
        minSelfBond,
        maxValidators,
        maxCandidates,
        maxCommission,
        inflation,
        threshold,
        jail,
        reporter);
  }

  private static long bounded(JsonNode table, String section, String key, long min, long max) {
    long v = nonNegative(table, section, key);
    if (v < min || v > max) {
      throw new GenesisException(
          section + "." + key, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  private static List<GenesisConfig.Validator> validators(JsonNode root) {
    JsonNode arr = root.get("validators");
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      throw new GenesisException("[[validators]]", "at least one validator is required");
    }
    List<GenesisConfig.Validator> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Bytes> keys = new HashSet<>();
    Set<Bytes> coldKeys = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      String at = "validators[" + i + "]";
      JsonNode v = arr.get(i);
      onlyKeys(
          v, at, Set.of("name", "stake", "node_key", "bls_key", "bls_pop", "vrf_key", "cold_key"));
      String name = string(v, at + ".name");
      if (!names.add(name)) {
        throw new GenesisException(at + ".name", "duplicate validator name '" + name + "'");
      }
      Amount stake = amount(v, at + ".stake");
      if (stake.isZero()) {
        throw new GenesisException(at + ".stake", "must be positive");
      }
      Bytes nodeKey = hex(v, at + ".node_key", 32);
      if (!keys.add(nodeKey)) {
        throw new GenesisException(at + ".node_key", "duplicate validator key");
      }
      out.add(
          new GenesisConfig.Validator(
              name,
              stake,
              nodeKey,
              hex(v, at + ".bls_key", 48),
              hex(v, at + ".bls_pop", 96),
              hex(v, at + ".vrf_key", 32),
              coldKey(v, at, coldKeys)));
    }
    if (out.size() > dev.aether.types.SignerSet.MAX_VALIDATORS) {
      throw new GenesisException("[[validators]]", "at most 1024 validators");
    }
    return out;
  }

  private static Bytes coldKey(JsonNode v, String at, Set<Bytes> seen) {
    Bytes cold = hex(v, at + ".cold_key", 32);
    if (!seen.add(cold)) {
      throw new GenesisException(at + ".cold_key", "duplicate operator (cold) key");
    }
    return cold;
  }

  private static List<GenesisConfig.Balance> balances(JsonNode root) {
    JsonNode arr = root.get("balances");
    if (arr == null) {
      return List.of();
    }
    if (!arr.isArray()) {
      throw new GenesisException("[[balances]]", "must be an array of tables");
    }
    List<GenesisConfig.Balance> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      String at = "balances[" + i + "]";
      JsonNode b = arr.get(i);
      onlyKeys(b, at, Set.of("address", "asset", "amount"));
      Address address;
      try {
        address = new Address(dev.aether.types.H256.of(hex(b, at + ".address", 32).toArray()));
      } catch (IllegalArgumentException e) {
        throw new GenesisException(at + ".address", e.getMessage());
      }
      AssetId asset;
      try {
        asset = AssetId.parse(string(b, at + ".asset"));
      } catch (IllegalArgumentException e) {
        throw new GenesisException(at + ".asset", e.getMessage());
      }
      out.add(new GenesisConfig.Balance(address, asset, amount(b, at + ".amount")));
    }
    return out;
  }

  // ---- field readers: each names the field in its error ----

  private static JsonNode table(JsonNode root, String name) {
    JsonNode t = root.get(name);
    if (t == null) {
      throw new GenesisException("[" + name + "]", "missing section");
    }
    if (!t.isObject()) {
      throw new GenesisException("[" + name + "]", "must be a table");
    }
    return t;
  }

  private static void onlyKeys(JsonNode node, String at, Set<String> allowed) {
    if (!node.isObject()) {
      throw new GenesisException(at.isEmpty() ? "genesis.toml" : at, "must be a table");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        String where = at.isEmpty() ? key : at + "." + key;
        throw new GenesisException(
            where,
            "unknown field (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static JsonNode field(JsonNode table, String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    JsonNode n = table.get(key);
    if (n == null) {
      throw new GenesisException(path, "missing field");
    }
    return n;
  }

  private static String string(JsonNode table, String path) {
    JsonNode n = field(table, path);
    if (!n.isTextual()) {
      throw new GenesisException(
          path, "must be a string, got " + n.getNodeType().name().toLowerCase());
    }
    return n.textValue();
  }

  private static String chainId(JsonNode table, String path) {
    String id = string(table, path);
    if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new GenesisException(
          path, "must be 1-32 characters of a-z, 0-9 and '-', got '" + id + "'");
    }
    return id;
  }

  private static boolean bool(JsonNode table, String path) {
    JsonNode n = field(table, path);
    if (!n.isBoolean()) {
      throw new GenesisException(path, "must be true or false");
    }
    return n.booleanValue();
  }

  private static BigInteger integer(JsonNode table, String path) {
    JsonNode n = field(table, path);
    if (!n.isIntegralNumber()) {
      throw new GenesisException(path, "must be an integer, got " + describe(n));
    }
    return n.bigIntegerValue();
  }

  private static long nonNegative(JsonNode table, String section, String key) {
    String path = section + "." + key;
    BigInteger v = integer(table, path);
    if (v.signum() < 0) {
      throw new GenesisException(path, "must not be negative, got " + v);
    }
    if (v.bitLength() > 63) {
      throw new GenesisException(path, "too large: " + v);
    }
    return v.longValue();
  }

  private static long positive(JsonNode table, String section, String key) {
    long v = nonNegative(table, section, key);
    if (v == 0) {
      throw new GenesisException(section + "." + key, "must be positive");
    }
    return v;
  }

  private static Amount amount(JsonNode table, String path) {
    JsonNode n = field(table, path);
    try {
      if (n.isIntegralNumber()) {
        return new Amount(n.bigIntegerValue());
      }
      if (n.isTextual()) {
        return Amount.parse(n.textValue());
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new GenesisException(path, e.getMessage());
    }
    throw new GenesisException(path, "must be an unsigned integer, got " + describe(n));
  }

  /** A fraction written as "2/3", "0.05", or a TOML decimal such as 0.8 (read exactly). */
  private static Ratio fraction(JsonNode table, String section, String key, boolean atMostOne) {
    String path = section + "." + key;
    JsonNode n = field(table, path);
    Ratio r;
    try {
      if (n.isTextual()) {
        r = Ratio.parse(n.textValue());
      } else if (n.isNumber()) {
        BigDecimal d = n.decimalValue();
        r = Ratio.of(d);
      } else {
        throw new GenesisException(
            path, "must be a fraction like \"2/3\" or a decimal, got " + describe(n));
      }
    } catch (IllegalArgumentException e) {
      throw new GenesisException(path, e.getMessage());
    }
    if (atMostOne && !r.isAtMostOne()) {
      throw new GenesisException(path, "must be at most 1, got " + r);
    }
    return r;
  }

  private static Bytes hex(JsonNode table, String path, int length) {
    String s = string(table, path);
    byte[] b;
    try {
      b = Hex.decode(s);
    } catch (IllegalArgumentException e) {
      throw new GenesisException(path, e.getMessage());
    }
    if (b.length != length) {
      throw new GenesisException(path, "must be " + length + " bytes of hex, got " + b.length);
    }
    return Bytes.of(b);
  }

  private static String describe(JsonNode n) {
    return n.getNodeType().name().toLowerCase() + " " + n;
  }
}
