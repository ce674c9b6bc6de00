package dev.aether.rpc;

import dev.aether.types.Amount;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's active parameters ({@code aeth_getParams}): the protocol version, a scheduled
 * upgrade, every governable parameter's value by name, the treasury's SWR and the governance
 * program's counters.
 */
public record ParamsInfo(
    long height,
    int protocolVersion,
    Optional<ProposalInfo.Upgrade> upgrade,
    Map<String, String> params,
    Amount treasury,
    long nextProposalId,
    java.util.List<Long> activeProposals,
    Amount burnedDeposits) {}
