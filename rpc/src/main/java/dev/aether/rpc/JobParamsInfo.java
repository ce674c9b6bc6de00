package dev.aether.rpc;

import dev.aether.types.Amount;

/**
 * The job escrow's parameters ({@code aeth_getJobParams}), as the state holds them (genesis {@code
 * [jobs]}, then governance): what a client needs to post (burn per J-unit), accept (minimum bond
 * ratio), challenge (bond, window) and turn a relative deadline into a slot (slot length).
 *
 * @param minBondRatio as {@code "n/d"}
 * @param challengerShare as {@code "n/d"}
 * @param twapWindowSlots the least span of the AIC/USDT average a stablecoin payout is valued at
 * @param stableHaircutBps the part of a stablecoin payout's value withheld (basis points)
 */
public record JobParamsInfo(
    long challengeWindowSlots,
    Amount burnPerJUnit,
    Amount challengeBond,
    String minBondRatio,
    String challengerShare,
    long slotMs,
    boolean allowDevTee,
    long timeOriginMs,
    int maxProviders,
    long twapWindowSlots,
    int stableHaircutBps) {}
