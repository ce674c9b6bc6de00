package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;

/**
 * Consensus wants to propose in {@code slot}/{@code round} on top of {@code parent}: the driver
 * picks transactions, executes them on the parent's state and answers with {@link
 * Event.PayloadReady}.
 */
public record PayloadRequest(long slot, long round, Block parent, Bytes vrfProof) {}
