package dev.aether.runtime;

import dev.aether.types.H256;
import java.util.Map;
import java.util.Optional;

/** Finds the program a call addresses: native programs by fixed id, contracts in the state. */
@FunctionalInterface
public interface Programs {
  Optional<Program> find(H256 programId, CallContext ctx);

  /** A fixed table of native programs. */
  static Programs natives(Map<H256, Program> table) {
    Map<H256, Program> copy = Map.copyOf(table);
    return (id, ctx) -> Optional.ofNullable(copy.get(id));
  }

  /** These programs first, then {@code next}. */
  default Programs orElse(Programs next) {
    return (id, ctx) -> {
      Optional<Program> p = find(id, ctx);
      return p.isPresent() ? p : next.find(id, ctx);
    };
  }
}
