package dev.aether.programs.amm;

import dev.aether.genesis.GenesisConfig;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * The AMM program's parameters, in the state under {@link AmmKeys#params()} (from genesis {@code
 * [amm]}; governance may change them).
 *
 * @param feeBps the swap fee of pools created from now on (existing pools keep theirs)
 * @param maxPools the most pools the registry lists
 */
public record AmmParams(int feeBps, int maxPools) {
  public static final Codec<AmmParams> CODEC =
      new Codec<>() {
        @Override
        public void write(AmmParams p, Writer out) {
          out.u16(p.feeBps).u32(p.maxPools);
        }

        @Override
        public AmmParams read(Reader in) {
          try {
            return new AmmParams(in.u16("fee bps"), (int) in.u32("max pools"));
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("AmmParams: " + e.getMessage());
          }
        }
      };

  public AmmParams {
    if (feeBps < 1 || feeBps > GenesisConfig.Amm.MAX_FEE_BPS) {
      throw new IllegalArgumentException("fee_bps must be 1.." + GenesisConfig.Amm.MAX_FEE_BPS);
    }
    if (maxPools < 1 || maxPools > GenesisConfig.Amm.MAX_POOLS) {
      throw new IllegalArgumentException("max_pools must be 1.." + GenesisConfig.Amm.MAX_POOLS);
    }
  }

  static AmmParams of(GenesisConfig.Amm g) {
    return new AmmParams(g.feeBps(), g.maxPools());
  }
}
