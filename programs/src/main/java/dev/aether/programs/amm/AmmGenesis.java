package dev.aether.programs.amm;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The AMM's genesis state: its parameters and the {@code [[amm.pools]]} of the genesis file, each
 * funded with its initial reserves (minted into the pool) and its first LP shares — {@code
 * floor(sqrt(a·b))} less the locked minimum, exactly as a first deposit — paid to the pool's
 * provider.
 */
final class AmmGenesis {
  private AmmGenesis() {}

  static SortedMap<H256, Bytes> state(GenesisConfig config) {
    TreeMap<H256, Bytes> out = new TreeMap<>();
    GenesisConfig.Amm g = config.amm();
    out.put(AmmKeys.params(), Bytes.of(AmmParams.CODEC.encode(AmmParams.of(g))));
    List<Registry.Pair> reg = new ArrayList<>();
    for (GenesisConfig.Amm.Pool gp : g.pools()) {
      Pool p = funded(gp, g.feeBps());
      out.put(AmmKeys.pool(p.assetA(), p.assetB()), Bytes.of(Pool.CODEC.encode(p)));
      reg = Registry.insert(reg, p.assetA(), p.assetB());
    }
    out.put(AmmKeys.registry(), Bytes.of(Registry.CODEC.encode(reg)));
    return out;
  }

  static List<GenesisAllocation.Balance> balances(GenesisConfig config) {
    List<GenesisAllocation.Balance> out = new ArrayList<>();
    for (GenesisConfig.Amm.Pool gp : config.amm().pools()) {
      BigInteger shares = AmmMath.initialShares(gp.amountA().value(), gp.amountB().value());
      out.add(
          new GenesisAllocation.Balance(
              gp.provider(), AmmKeys.lpAsset(gp.assetA(), gp.assetB()), new Amount(shares)));
    }
    return out;
  }

  private static Pool funded(GenesisConfig.Amm.Pool gp, int feeBps) {
    AssetId a = AmmKeys.min(gp.assetA(), gp.assetB());
    boolean swapped = !a.equals(gp.assetA());
    BigInteger ra = swapped ? gp.amountB().value() : gp.amountA().value();
    BigInteger rb = swapped ? gp.amountA().value() : gp.amountB().value();
    BigInteger shares = AmmMath.initialShares(ra, rb);
    return new Pool(
        a,
        AmmKeys.max(gp.assetA(), gp.assetB()),
        ra,
        rb,
        shares.add(AmmMath.MINIMUM_LIQUIDITY),
        feeBps,
        BigInteger.ZERO,
        BigInteger.ZERO,
        0);
  }
}
