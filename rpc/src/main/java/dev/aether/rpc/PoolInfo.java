package dev.aether.rpc;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import java.math.BigInteger;

/**
 * One AMM pool as {@code aeth_getPool} shows it: its pair (ascending ids), reserves, LP token and
 * supply, fee, and the TWAP accumulators (UQ112 prices summed per slot, up to {@code lastSlot}).
 */
public record PoolInfo(
    AssetId assetA,
    AssetId assetB,
    Amount reserveA,
    Amount reserveB,
    AssetId lpAsset,
    Amount lpSupply,
    int feeBps,
    BigInteger cumulativeA,
    BigInteger cumulativeB,
    long lastSlot) {}
