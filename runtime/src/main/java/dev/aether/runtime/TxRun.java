package dev.aether.runtime;

import dev.aether.ledger.TxContext;
import dev.aether.ledger.TxState;
import dev.aether.types.Event;
import java.util.List;

/** The per-transaction state every {@link CallContext} of one transaction shares. */
record TxRun(
    TxContext tx,
    TxState state,
    Meter meter,
    StepCosts costs,
    RentSchedule rent,
    long epoch,
    List<Event> events,
    java.util.Deque<dev.aether.types.H256> running,
    RentBurns rentBurns) {
  TxRun(
      TxContext tx,
      TxState state,
      Meter meter,
      StepCosts costs,
      RentSchedule rent,
      long epoch,
      List<Event> events) {
    this(
        tx,
        state,
        meter,
        costs,
        rent,
        epoch,
        events,
        new java.util.ArrayDeque<>(),
        new RentBurns());
  }
}
