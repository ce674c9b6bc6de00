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
   * @param retry whether the client may retry: {@code later} (the same bytes may be admitted
   *     later), {@code raise_fee} (a new transaction with a higher fee cap may), or {@code never}
   */
  record Rejected(String reason, String message, String retry) implements SubmitResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(retry, "retry");
    }

    /** A refusal that retrying cannot change. */
    public Rejected(String reason, String message) {
      this(reason, message, "never");
    }
  }
}
