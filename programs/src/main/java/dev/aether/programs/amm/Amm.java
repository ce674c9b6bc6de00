package dev.aether.programs.amm;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AMM's rules over a transaction's {@link CallContext} — and the API other native programs use
 * inside their own transactions (docs/programs/amm.md, "From other programs"):
 *
 * <ul>
 *   <li>{@link #observe} and {@link #twap}: the cumulative price of an asset in another, as of the
 *       block's slot, and the time-weighted average price between two observations (Uniswap v2's
 *       oracle pattern: the reader keeps its first observation);
 *   <li>{@link #quoteExactIn}: what a route would pay now;
 *   <li>{@link #swapExactInFromCustody}: swap value the calling program holds in custody (for
 *       example the job escrow's AIC) along a route, paying the output into an account.
 * </ul>
 *
 * Every access goes through the context: the calling transaction must declare the route's pool keys
 * ({@link #accessFor}) — readable to observe or quote, writable to swap — and the recipient's
 * account writable; reads and writes are metered and access-checked as for the AMM's own calls.
 */
public final class Amm {
  /** Steps charged per hop for its arithmetic (a few 256-bit multiplications and divisions). */
  static final long HOP_STEPS = 300;

  /** Longest route: three hops. */
  public static final int MAX_PATH = 4;

  private Amm() {}

  // ---------------------------------------------------------------- the inter-program API

  /** One reading of a pool's price accumulator: {@code Σ price·slots} up to {@code slot}. */
  public record Observation(AssetId base, AssetId quote, BigInteger cumulative, long slot) {}

  /**
   * The cumulative price of {@code base} in {@code quote} (UQ112 per slot) as of this block's slot:
   * the stored accumulator advanced at the current reserves, without writing anything. Needs the
   * pool key declared (readable).
   */
  public static Observation observe(CallContext ctx, AssetId base, AssetId quote) {
    long slot = ctx.tx().block().slot();
    Pool p = requirePool(ctx, base, quote).advancedTo(slot);
    return new Observation(base, quote, p.cumulativeOf(base), Math.max(slot, p.lastSlot()));
  }

  /**
   * The time-weighted average price of {@code base} in {@code quote} between two observations, as a
   * UQ112 fixed-point number ({@code floor(Δcumulative / Δslots)}; divide by {@code 2^112} for the
   * price). Refused unless {@code later} is of the same pair and a later slot.
   */
  public static BigInteger twap(Observation earlier, Observation later) {
    if (!earlier.base().equals(later.base())
        || !earlier.quote().equals(later.quote())
        || later.slot() <= earlier.slot()
        || later.cumulative().compareTo(earlier.cumulative()) < 0) {
      throw AmmError.BAD_TWAP_WINDOW.refuse(
          "from slot " + earlier.slot() + " to slot " + later.slot());
    }
    return later
        .cumulative()
        .subtract(earlier.cumulative())
        .divide(BigInteger.valueOf(later.slot() - earlier.slot()));
  }

  /** The output a route would pay for {@code amountIn} now (pool keys declared readable). */
  public static BigInteger quoteExactIn(CallContext ctx, List<AssetId> path, BigInteger amountIn) {
    checkPath(path);
    BigInteger amount = amountIn;
    for (int i = 0; i + 1 < path.size(); i++) {
      ctx.meter().steps(HOP_STEPS);
      Pool p = requirePool(ctx, path.get(i), path.get(i + 1));
      amount =
          AmmMath.amountOut(
              amount, p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps());
    }
    return amount;
  }

  /**
   * Swaps {@code amountIn} of {@code path.get(0)}, which the calling program holds in its own
   * custody (its records, not an account: nothing is debited here — the caller lowers its own
   * records by {@code amountIn} in the same transaction), along {@code path}, paying the output to
   * {@code to}'s account. Refused unless the output is at least {@code minOut}; returns it. Declare
   * every pool of the route and {@code to}'s account writable.
   */
  public static BigInteger swapExactInFromCustody(
      CallContext ctx, List<AssetId> path, BigInteger amountIn, BigInteger minOut, Address to) {
    return swapExactIn(ctx, Optional.empty(), path, amountIn, minOut, to).amountOut();
  }

  /**
   * The smallest input of {@code path.get(0)} that buys exactly {@code amountOut} of the route's
   * last asset now (pool keys declared readable); the matching inverse of {@link #quoteExactIn}.
   */
  public static BigInteger quoteExactOut(
      CallContext ctx, List<AssetId> path, BigInteger amountOut) {
    checkPath(path);
    BigInteger amount = amountOut;
    for (int i = path.size() - 2; i >= 0; i--) {
      ctx.meter().steps(HOP_STEPS);
      Pool p = requirePool(ctx, path.get(i), path.get(i + 1));
      amount =
          AmmMath.amountIn(
              amount, p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps());
    }
    return amount;
  }

  /**
   * Buys exactly {@code amountOut} of the route's last asset with value the calling program holds
   * in custody (as {@link #swapExactInFromCustody}: the caller lowers its own records by the input
   * this returns), paying it to {@code to}'s account. Refused ({@code amm.excessive_input}) if the
   * input would exceed {@code maxIn}. Declare every pool of the route and {@code to}'s account
   * writable.
   */
  public static BigInteger swapExactOutFromCustody(
      CallContext ctx, List<AssetId> path, BigInteger amountOut, BigInteger maxIn, Address to) {
    return swapExactOut(ctx, Optional.empty(), path, amountOut, maxIn, to).amountIn();
  }

  /** The keys a route touches: its pools, in route order. */
  public static List<H256> accessFor(List<AssetId> path) {
    checkPath(path);
    List<H256> keys = new ArrayList<>();
    for (int i = 0; i + 1 < path.size(); i++) {
      keys.add(AmmKeys.pool(path.get(i), path.get(i + 1)));
    }
    return keys;
  }

  // ---------------------------------------------------------------- state

  /** The pool of a pair, if one exists (pool key declared). */
  public static Optional<Pool> pool(CallContext ctx, AssetId x, AssetId y) {
    return ctx.readData(AmmKeys.pool(x, y)).map(b -> decode(Pool.CODEC, b, AmmKeys.pool(x, y)));
  }

  static Pool requirePool(CallContext ctx, AssetId x, AssetId y) {
    if (x.equals(y)) {
      throw AmmError.SAME_ASSET.refuse(x.toString());
    }
    return pool(ctx, x, y).orElseThrow(() -> AmmError.UNKNOWN_POOL.refuse(x + "/" + y));
  }

  static void putPool(CallContext ctx, Pool p) {
    ctx.writeData(AmmKeys.pool(p.assetA(), p.assetB()), Bytes.of(Pool.CODEC.encode(p)));
  }

  static <T> T decode(dev.aether.types.codec.Codec<T> codec, Bytes b, H256 key) {
    try {
      return codec.decode(b.toArray());
    } catch (CodecException e) {
      throw new LedgerException(new LedgerError.MalformedState(key, e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- create, add, remove

  /** Creates the empty pool of {@code (x, y)} with the current fee; lists it in the registry. */
  static Pool create(CallContext ctx, AssetId x, AssetId y) {
    if (x.equals(y)) {
      throw AmmError.SAME_ASSET.refuse(x.toString());
    }
    if (pool(ctx, x, y).isPresent()) {
      throw AmmError.POOL_EXISTS.refuse(x + "/" + y);
    }
    AmmParams params =
        ctx.readData(AmmKeys.params())
            .map(b -> decode(AmmParams.CODEC, b, AmmKeys.params()))
            .orElseThrow(
                () ->
                    new LedgerException(
                        new LedgerError.MalformedState(
                            AmmKeys.params(), "AMM parameters missing")));
    List<Registry.Pair> reg = Registry.read(ctx);
    if (reg.size() >= params.maxPools()) {
      throw AmmError.TOO_MANY_POOLS.refuse(reg.size() + " pools");
    }
    Pool p =
        Pool.empty(AmmKeys.min(x, y), AmmKeys.max(x, y), params.feeBps(), ctx.tx().block().slot());
    putPool(ctx, p);
    Registry.write(ctx, Registry.insert(reg, p.assetA(), p.assetB()));
    return p;
  }

  /** What a deposit used, minted and left with the depositor. */
  record Added(BigInteger usedX, BigInteger usedY, BigInteger shares, Pool pool) {}

  /**
   * Deposits up to {@code desiredX} of {@code x} and {@code desiredY} of {@code y} from {@code
   * owner}'s account: all of both into an empty pool (shares {@code sqrt(a·b)} minus the locked
   * minimum), else the proportional amounts ({@link AmmMath#proportional}); the excess is never
   * taken. Refused if a used amount is below its minimum.
   */
  static Added add(
      CallContext ctx,
      Address owner,
      AssetId x,
      AssetId y,
      BigInteger desiredX,
      BigInteger desiredY,
      BigInteger minX,
      BigInteger minY) {
    if (desiredX.signum() == 0 || desiredY.signum() == 0) {
      throw AmmError.ZERO_AMOUNT.refuse("deposit amounts must be positive");
    }
    ctx.meter().steps(HOP_STEPS);
    Pool p = requirePool(ctx, x, y).advancedTo(ctx.tx().block().slot());
    boolean xIsA = x.equals(p.assetA());
    BigInteger desiredA = xIsA ? desiredX : desiredY;
    BigInteger desiredB = xIsA ? desiredY : desiredX;
    BigInteger usedA;
    BigInteger usedB;
    BigInteger shares;
    BigInteger supply;
    if (p.lpSupply().signum() == 0) {
      usedA = desiredA;
      usedB = desiredB;
      shares = AmmMath.initialShares(usedA, usedB);
      supply = shares.add(AmmMath.MINIMUM_LIQUIDITY);
    } else {
      AmmMath.Deposit d = AmmMath.proportional(desiredA, desiredB, p.reserveA(), p.reserveB());
      usedA = d.a();
      usedB = d.b();
      shares = AmmMath.sharesFor(usedA, usedB, p.reserveA(), p.reserveB(), p.lpSupply());
      supply = p.lpSupply().add(shares);
    }
    BigInteger usedX = xIsA ? usedA : usedB;
    BigInteger usedY = xIsA ? usedB : usedA;
    if (usedX.compareTo(minX) < 0 || usedY.compareTo(minY) < 0) {
      throw AmmError.DEPOSIT_BELOW_MINIMUM.refuse(
          "would deposit " + usedX + " " + x + " and " + usedY + " " + y);
    }
    if (shares.signum() == 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY_MINTED.refuse("the deposit rounds to 0 shares");
    }
    BigInteger rA = AmmMath.fitsU128(p.reserveA().add(usedA), "reserve");
    BigInteger rB = AmmMath.fitsU128(p.reserveB().add(usedB), "reserve");
    AmmMath.fitsU128(supply, "LP supply");
    ctx.debit(owner, value(x, usedX));
    ctx.debit(owner, value(y, usedY));
    ctx.credit(owner, value(p.lpAsset(), shares));
    Pool after = p.withLiquidity(rA, rB, supply);
    putPool(ctx, after);
    return new Added(usedX, usedY, shares, after);
  }

  /** What a withdrawal paid. */
  record Removed(BigInteger outX, BigInteger outY, Pool pool) {}

  /** Burns {@code shares} of {@code owner}'s LP tokens for their part of both reserves (floor). */
  static Removed remove(
      CallContext ctx,
      Address owner,
      AssetId x,
      AssetId y,
      BigInteger shares,
      BigInteger minX,
      BigInteger minY) {
    if (shares.signum() == 0) {
      throw AmmError.ZERO_AMOUNT.refuse("no shares to burn");
    }
    ctx.meter().steps(HOP_STEPS);
    Pool p = requirePool(ctx, x, y).advancedTo(ctx.tx().block().slot());
    BigInteger outA = AmmMath.withdrawn(shares, p.reserveA(), p.lpSupply());
    BigInteger outB = AmmMath.withdrawn(shares, p.reserveB(), p.lpSupply());
    if (outA.signum() == 0 || outB.signum() == 0) {
      throw AmmError.INSUFFICIENT_LIQUIDITY_BURNED.refuse(
          shares + " shares pay " + outA + " and " + outB);
    }
    boolean xIsA = x.equals(p.assetA());
    BigInteger outX = xIsA ? outA : outB;
    BigInteger outY = xIsA ? outB : outA;
    if (outX.compareTo(minX) < 0 || outY.compareTo(minY) < 0) {
      throw AmmError.WITHDRAWAL_BELOW_MINIMUM.refuse(
          "would pay " + outX + " " + x + " and " + outY + " " + y);
    }
    ctx.debit(owner, value(p.lpAsset(), shares));
    ctx.credit(owner, value(x, outX));
    ctx.credit(owner, value(y, outY));
    Pool after =
        p.withLiquidity(
            p.reserveA().subtract(outA),
            p.reserveB().subtract(outB),
            p.lpSupply().subtract(shares));
    putPool(ctx, after);
    return new Removed(outX, outY, after);
  }

  // ---------------------------------------------------------------- swaps

  /** A swap's amounts at every step of its route ({@code amounts.get(0)} in, last out). */
  record Swapped(List<BigInteger> amounts) {
    BigInteger amountIn() {
      return amounts.get(0);
    }

    BigInteger amountOut() {
      return amounts.get(amounts.size() - 1);
    }
  }

  /**
   * Swaps exactly {@code amountIn} along {@code path}; refused if the output is below {@code
   * minOut}. The input is debited from {@code from}'s account, or (empty) taken as already in the
   * calling program's custody.
   */
  static Swapped swapExactIn(
      CallContext ctx,
      Optional<Address> from,
      List<AssetId> path,
      BigInteger amountIn,
      BigInteger minOut,
      Address to) {
    checkPath(path);
    if (amountIn.signum() == 0) {
      throw AmmError.ZERO_AMOUNT.refuse("amount in is 0");
    }
    long slot = ctx.tx().block().slot();
    List<Pool> pools = new ArrayList<>();
    List<BigInteger> amounts = new ArrayList<>();
    amounts.add(amountIn);
    for (int i = 0; i + 1 < path.size(); i++) {
      ctx.meter().steps(HOP_STEPS);
      Pool p = requirePool(ctx, path.get(i), path.get(i + 1)).advancedTo(slot);
      BigInteger out =
          AmmMath.amountOut(
              amounts.get(i), p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps());
      if (out.signum() == 0) {
        throw AmmError.INSUFFICIENT_OUTPUT.refuse("hop " + (i + 1) + " pays 0");
      }
      pools.add(p);
      amounts.add(out);
    }
    BigInteger out = amounts.get(amounts.size() - 1);
    if (out.compareTo(minOut) < 0) {
      throw AmmError.INSUFFICIENT_OUTPUT.refuse(out + " < min_out " + minOut);
    }
    settle(ctx, from, path, pools, amounts, to);
    return new Swapped(amounts);
  }

  /**
   * Swaps for exactly {@code amountOut} of the route's last asset, paying the smallest input that
   * yields it ({@link AmmMath#amountIn}, hop by hop from the end); refused if that input is above
   * {@code maxIn}. Each hop pays exactly the amount the next one needs; what the formula would have
   * paid beyond it stays in the pool.
   */
  static Swapped swapExactOut(
      CallContext ctx,
      Optional<Address> from,
      List<AssetId> path,
      BigInteger amountOut,
      BigInteger maxIn,
      Address to) {
    checkPath(path);
    if (amountOut.signum() == 0) {
      throw AmmError.ZERO_AMOUNT.refuse("amount out is 0");
    }
    long slot = ctx.tx().block().slot();
    int hops = path.size() - 1;
    Pool[] pools = new Pool[hops];
    BigInteger[] amounts = new BigInteger[path.size()];
    amounts[hops] = amountOut;
    for (int i = hops - 1; i >= 0; i--) {
      ctx.meter().steps(HOP_STEPS);
      Pool p = requirePool(ctx, path.get(i), path.get(i + 1)).advancedTo(slot);
      amounts[i] =
          AmmMath.amountIn(
              amounts[i + 1], p.reserveOf(path.get(i)), p.reserveOf(path.get(i + 1)), p.feeBps());
      pools[i] = p;
    }
    if (amounts[0].compareTo(maxIn) > 0) {
      throw AmmError.EXCESSIVE_INPUT.refuse(amounts[0] + " > max_in " + maxIn);
    }
    List<BigInteger> list = List.of(amounts);
    settle(ctx, from, path, List.of(pools), list, to);
    return new Swapped(list);
  }

  /** Moves the route's value: input in, each pool's reserves, output out; checks {@code x·y}. */
  private static void settle(
      CallContext ctx,
      Optional<Address> from,
      List<AssetId> path,
      List<Pool> pools,
      List<BigInteger> amounts,
      Address to) {
    if (from.isPresent()) {
      ctx.debit(from.get(), value(path.get(0), amounts.get(0)));
    }
    for (int i = 0; i < pools.size(); i++) {
      Pool p = pools.get(i);
      AssetId in = path.get(i);
      AssetId out = path.get(i + 1);
      BigInteger rIn = p.reserveOf(in);
      BigInteger rOut = p.reserveOf(out);
      BigInteger newIn = AmmMath.fitsU128(rIn.add(amounts.get(i)), "reserve in");
      BigInteger newOut = rOut.subtract(amounts.get(i + 1));
      checkInvariant(rIn, rOut, newIn, newOut);
      putPool(ctx, p.withReserves(in, newIn, newOut));
    }
    ctx.credit(to, value(path.get(path.size() - 1), amounts.get(amounts.size() - 1)));
  }

  /**
   * Refuses a pool change that lowers {@code x·y} or empties a reserve. The formulas never do
   * (docs/programs/amm.md proves it); this guard keeps a future mistake from draining a pool.
   */
  static void checkInvariant(BigInteger x, BigInteger y, BigInteger x2, BigInteger y2) {
    if (y2.signum() <= 0 || x2.signum() <= 0 || x2.multiply(y2).compareTo(x.multiply(y)) < 0) {
      throw AmmError.INVARIANT_VIOLATED.refuse(x + "·" + y + " -> " + x2 + "·" + y2);
    }
  }

  /** A route: 2..{@link #MAX_PATH} assets, no asset twice (so no pool twice). */
  static void checkPath(List<AssetId> path) {
    if (path.size() < 2 || path.size() > MAX_PATH) {
      throw AmmError.BAD_PATH.refuse(path.size() + " assets");
    }
    Set<AssetId> seen = new HashSet<>();
    for (AssetId a : path) {
      if (!seen.add(a)) {
        throw AmmError.BAD_PATH.refuse(a + " appears twice");
      }
    }
  }

  static Value value(AssetId asset, BigInteger amount) {
    return Value.of(asset, new Amount(amount));
  }

  /** Emits {@code amm.<kind>} with the encoded fields. */
  static void emit(CallContext ctx, String kind, Writer data) {
    ctx.emit(
        Bytes.of(("amm." + kind).getBytes(StandardCharsets.US_ASCII)),
        Bytes.of(data.toByteArray()));
  }

  /** Sorted, de-duplicated keys (for access sets). */
  static List<H256> sorted(List<H256> keys) {
    return List.copyOf(new TreeSet<>(keys));
  }
}
