package dev.aether.rpc;

import dev.aether.types.H256;
import java.util.Objects;

/** What the node did with a submitted transaction. */
public sealed interface SubmitResult {
  /** Admitted to the mempool; {@code txId} is the transaction id. */
  record Accepted(H256 txId) implements SubmitResult {
    public Accepted {
      Objects.requireNonNull(txId, "txId");
    }
  }

  /**
   * Refused at admission.
   *
   * @param reason stable machine-readable code, e.g. {@code codec.truncated} or {@code
   *     mempool.fee_too_low}; clients branch on it
   * @param message one human-readable sentence
   */
  record Rejected(String reason, String message) implements SubmitResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
