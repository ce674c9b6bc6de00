package dev.aether.ledger;

import dev.aether.types.Receipt;

/** What happened to one transaction: applied (succeeded or failed, with a receipt) or rejected. */
public sealed interface TxOutcome {
  /** Included in the block; the receipt says whether it succeeded and what it paid. */
  record Applied(Receipt receipt) implements TxOutcome {}

  /** Not includable: broke a validation rule; nothing changed. */
  record Rejected(LedgerError error) implements TxOutcome {}
}
