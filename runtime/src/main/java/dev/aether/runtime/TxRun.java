package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Event;
import dev.aether.types.Tx;
import java.util.List;
import java.util.SortedSet;

/** The per-transaction state every {@link CallContext} of one transaction shares. */
record TxRun(
    BlockContext block,
    Tx tx,
    TxState state,
    Meter meter,
    StepCosts costs,
    RentSchedule rent,
    SortedSet<Address> signers,
    List<Event> events) {}
