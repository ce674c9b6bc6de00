package dev.aether.runtime;

import dev.aether.types.Bytes;

/**
 * Code a transaction can call: a native program or a deployed WebAssembly contract. An invocation
 * touches state only through its {@link CallContext}, which checks access and meters every step.
 */
public interface Program {
  /**
   * Runs {@code method}. Failure is a thrown {@link RuntimeError}; the transaction then pays its
   * fee and keeps no other change.
   */
  void invoke(CallContext ctx, String method, Bytes args);
}
