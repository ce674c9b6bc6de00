package dev.aether.indexer.ingest;

import dev.aether.indexer.ingest.Rows.AmmRows;
import dev.aether.indexer.ingest.Rows.LiquidityRow;
import dev.aether.indexer.ingest.Rows.PoolCreated;
import dev.aether.indexer.ingest.Rows.SwapRow;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.amm.AmmMath;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one block's AMM rows inside {@link BlockWriter}'s transaction and moves the pools'
 * reserves and LP supply by exactly what the events say, in block order — so a pool row is the
 * state the indexed blocks leave it in (the AMM keeps every unit of a swap's input in the pool, its
 * fee included).
 */
final class AmmWriter {
  private AmmWriter() {}

  static void write(Connection c, long height, List<BlockWriter.GenesisPool> genesis, AmmRows rows)
      throws SQLException {
    for (BlockWriter.GenesisPool g : genesis) {
      boolean swap = g.a().compareTo(g.b()) > 0;
      AssetId a = swap ? g.b() : g.a();
      AssetId b = swap ? g.a() : g.b();
      BigInteger ra = swap ? g.amountB() : g.amountA();
      BigInteger rb = swap ? g.amountA() : g.amountB();
      BigInteger supply = AmmMath.initialShares(ra, rb).add(AmmMath.MINIMUM_LIQUIDITY);
      insertPool(c, a, b, g.feeBps(), ra, rb, supply, 0, null);
    }
    for (PoolCreated p : rows.created()) {
      insertPool(
          c,
          p.a(),
          p.b(),
          p.feeBps(),
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO,
          p.height(),
          p.tx());
    }
    for (LiquidityRow l : rows.liquidity()) {
      ensurePool(c, l.a(), l.b(), height);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO amm_liquidity (tx_hash, idx, height, provider, action, asset_a,"
                  + " asset_b, amount_a, amount_b, shares) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        s.setBytes(1, l.tx().toArray());
        s.setInt(2, l.index());
        s.setLong(3, l.height());
        s.setBytes(4, l.provider().hash().toArray());
        s.setString(5, l.action());
        s.setBytes(6, l.a().id().toArray());
        s.setBytes(7, l.b().id().toArray());
        s.setBigDecimal(8, new BigDecimal(l.amountA()));
        s.setBigDecimal(9, new BigDecimal(l.amountB()));
        s.setBigDecimal(10, new BigDecimal(l.shares()));
        s.executeUpdate();
      }
      boolean add = l.action().equals("add");
      // A first deposit also mints the locked minimum (AmmMath.MINIMUM_LIQUIDITY) to nobody; the
      // supply of a created pool is 0 exactly until then (a withdrawal never burns the minimum).
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE pools SET reserve_a = reserve_a + ?, reserve_b = reserve_b + ?, lp_supply ="
                  + " lp_supply + ? + CASE WHEN ? AND complete AND lp_supply = 0 THEN ? ELSE 0"
                  + " END, updated_height = ? WHERE asset_a = ? AND asset_b = ?")) {
        s.setBigDecimal(1, signed(l.amountA(), add));
        s.setBigDecimal(2, signed(l.amountB(), add));
        s.setBigDecimal(3, signed(l.shares(), add));
        s.setBoolean(4, add);
        s.setBigDecimal(5, new BigDecimal(AmmMath.MINIMUM_LIQUIDITY));
        s.setLong(6, height);
        s.setBytes(7, l.a().id().toArray());
        s.setBytes(8, l.b().id().toArray());
        s.executeUpdate();
      }
    }
    for (SwapRow w : rows.swaps()) {
      insertSwap(c, w);
    }
  }

  private static void insertSwap(Connection c, SwapRow w) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO amm_swaps (tx_hash, idx, height, trader, exact, asset_in, asset_out,"
                + " amount_in, amount_out, hops) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      s.setBytes(1, w.tx().toArray());
      s.setInt(2, w.index());
      s.setLong(3, w.height());
      s.setBytes(4, w.trader().hash().toArray());
      s.setString(5, w.exact());
      s.setBytes(6, w.path().getFirst().id().toArray());
      s.setBytes(7, w.path().getLast().id().toArray());
      s.setBigDecimal(8, new BigDecimal(w.amounts().getFirst()));
      s.setBigDecimal(9, new BigDecimal(w.amounts().getLast()));
      s.setInt(10, w.path().size() - 1);
      s.executeUpdate();
    }
    for (int hop = 0; hop + 1 < w.path().size(); hop++) {
      AssetId in = w.path().get(hop);
      AssetId out = w.path().get(hop + 1);
      boolean inIsA = in.compareTo(out) < 0;
      AssetId a = inIsA ? in : out;
      AssetId b = inIsA ? out : in;
      BigInteger amountIn = w.amounts().get(hop);
      BigInteger amountOut = w.amounts().get(hop + 1);
      ensurePool(c, a, b, w.height());
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO amm_swap_hops (tx_hash, idx, hop, height, asset_a, asset_b, asset_in,"
                  + " amount_in, amount_out) VALUES (?,?,?,?,?,?,?,?,?)")) {
        s.setBytes(1, w.tx().toArray());
        s.setInt(2, w.index());
        s.setInt(3, hop);
        s.setLong(4, w.height());
        s.setBytes(5, a.id().toArray());
        s.setBytes(6, b.id().toArray());
        s.setBytes(7, in.id().toArray());
        s.setBigDecimal(8, new BigDecimal(amountIn));
        s.setBigDecimal(9, new BigDecimal(amountOut));
        s.executeUpdate();
      }
      BigInteger da = inIsA ? amountIn : amountOut.negate();
      BigInteger db = inIsA ? amountOut.negate() : amountIn;
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE pools SET reserve_a = reserve_a + ?, reserve_b = reserve_b + ?, swap_count ="
                  + " swap_count + 1, updated_height = ? WHERE asset_a = ? AND asset_b = ?")) {
        s.setBigDecimal(1, new BigDecimal(da));
        s.setBigDecimal(2, new BigDecimal(db));
        s.setLong(3, w.height());
        s.setBytes(4, a.id().toArray());
        s.setBytes(5, b.id().toArray());
        s.executeUpdate();
      }
    }
  }

  private static void insertPool(
      Connection c,
      AssetId a,
      AssetId b,
      int fee,
      BigInteger ra,
      BigInteger rb,
      BigInteger supply,
      long height,
      H256 tx)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO pools (asset_a, asset_b, lp_asset, fee_bps, complete, reserve_a,"
                + " reserve_b, lp_supply, created_height, created_tx, updated_height)"
                + " VALUES (?,?,?,?,true,?,?,?,?,?,?)")) {
      s.setBytes(1, a.id().toArray());
      s.setBytes(2, b.id().toArray());
      s.setBytes(3, AmmKeys.lpAsset(a, b).id().toArray());
      s.setInt(4, fee);
      s.setBigDecimal(5, new BigDecimal(ra));
      s.setBigDecimal(6, new BigDecimal(rb));
      s.setBigDecimal(7, new BigDecimal(supply));
      s.setLong(8, height);
      s.setBytes(9, tx == null ? null : tx.toArray());
      s.setLong(10, height);
      s.executeUpdate();
    }
  }

  /**
   * A pool first seen mid-life (a genesis pool when the indexer runs without the genesis file):
   * recorded as incomplete, its reserves and supply counting only the changes seen from here.
   */
  private static void ensurePool(Connection c, AssetId a, AssetId b, long height)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO pools (asset_a, asset_b, lp_asset, fee_bps, complete, reserve_a,"
                + " reserve_b, lp_supply, created_height, updated_height)"
                + " VALUES (?,?,?,NULL,false,0,0,0,?,?) ON CONFLICT (asset_a, asset_b) DO NOTHING")) {
      s.setBytes(1, a.id().toArray());
      s.setBytes(2, b.id().toArray());
      s.setBytes(3, AmmKeys.lpAsset(a, b).id().toArray());
      s.setLong(4, height);
      s.setLong(5, height);
      s.executeUpdate();
    }
  }

  private static BigDecimal signed(BigInteger v, boolean positive) {
    return new BigDecimal(positive ? v : v.negate());
  }
}
