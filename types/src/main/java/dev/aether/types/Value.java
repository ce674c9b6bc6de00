package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A multi-asset value: amounts keyed by asset, sorted by asset id, zero amounts omitted. That
 * normal form is what makes the encoding canonical: two equal values have equal bytes.
 */
public record Value(SortedMap<AssetId, Amount> amounts) {
  public static final int MAX_ASSETS = 64;
  public static final Value EMPTY = new Value(new TreeMap<>());

  public static final Codec<Value> CODEC =
      new Codec<>() {
        @Override
        public void write(Value v, Writer out) {
          out.u32(v.amounts.size());
          for (Map.Entry<AssetId, Amount> e : v.amounts.entrySet()) {
            AssetId.CODEC.write(e.getKey(), out);
            Amount.CODEC.write(e.getValue(), out);
          }
        }

        @Override
        public Value read(Reader in) {
          int n = in.length("Value assets", MAX_ASSETS);
          TreeMap<AssetId, Amount> m = new TreeMap<>();
          AssetId prev = null;
          for (int i = 0; i < n; i++) {
            AssetId asset = AssetId.CODEC.read(in);
            Amount amount = Amount.CODEC.read(in);
            if (prev != null && prev.compareTo(asset) >= 0) {
              throw new CodecException.NonCanonical("Value assets not strictly ascending");
            }
            if (amount.isZero()) {
              throw new CodecException.NonCanonical("Value holds a zero amount");
            }
            m.put(asset, amount);
            prev = asset;
          }
          return new Value(m);
        }
      };

  public Value {
    TreeMap<AssetId, Amount> copy = new TreeMap<>();
    amounts.forEach(
        (k, v) -> {
          if (!v.isZero()) {
            copy.put(k, v);
          }
        });
    if (copy.size() > MAX_ASSETS) {
      throw new IllegalArgumentException("a Value holds at most " + MAX_ASSETS + " assets");
    }
    amounts = Collections.unmodifiableSortedMap(copy);
  }

  public static Value of(AssetId asset, Amount amount) {
    TreeMap<AssetId, Amount> m = new TreeMap<>();
    m.put(asset, amount);
    return new Value(m);
  }

  public static Value of(AssetId asset, long amount) {
    return of(asset, Amount.of(amount));
  }

  public Amount get(AssetId asset) {
    return amounts.getOrDefault(asset, Amount.ZERO);
  }

  public boolean isEmpty() {
    return amounts.isEmpty();
  }

  /** Per-asset sum; throws {@link Amount.AmountOverflowException} past 2^128 - 1. */
  public Value add(Value other) {
    TreeMap<AssetId, Amount> m = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> m.merge(k, v, Amount::add));
    return new Value(m);
  }

  /** Per-asset difference; throws {@link Amount.AmountOverflowException} if any goes negative. */
  public Value subtract(Value other) {
    TreeMap<AssetId, Amount> m = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> m.put(k, m.getOrDefault(k, Amount.ZERO).subtract(v)));
    return new Value(m);
  }

  /** True when every asset amount here is at least the amount in {@code other}. */
  public boolean covers(Value other) {
    for (Map.Entry<AssetId, Amount> e : other.amounts.entrySet()) {
      if (get(e.getKey()).compareTo(e.getValue()) < 0) {
        return false;
      }
    }
    return true;
  }
}
