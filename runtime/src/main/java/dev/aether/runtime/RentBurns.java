package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.Receipt;
import dev.aether.types.ValueEvent;
import java.util.List;

/**
 * The SWR one transaction burns from its payer for storage rent and code deposits, reported after
 * its calls' own events as one {@code debit} of the payer and one {@code burn}, both caused {@code
 * rent} and emitted by the ledger (docs/adr/0062) — two events per transaction, however many slots
 * it writes. Their two places count against the receipt's event bound from the first burn on.
 */
final class RentBurns {
  static final String CAUSE = "rent";

  private Amount total = Amount.ZERO;

  /** Adds {@code amount} burned; refused if the events so far leave no room for the pair. */
  void add(Amount amount, int eventsSoFar) {
    if (total.isZero() && eventsSoFar + 2 > Receipt.MAX_EVENTS) {
      throw new RuntimeError.EventLimit("more than " + Receipt.MAX_EVENTS + " events");
    }
    total = total.add(amount);
  }

  /** The event places the pair holds: 2 once anything is burned, else 0. */
  int reserved() {
    return total.isZero() ? 0 : 2;
  }

  /** The pair for {@code payer}, or nothing if the transaction burned nothing. */
  List<Event> events(Address payer) {
    if (total.isZero()) {
      return List.of();
    }
    return List.of(
        ValueEvent.debit(payer, AssetId.SWR, total, CAUSE, Bytes.EMPTY)
            .toEvent(BlockReceipt.LEDGER),
        ValueEvent.burn(AssetId.SWR, total, CAUSE, Bytes.EMPTY).toEvent(BlockReceipt.LEDGER));
  }
}
