package dev.aether.rpc;

import dev.aether.types.Amount;

/**
 * The job escrow's parameters ({@code aeth_getJobParams}), from genesis {@code [jobs]}: what a
 * client needs to post (burn per J-unit), accept (minimum bond ratio), challenge (bond, window) and
 * turn a relative deadline into a slot (slot length).
 *
 * @param minBondRatio as {@code "n/d"}
 * @param challengerShare as {@code "n/d"}
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
    int maxProviders) {}
