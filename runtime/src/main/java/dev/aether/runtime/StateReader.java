package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.Optional;

/**
 * Read access to the state a block executes against: the parent block's committed state. The
 * executors only read through it; they never write to it, so one reader can serve a proposer and
 * several re-executing validators at once. Implementations must be safe for concurrent reads.
 */
@FunctionalInterface
public interface StateReader {
  /** The value stored under {@code key}, or empty when the key is absent. */
  Optional<Bytes> get(H256 key);
}
