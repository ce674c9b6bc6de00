package dev.aether.ledger;

import dev.aether.types.Amount;
import dev.aether.types.Tx;
import java.math.BigInteger;

/** The one formula every fee on the chain comes from: the schedule's fee times the multiplier. */
public final class Fees {
  private static final BigInteger THOUSAND = BigInteger.valueOf(FeeMultipliers.UNIT);

  private Fees() {}

  /**
   * {@code schedule}'s fee for the usage, times {@code multipliers}' permille for {@code tx},
   * rounded up (the payer, not the chain, absorbs the rounding); saturates at {@link Amount#MAX}.
   */
  public static Amount of(
      FeeSchedule schedule,
      FeeMultipliers multipliers,
      Tx tx,
      int txBytes,
      long steps,
      long memBytes) {
    Amount base = schedule.fee(tx, txBytes, steps, memBytes);
    return scale(base, multipliers.permilleFor(tx));
  }

  /** {@code fee · permille / 1000}, rounded up, saturating at {@link Amount#MAX}. */
  public static Amount scale(Amount fee, long permille) {
    if (permille == FeeMultipliers.UNIT) {
      return fee;
    }
    if (permille < FeeMultipliers.UNIT) {
      throw new IllegalArgumentException("multiplier below 1x: " + permille);
    }
    BigInteger[] qr =
        fee.value().multiply(BigInteger.valueOf(permille)).divideAndRemainder(THOUSAND);
    BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return up.compareTo(Amount.MAX_VALUE) > 0 ? Amount.MAX : new Amount(up);
  }
}
