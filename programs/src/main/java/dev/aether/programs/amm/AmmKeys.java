package dev.aether.programs.amm;

import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;

/**
 * Where the AMM program keeps its state: one key per pool (so swaps on different pools touch
 * different keys and run in parallel, and each pool has its own congestion multiplier), one
 * registry and one parameter object. LP share tokens are ordinary assets in accounts, their ids
 * derived from the pair.
 */
public final class AmmKeys {
  private AmmKeys() {}

  /** The pool of the pair {@code (x, y)}, in either order. */
  public static H256 pool(AssetId x, AssetId y) {
    AssetId a = min(x, y);
    AssetId b = max(x, y);
    return Hashing.tagged(
        "aether/amm/pool/v1",
        new Writer(64).fixed(a.id().toArray()).fixed(b.id().toArray()).toByteArray());
  }

  /** The LP share token of the pair's pool: {@code SHA-256("aether/amm/lp/v1" ‖ 0 ‖ a ‖ b)}. */
  public static AssetId lpAsset(AssetId x, AssetId y) {
    AssetId a = min(x, y);
    AssetId b = max(x, y);
    return new AssetId(
        Hashing.tagged(
            "aether/amm/lp/v1",
            new Writer(64).fixed(a.id().toArray()).fixed(b.id().toArray()).toByteArray()));
  }

  /** The list of pools (pairs, ascending). */
  public static H256 registry() {
    return Hashing.tagged("aether/amm/registry/v1");
  }

  /** The program's parameters ({@link AmmParams}). */
  public static H256 params() {
    return Hashing.tagged("aether/amm/params/v1");
  }

  static AssetId min(AssetId x, AssetId y) {
    return x.compareTo(y) <= 0 ? x : y;
  }

  static AssetId max(AssetId x, AssetId y) {
    return x.compareTo(y) <= 0 ? y : x;
  }
}
