package dev.aether.consensus;

import java.math.BigInteger;
import java.util.List;

/**
 * How exact ledger stakes (u128) become the {@code long} weights consensus counts with — one
 * deterministic rule that the node and the staking program (evidence checks) share.
 *
 * <p>When the total fits {@link ValidatorSet#MAX_TOTAL_STAKE} the weights are the stakes. Otherwise
 * every stake is floor-divided by one common divisor {@code d = ceil(total / (MAX_TOTAL_STAKE -
 * n))}, and a stake that would become 0 counts 1 — so the total stays below the cap, nobody with
 * stake is dropped, and relative weights change by less than one part in {@code 2^61 / n}.
 */
public final class StakeWeights {
  private StakeWeights() {}

  /**
   * @param stakes positive exact stakes, in set order
   * @return the consensus weights, same order
   * @throws IllegalArgumentException if a stake is not positive or there are more than {@link
   *     dev.aether.types.SignerSet#MAX_VALIDATORS}
   */
  public static long[] of(List<BigInteger> stakes) {
    int n = stakes.size();
    if (n > dev.aether.types.SignerSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException("at most " + dev.aether.types.SignerSet.MAX_VALIDATORS);
    }
    BigInteger total = BigInteger.ZERO;
    for (BigInteger s : stakes) {
      if (s.signum() <= 0) {
        throw new IllegalArgumentException("stakes must be positive");
      }
      total = total.add(s);
    }
    long[] out = new long[n];
    BigInteger cap = BigInteger.valueOf(ValidatorSet.MAX_TOTAL_STAKE);
    if (total.compareTo(cap) <= 0) {
      for (int i = 0; i < n; i++) {
        out[i] = stakes.get(i).longValueExact();
      }
      return out;
    }
    BigInteger room = cap.subtract(BigInteger.valueOf(n));
    BigInteger d = total.add(room).subtract(BigInteger.ONE).divide(room);
    for (int i = 0; i < n; i++) {
      out[i] = Math.max(1, stakes.get(i).divide(d).longValueExact());
    }
    return out;
  }
}
