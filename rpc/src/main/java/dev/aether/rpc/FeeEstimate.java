package dev.aether.rpc;

import dev.aether.types.Amount;
import java.util.Objects;

/**
 * A transaction simulated on the committed state, as the next block would run it.
 *
 * @param fee what it would pay there (congestion included)
 * @param steps metered steps it ran
 * @param memBytes memory it was charged for
 * @param multiplierPermille the congestion multiplier it pays (1000 = 1×)
 * @param succeeded false when its calls would fail (it would still pay {@code fee})
 * @param errorCode the ledger's numeric error code of the failure, as receipts carry it (0 when
 *     {@code succeeded})
 * @param suggestedFeeCap {@code fee} with headroom for prices rising while it waits ({@link
 *     #HEADROOM_PERMILLE})
 */
public record FeeEstimate(
    Amount fee,
    long steps,
    long memBytes,
    long multiplierPermille,
    boolean succeeded,
    int errorCode,
    Amount suggestedFeeCap) {
  /** The suggested cap is twice the estimate, as EIP-1559 wallets double the base fee. */
  public static final long HEADROOM_PERMILLE = 2_000;

  public FeeEstimate {
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(suggestedFeeCap, "suggestedFeeCap");
  }
}
