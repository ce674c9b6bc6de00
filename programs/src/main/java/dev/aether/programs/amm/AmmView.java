package dev.aether.programs.amm;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only queries over a committed state, for RPC and tools ({@code aeth_getPool}, {@code
 * aeth_quoteSwap}, {@code aetherctl amm pools}): the same numbers a transaction would see, without
 * metering.
 */
public final class AmmView {
  private AmmView() {}

  /** The pool of a pair, if one exists. */
  public static Optional<Pool> pool(StateReader state, AssetId x, AssetId y) {
    return data(state, AmmKeys.pool(x, y)).map(b -> Amm.decode(Pool.CODEC, b, AmmKeys.pool(x, y)));
  }

  /** Every listed pool, in registry order (pairs ascending). */
  public static List<Pool> pools(StateReader state) {
    List<Pool> out = new ArrayList<>();
    List<Registry.Pair> reg =
        data(state, AmmKeys.registry())
            .map(b -> Amm.decode(Registry.CODEC, b, AmmKeys.registry()))
            .orElse(List.of());
    for (Registry.Pair p : reg) {
      pool(state, p.a(), p.b()).ifPresent(out::add);
    }
    return out;
  }

  /** The program's parameters, if the state holds them. */
  public static Optional<AmmParams> params(StateReader state) {
    return data(state, AmmKeys.params()).map(b -> Amm.decode(AmmParams.CODEC, b, AmmKeys.params()));
  }

  /** A quote along a route: the amount at every step, first in, last out. */
  public record Quote(List<AssetId> path, List<BigInteger> amounts, List<Integer> feesBps) {
    public BigInteger amountIn() {
      return amounts.get(0);
    }

    public BigInteger amountOut() {
      return amounts.get(amounts.size() - 1);
    }
  }

  /**
   * What an exact-input swap of {@code amountIn} along {@code path} would pay on {@code state}; the
   * same refusals as the swap (unknown pool, bad route, empty reserves, overflow).
   */
  public static Quote quoteExactIn(StateReader state, List<AssetId> path, BigInteger amountIn) {
    Amm.checkPath(path);
    List<BigInteger> amounts = new ArrayList<>(List.of(amountIn));
    List<Integer> fees = new ArrayList<>();
    for (int i = 0; i + 1 < path.size(); i++) {
      Pool p = requirePool(state, path.get(i), path.get(i + 1));
      amounts.add(
          AmmMath.amountOut(
              amounts.get(i), p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps()));
      fees.add(p.feeBps());
    }
    return new Quote(List.copyOf(path), amounts, fees);
  }

  /** What an exact-output swap of {@code amountOut} along {@code path} would cost. */
  public static Quote quoteExactOut(StateReader state, List<AssetId> path, BigInteger amountOut) {
    Amm.checkPath(path);
    BigInteger[] amounts = new BigInteger[path.size()];
    Integer[] fees = new Integer[path.size() - 1];
    amounts[path.size() - 1] = amountOut;
    for (int i = path.size() - 2; i >= 0; i--) {
      Pool p = requirePool(state, path.get(i), path.get(i + 1));
      amounts[i] =
          AmmMath.amountIn(
              amounts[i + 1], p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps());
      fees[i] = p.feeBps();
    }
    return new Quote(List.copyOf(path), List.of(amounts), List.of(fees));
  }

  private static Pool requirePool(StateReader state, AssetId x, AssetId y) {
    if (x.equals(y)) {
      throw AmmError.SAME_ASSET.refuse(x.toString());
    }
    return pool(state, x, y).orElseThrow(() -> AmmError.UNKNOWN_POOL.refuse(x + "/" + y));
  }

  private static Optional<Bytes> data(StateReader state, H256 key) {
    return state
        .get(key)
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> d.bytes();
                  default ->
                      throw new LedgerException(
                          new LedgerError.MalformedState(key, "not program data"));
                });
  }

  static <T> T decode(Codec<T> codec, Bytes b, H256 key) {
    return Amm.decode(codec, b, key);
  }
}
