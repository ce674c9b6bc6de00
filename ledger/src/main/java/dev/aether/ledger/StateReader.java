package dev.aether.ledger;

import dev.aether.types.H256;
import java.util.Optional;

/** Read access to state objects by key. */
@FunctionalInterface
public interface StateReader {
  Optional<StateObject> get(H256 key);
}
