package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import java.util.List;
import java.util.Objects;

/**
 * What one address has at stake: its delegations with the rewards they have earned and not yet
 * claimed, and its unbonding entries with the epoch each can be withdrawn from.
 *
 * @param address the delegator (or operator)
 * @param epoch the current epoch (of the latest block)
 * @param delegations one per validator it delegates to
 * @param unbonding its unbonding entries
 * @param pendingRewards rewards claimable now, summed over its delegations
 */
public record StakeInfo(
    Address address,
    long epoch,
    List<Delegation> delegations,
    List<Unbonding> unbonding,
    Amount pendingRewards) {
  public StakeInfo {
    Objects.requireNonNull(address, "address");
    delegations = List.copyOf(delegations);
    unbonding = List.copyOf(unbonding);
    Objects.requireNonNull(pendingRewards, "pendingRewards");
  }

  /**
   * @param lockedUntilEpoch stake redelegated here stays until then (0: not locked)
   */
  public record Delegation(
      Address validator, Amount amount, Amount pendingRewards, long lockedUntilEpoch) {}

  /** An unbonding entry started in {@code epoch}. */
  public record Unbonding(
      Address validator, long epoch, Amount amount, long withdrawableFromEpoch) {}
}
