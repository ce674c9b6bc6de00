package dev.aether.rpc;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import java.util.List;

/**
 * What a swap along {@code path} would move now ({@code aeth_quoteSwap}): the amount at every step,
 * first in, last out, and each hop's fee.
 */
public record SwapQuote(List<AssetId> path, List<Amount> amounts, List<Integer> feesBps) {
  public SwapQuote {
    path = List.copyOf(path);
    amounts = List.copyOf(amounts);
    feesBps = List.copyOf(feesBps);
  }
}
