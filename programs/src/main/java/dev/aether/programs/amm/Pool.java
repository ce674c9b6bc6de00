package dev.aether.programs.amm;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One constant-product pool, as stored under {@link AmmKeys#pool}: its pair (canonical order,
 * {@code assetA < assetB}), reserves, LP share supply (the locked minimum included), fee, and the
 * cumulative price accumulators of the TWAP oracle.
 *
 * @param cumulativeA the sum over slots of the price of A in B ({@code reserveB·2^112/reserveA}),
 *     each slot weighted by its length in slots — as Uniswap v2's {@code price0CumulativeLast}, but
 *     an unbounded integer: it never wraps
 * @param cumulativeB the same for the price of B in A
 * @param lastSlot the slot the accumulators were last advanced to
 */
public record Pool(
    AssetId assetA,
    AssetId assetB,
    BigInteger reserveA,
    BigInteger reserveB,
    BigInteger lpSupply,
    int feeBps,
    BigInteger cumulativeA,
    BigInteger cumulativeB,
    long lastSlot) {

  /** Longest encoded accumulator magnitude (2^304 is out of reach: see docs/programs/amm.md). */
  private static final int MAX_ACC_BYTES = 48;

  public static final Codec<Pool> CODEC =
      new Codec<>() {
        @Override
        public void write(Pool p, Writer out) {
          out.u8(1);
          AssetId.CODEC.write(p.assetA, out);
          AssetId.CODEC.write(p.assetB, out);
          Amount.CODEC.write(new Amount(p.reserveA), out);
          Amount.CODEC.write(new Amount(p.reserveB), out);
          Amount.CODEC.write(new Amount(p.lpSupply), out);
          out.u16(p.feeBps);
          writeBig(p.cumulativeA, out);
          writeBig(p.cumulativeB, out);
          out.u64(p.lastSlot);
        }

        @Override
        public Pool read(Reader in) {
          int v = in.u8("Pool version");
          if (v != 1) {
            throw new CodecException.UnknownTag("Pool version", v);
          }
          return new Pool(
              AssetId.CODEC.read(in),
              AssetId.CODEC.read(in),
              Amount.CODEC.read(in).value(),
              Amount.CODEC.read(in).value(),
              Amount.CODEC.read(in).value(),
              in.u16("fee bps"),
              readBig(in, "cumulative A"),
              readBig(in, "cumulative B"),
              in.u64("last slot"));
        }
      };

  public Pool {
    Objects.requireNonNull(assetA, "assetA");
    Objects.requireNonNull(assetB, "assetB");
    if (assetA.compareTo(assetB) >= 0) {
      throw new IllegalArgumentException("pool assets must be in ascending order");
    }
    for (BigInteger v : new BigInteger[] {reserveA, reserveB, lpSupply}) {
      AmmMath.fitsU128(v, "pool amount");
    }
    if (cumulativeA.signum() < 0 || cumulativeB.signum() < 0) {
      throw new IllegalArgumentException("negative accumulator");
    }
  }

  /** A new, empty pool. */
  static Pool empty(AssetId a, AssetId b, int feeBps, long slot) {
    return new Pool(
        a,
        b,
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.ZERO,
        feeBps,
        BigInteger.ZERO,
        BigInteger.ZERO,
        slot);
  }

  /** The pool's LP share token. */
  public AssetId lpAsset() {
    return AmmKeys.lpAsset(assetA, assetB);
  }

  /** The reserve of {@code asset} (one of the pair). */
  public BigInteger reserveOf(AssetId asset) {
    if (asset.equals(assetA)) {
      return reserveA;
    }
    if (asset.equals(assetB)) {
      return reserveB;
    }
    throw new IllegalArgumentException(asset + " is not in this pool");
  }

  /** This pool with the reserve of {@code asset} set to {@code r} and the other to {@code o}. */
  Pool withReserves(AssetId asset, BigInteger r, BigInteger o) {
    return asset.equals(assetA)
        ? new Pool(assetA, assetB, r, o, lpSupply, feeBps, cumulativeA, cumulativeB, lastSlot)
        : new Pool(assetA, assetB, o, r, lpSupply, feeBps, cumulativeA, cumulativeB, lastSlot);
  }

  Pool withLiquidity(BigInteger rA, BigInteger rB, BigInteger supply) {
    return new Pool(assetA, assetB, rA, rB, supply, feeBps, cumulativeA, cumulativeB, lastSlot);
  }

  /**
   * The accumulators advanced to {@code slot} at the current reserves (Uniswap v2's {@code
   * _update}, run before the first change of a slot): the price that held since {@code lastSlot}
   * counts for every slot in between. Nothing changes within one slot, so a price is recorded as it
   * stood when the slot began.
   */
  Pool advancedTo(long slot) {
    if (slot <= lastSlot) {
      return this;
    }
    BigInteger elapsed = BigInteger.valueOf(slot - lastSlot);
    return new Pool(
        assetA,
        assetB,
        reserveA,
        reserveB,
        lpSupply,
        feeBps,
        cumulativeA.add(AmmMath.price(reserveA, reserveB).multiply(elapsed)),
        cumulativeB.add(AmmMath.price(reserveB, reserveA).multiply(elapsed)),
        slot);
  }

  /** The accumulator of the price of {@code base} (one of the pair) in the other asset. */
  public BigInteger cumulativeOf(AssetId base) {
    return base.equals(assetA) ? cumulativeA : cumulativeB;
  }

  private static void writeBig(BigInteger v, Writer out) {
    if (v.signum() == 0) {
      out.bytes(new byte[0]);
      return;
    }
    byte[] raw = v.toByteArray();
    int skip = raw[0] == 0 ? 1 : 0;
    if (raw.length - skip > MAX_ACC_BYTES) {
      throw new IllegalArgumentException("accumulator over " + MAX_ACC_BYTES + " bytes");
    }
    out.bytes(java.util.Arrays.copyOfRange(raw, skip, raw.length));
  }

  private static BigInteger readBig(Reader in, String what) {
    byte[] mag = in.bytes(what, MAX_ACC_BYTES);
    if (mag.length > 0 && mag[0] == 0) {
      throw new CodecException.NonCanonical(what + ": leading zero byte");
    }
    return new BigInteger(1, mag);
  }
}
