package dev.aether.rpc;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events {@code aeth_getLogs} returns: those of successful transactions in blocks {@code
 * fromBlock..toBlock} (inclusive), emitted by {@code contract} and with {@code topic} when given.
 * The range is bounded ({@link #MAX_BLOCKS}) and so is the answer ({@link #MAX_LOGS}): a query that
 * would return more is refused, so no request can make a node scan or send without bound.
 */
public record LogFilter(
    Optional<H256> contract, Optional<Bytes> topic, long fromBlock, long toBlock) {
  /** Most blocks one query may span. */
  public static final int MAX_BLOCKS = 1_024;

  /** Most events one answer may hold. */
  public static final int MAX_LOGS = 1_000;

  public LogFilter {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(topic, "topic");
    if (fromBlock < 0 || toBlock < fromBlock) {
      throw new IllegalArgumentException("need 0 <= fromBlock <= toBlock");
    }
  }
}
