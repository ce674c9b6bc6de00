package dev.aether.ledger;

import dev.aether.types.AssetId;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The events of a block's own work — the fees shared out, then every {@link BlockHook} — in the
 * order they are emitted; they become the block's {@link BlockReceipt}. Whoever changes an
 * account's balance at the end of a block emits the matching {@link ValueEvent} here (a credit or a
 * debit per account and asset), so the block's records say where every unit went (docs/adr/0054).
 * The ledger checks that promise while tests run ({@link #unexplained}).
 */
public final class BlockEvents {
  private final List<Event> events = new ArrayList<>();

  /**
   * Records {@code event}, emitted by {@code emitter} (a program id, or {@link
   * BlockReceipt#LEDGER}).
   */
  public void emit(H256 emitter, ValueEvent event) {
    emit(event.toEvent(emitter));
  }

  /** Records an event that moves no value (or is already in its {@link Event} form). */
  public void emit(Event event) {
    if (events.size() >= BlockReceipt.MAX_EVENTS) {
      // The programs' own bounds keep a block far below this (docs/adr/0053): reaching it is a bug.
      throw new IllegalStateException(
          "a block's own work emitted more than " + BlockReceipt.MAX_EVENTS + " events");
    }
    events.add(event);
  }

  /** The events so far, in order. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /**
   * Where the balance changes a block's own work made ({@code changes} over {@code before}) and its
   * {@code events} disagree: for every account and asset, the credits minus the debits must equal
   * the change of the balance. Empty when they agree, else a description of the first difference.
   * The ledger asserts this on every block it seals (Java assertions, on in every test run), so a
   * hook that moves value without saying so fails the tests that exercise it.
   */
  public static Optional<String> unexplained(
      StateReader before, SortedMap<H256, Optional<StateObject>> changes, List<Event> events) {
    TreeMap<H256, TreeMap<AssetId, BigInteger>> said = new TreeMap<>();
    TreeMap<H256, String> names = new TreeMap<>();
    for (ValueEvent.Emitted e : ValueEvent.of(events)) {
      ValueEvent v = e.event();
      if (v.movesBalance()) {
        H256 key = StateKeys.account(v.account().orElseThrow());
        names.put(key, v.account().get().toString());
        said.computeIfAbsent(key, k -> new TreeMap<>())
            .merge(v.asset(), v.balanceDelta(), BigInteger::add);
      }
    }
    TreeMap<H256, TreeMap<AssetId, BigInteger>> did = new TreeMap<>();
    for (Map.Entry<H256, Optional<StateObject>> c : changes.entrySet()) {
      Optional<StateObject> old = before.get(c.getKey());
      boolean wasAccount = old.isPresent() && old.get() instanceof StateObject.Account;
      boolean isAccount =
          c.getValue().isPresent() && c.getValue().get() instanceof StateObject.Account;
      if (!wasAccount && !isAccount) {
        continue;
      }
      TreeMap<AssetId, BigInteger> delta = new TreeMap<>();
      if (isAccount) {
        ((StateObject.Account) c.getValue().get())
            .balance()
            .amounts()
            .forEach((a, x) -> delta.merge(a, x.value(), BigInteger::add));
      }
      if (wasAccount) {
        ((StateObject.Account) old.get())
            .balance()
            .amounts()
            .forEach((a, x) -> delta.merge(a, x.value().negate(), BigInteger::add));
      }
      did.put(c.getKey(), delta);
    }
    for (TreeMap<H256, TreeMap<AssetId, BigInteger>> m : List.of(said, did)) {
      m.values().forEach(d -> d.values().removeIf(x -> x.signum() == 0));
      m.values().removeIf(Map::isEmpty);
    }
    if (said.equals(did)) {
      return Optional.empty();
    }
    TreeMap<H256, Boolean> keys = new TreeMap<>();
    said.keySet().forEach(k -> keys.put(k, true));
    did.keySet().forEach(k -> keys.put(k, true));
    for (H256 k : keys.keySet()) {
      Map<AssetId, BigInteger> s = said.getOrDefault(k, new TreeMap<>());
      Map<AssetId, BigInteger> d = did.getOrDefault(k, new TreeMap<>());
      if (!s.equals(d)) {
        return Optional.of(
            "account "
                + names.getOrDefault(k, "with state key " + k)
                + ": the block's events say "
                + s
                + " but its balance changed by "
                + d);
      }
    }
    throw new AssertionError("unreachable: maps differ but no key differs");
  }
}
