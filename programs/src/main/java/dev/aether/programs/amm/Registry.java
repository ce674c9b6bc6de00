package dev.aether.programs.amm;

import dev.aether.runtime.CallContext;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/** The list of pools (their pairs, ascending), for listing; bounded by {@code max_pools}. */
final class Registry {
  private Registry() {}

  /** One listed pool's pair, {@code a < b}. */
  record Pair(AssetId a, AssetId b) implements Comparable<Pair> {
    static final Codec<Pair> CODEC =
        new Codec<>() {
          @Override
          public void write(Pair p, Writer out) {
            AssetId.CODEC.write(p.a, out);
            AssetId.CODEC.write(p.b, out);
          }

          @Override
          public Pair read(Reader in) {
            return new Pair(AssetId.CODEC.read(in), AssetId.CODEC.read(in));
          }
        };

    @Override
    public int compareTo(Pair o) {
      int c = a.compareTo(o.a);
      return c != 0 ? c : b.compareTo(o.b);
    }
  }

  static final Codec<List<Pair>> CODEC =
      new Codec<>() {
        @Override
        public void write(List<Pair> v, Writer out) {
          out.list(v, Pair.CODEC);
        }

        @Override
        public List<Pair> read(Reader in) {
          return new ArrayList<>(
              in.list("pools", dev.aether.genesis.GenesisConfig.Amm.MAX_POOLS, Pair.CODEC));
        }
      };

  static List<Pair> read(CallContext ctx) {
    return ctx.readData(AmmKeys.registry())
        .map(b -> Amm.decode(CODEC, b, AmmKeys.registry()))
        .orElse(new ArrayList<>());
  }

  static void write(CallContext ctx, List<Pair> pairs) {
    ctx.writeData(AmmKeys.registry(), Bytes.of(CODEC.encode(pairs)));
  }

  static List<Pair> insert(List<Pair> pairs, AssetId a, AssetId b) {
    List<Pair> out = new ArrayList<>(pairs);
    Pair p = new Pair(a, b);
    int i = java.util.Collections.binarySearch(out, p);
    if (i < 0) {
      out.add(-i - 1, p);
    }
    return out;
  }
}
