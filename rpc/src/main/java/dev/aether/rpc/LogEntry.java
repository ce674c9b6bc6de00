package dev.aether.rpc;

import dev.aether.types.Event;
import dev.aether.types.H256;

/**
 * One event found by {@code aeth_getLogs}, with where it happened.
 *
 * @param txIndex the transaction's index in its block
 * @param logIndex the event's index in its transaction's receipt
 */
public record LogEntry(
    long blockHeight, H256 blockHash, H256 txHash, int txIndex, int logIndex, Event event) {}
