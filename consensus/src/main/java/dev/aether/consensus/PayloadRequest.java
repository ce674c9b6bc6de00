package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;

/**
 * Consensus wants to propose in {@code slot}/{@code round} of consensus epoch {@code epoch} on top
 * of {@code parent}: the driver picks transactions, executes them on the parent's state and answers
 * with {@link Event.PayloadReady}. When {@code empty} the block must carry no transactions: it only
 * helps finalize the block that ends its epoch and is never committed itself (docs/adr/0025).
 */
public record PayloadRequest(
    long epoch, long slot, long round, Block parent, Bytes vrfProof, boolean empty) {}
