package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What one program invocation may do: read and write declared state (metered, access-checked), move
 * balances, keep rent-paying storage and emit events. Native programs and the WebAssembly host
 * functions both go through it, so both are metered and checked alike.
 */
public final class CallContext {
  private final TxRun run;
  private final H256 self;

  CallContext(TxRun run, H256 self) {
    this.run = run;
    this.self = self;
  }

  /** The program being run. */
  public H256 self() {
    return self;
  }

  /** The account of a program (contracts hold balances like anyone else). */
  public static Address programAddress(H256 program) {
    return new Address(program);
  }

  /** The transaction's payer: the caller every program sees. */
  public Address caller() {
    return run.tx().body().payer();
  }

  public boolean signedBy(Address a) {
    return run.signers().contains(a);
  }

  public SortedSet<Address> signers() {
    return run.signers();
  }

  public BlockContext block() {
    return run.block();
  }

  public Tx tx() {
    return run.tx();
  }

  public Meter meter() {
    return run.meter();
  }

  public StepCosts costs() {
    return run.costs();
  }

  /** Reads a declared key, charging a read plus its bytes. */
  public Optional<Bytes> read(H256 key) {
    run.meter().steps(run.costs().stateRead());
    Optional<Bytes> v = run.state().get(key);
    v.ifPresent(b -> run.meter().steps(FeeSchedule.satMul(run.costs().perByte(), b.length())));
    return v;
  }

  /** Writes a declared key, charging a write and the stored bytes as memory. */
  public void write(H256 key, Bytes value) {
    run.meter().steps(run.costs().stateWrite());
    run.meter().memory(RentSchedule.KEY_BYTES + (long) value.length());
    run.state().put(key, value);
  }

  public void delete(H256 key) {
    run.meter().steps(run.costs().stateWrite());
    run.state().delete(key);
  }

  /** The state key of storage slot {@code slot} of {@code program}. */
  public static H256 storageKey(H256 program, H256 slot) {
    return Hashing.tagged("aether/storage/v1", program.toArray(), slot.toArray());
  }

  /**
   * This program's storage value at {@code slot}; fails with {@link RuntimeError.RentExpired} when
   * its rent has run out.
   */
  public Optional<Bytes> storageGet(H256 slot) {
    H256 key = storageKey(self, slot);
    Optional<StoredObject> o = read(key).map(b -> decodeStored(b));
    if (o.isPresent() && !o.get().liveAt(run.block().epoch())) {
      throw new RuntimeError.RentExpired(key, o.get().paidThroughEpoch(), run.block().epoch());
    }
    return o.map(StoredObject::value);
  }

  /** Sets this program's storage at {@code slot}, paying rent as {@link RentSchedule} says. */
  public void storageSet(H256 slot, Bytes value) {
    if (value.length() > StoredObject.MAX_VALUE) {
      throw new RuntimeError.BadArguments("storage value over " + StoredObject.MAX_VALUE);
    }
    H256 key = storageKey(self, slot);
    long epoch = run.block().epoch();
    if (!run.state().access().mayWrite(key)) {
      throw new RuntimeError.AccessViolation(key, true);
    }
    Optional<StoredObject> old = read(key).map(b -> decodeStored(b));
    run.meter().rent(run.rent().chargeForWrite(old, value.length(), epoch));
    StoredObject next = new StoredObject(value, run.rent().paidThroughAfterWrite(epoch));
    write(key, Bytes.of(StoredObject.CODEC.encode(next)));
  }

  public void storageDelete(H256 slot) {
    delete(storageKey(self, slot));
  }

  private static StoredObject decodeStored(Bytes b) {
    return StoredObject.CODEC.decode(b.toArray());
  }

  /** The account of {@code owner}, empty when it has never been written. */
  public Account account(Address owner) {
    return read(Account.key(owner))
        .map(b -> Account.CODEC.decode(b.toArray()))
        .orElse(Account.EMPTY);
  }

  public void putAccount(Address owner, Account a) {
    write(Account.key(owner), Bytes.of(Account.CODEC.encode(a)));
  }

  /**
   * Moves {@code amount} of {@code asset} between accounts. Authorisation is the caller's job:
   * programs check that {@code from} signed, or is themselves.
   */
  public void transfer(Address from, Address to, AssetId asset, Amount amount) {
    run.meter().steps(run.costs().transfer());
    Value v = Value.of(asset, amount);
    Account src = account(from);
    if (!src.balance().covers(v)) {
      throw new RuntimeError.InsufficientFunds(
          from + " holds " + src.balance().get(asset) + " " + asset + ", needs " + amount);
    }
    putAccount(from, new Account(src.balance().subtract(v), src.nonce()));
    Account dst = account(to);
    try {
      putAccount(to, new Account(dst.balance().add(v), dst.nonce()));
    } catch (Amount.AmountOverflowException e) {
      throw new RuntimeError.Overflow("balance of " + to + " past 2^128-1");
    }
  }

  /** Emits an event into the receipt (kept only if the transaction succeeds). */
  public void emit(Bytes topic, Bytes data) {
    run.meter()
        .steps(
            FeeSchedule.sat(
                run.costs().emitEvent(),
                FeeSchedule.satMul(run.costs().perByte(), topic.length() + (long) data.length())));
    List<Event> events = run.events();
    if (events.size() >= Receipt.MAX_EVENTS) {
      throw new RuntimeError.EventLimit("more than " + Receipt.MAX_EVENTS + " events");
    }
    if (topic.length() > Event.MAX_TOPIC || data.length() > Event.MAX_DATA) {
      throw new RuntimeError.EventLimit("event topic/data over limit");
    }
    events.add(new Event(self, topic, data));
  }
}
