package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.ValueEvent;
import org.junit.jupiter.api.Test;

/** A transaction's rent burns: one debit-and-burn pair for the total, inside the event bound. */
class RentBurnsTest {
  private static final Address PAYER = new Address(H256.of(new byte[32]));

  @Test
  void manyBurnsMakeOnePairForTheirTotal() {
    RentBurns b = new RentBurns();
    assertThat(b.events(PAYER)).isEmpty();
    assertThat(b.reserved()).isZero();
    b.add(Amount.of(40), 0);
    b.add(Amount.of(2), 5);
    assertThat(b.reserved()).isEqualTo(2);
    assertThat(ValueEvent.of(b.events(PAYER)))
        .containsExactly(
            new ValueEvent.Emitted(
                BlockReceipt.LEDGER,
                ValueEvent.debit(PAYER, AssetId.SWR, Amount.of(42), "rent", Bytes.EMPTY)),
            new ValueEvent.Emitted(
                BlockReceipt.LEDGER,
                ValueEvent.burn(AssetId.SWR, Amount.of(42), "rent", Bytes.EMPTY)));
  }

  @Test
  void theFirstBurnNeedsRoomForThePairAndLaterOnesNoMore() {
    RentBurns full = new RentBurns();
    assertThatThrownBy(() -> full.add(Amount.of(1), Receipt.MAX_EVENTS - 1))
        .isInstanceOf(RuntimeError.EventLimit.class);
    assertThat(full.reserved()).as("a refused burn reserves nothing").isZero();
    RentBurns room = new RentBurns();
    room.add(Amount.of(1), Receipt.MAX_EVENTS - 2);
    room.add(Amount.of(1), Receipt.MAX_EVENTS - 2);
    assertThat(room.events(PAYER)).hasSize(2);
  }
}
