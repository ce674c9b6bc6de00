package dev.aether.mempool;

import dev.aether.types.H256;
import java.util.List;

/** The result of offering a transaction to the mempool. */
public sealed interface Admission {
  /** Accepted; {@code evicted} lists transactions it displaced (replacement or a full pool). */
  record Admitted(H256 txId, List<H256> evicted) implements Admission {}

  /** Refused; nothing in the pool changed. */
  record Rejected(Rejection reason, String detail) implements Admission {
    public String message() {
      return reason.code()
          + ": "
          + reason.description()
          + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }
}
