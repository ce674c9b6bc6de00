package dev.aether.rpc;

import dev.aether.types.Amount;

/**
 * AIC supply accounting ({@code aeth_getAicSupply}): minted at genesis, held in the job escrow's
 * custody (posters' escrow, providers' bonds), burned, and what accounts hold; plus the escrow's
 * running totals.
 */
public record AicSupplyInfo(
    Amount minted,
    Amount circulating,
    Amount escrowed,
    Amount bonded,
    Amount burned,
    Amount paid,
    Amount refunded,
    Amount rewarded,
    Amount returned,
    Amount forfeited) {}
