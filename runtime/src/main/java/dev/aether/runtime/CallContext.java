package dev.aether.runtime;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.TxContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one program invocation may do: read and write the transaction's declared state (metered; the
 * ledger's {@link dev.aether.ledger.TxState} checks access), move balances, keep rent-paying
 * storage and emit events. Native programs and the WebAssembly host functions both go through it,
 * so both are metered and checked alike.
 */
public final class CallContext {
  private final TxRun run;
  private final H256 self;
  private final Address caller;
  private final int depth;
  private Bytes returnData = Bytes.EMPTY;

  CallContext(TxRun run, H256 self) {
    this(run, self, run.tx().tx().body().payer(), 0);
  }

  private CallContext(TxRun run, H256 self, Address caller, int depth) {
    this.run = run;
    this.self = self;
    this.caller = caller;
    this.depth = depth;
  }

  /**
   * The context of a call from this program into {@code callee}: its caller is this program's
   * account, one level deeper. Refuses to go deeper than {@code maxDepth} nested calls, and to
   * enter a contract that is already running in this transaction (re-entrancy, the source of a
   * whole class of contract bugs, is not allowed).
   */
  public CallContext nested(H256 callee, int maxDepth) {
    if (depth + 1 > maxDepth) {
      throw new RuntimeError.StackExhausted("more than " + maxDepth + " nested contract calls");
    }
    if (run.running().contains(callee)) {
      throw new RuntimeError.Reentrancy(callee);
    }
    return new CallContext(run, callee, programAddress(self), depth + 1);
  }

  /** Marks this program as running (for the re-entrancy rule) until {@link #exit}. */
  public void enter() {
    run.running().push(self);
  }

  public void exit() {
    run.running().pop();
  }

  /** The program being run. */
  public H256 self() {
    return self;
  }

  /** Nested calls above this one (0 for a call of the transaction itself). */
  public int depth() {
    return depth;
  }

  /** The block's height. */
  public long height() {
    return run.tx().block().height();
  }

  /** The block's slot. */
  public long slot() {
    return run.tx().block().slot();
  }

  /** What this call returns to its caller (a contract, or a simulation); empty by default. */
  public Bytes returnData() {
    return returnData;
  }

  public void setReturnData(Bytes data) {
    this.returnData = java.util.Objects.requireNonNull(data);
  }

  /** The account of a program (contracts hold balances like anyone else). */
  public static Address programAddress(H256 program) {
    return new Address(program);
  }

  /**
   * Who called this program: the transaction's payer for a call of the transaction itself, the
   * calling contract's account for a nested call. Programs authorise by it, so a contract can never
   * act with the payer's authority on a callee.
   */
  public Address caller() {
    return caller;
  }

  /** The transaction's payer (who signed and pays the fee), whatever the call depth. */
  public Address payer() {
    return run.tx().tx().body().payer();
  }

  public TxContext tx() {
    return run.tx();
  }

  /** The epoch of the block, in which rent is counted. */
  public long epoch() {
    return run.epoch();
  }

  /** The rent schedule in force for this block (the chain parameters', docs/adr/0045). */
  public RentSchedule rent() {
    return run.rent();
  }

  public Meter meter() {
    return run.meter();
  }

  public StepCosts costs() {
    return run.costs();
  }

  /** Reads a declared key, charging a read plus its bytes. */
  public Optional<StateObject> read(H256 key) {
    run.meter().steps(run.costs().stateRead());
    Optional<StateObject> v = run.state().get(key);
    v.ifPresent(o -> run.meter().steps(Saturating.mul(run.costs().perByte(), sizeOf(o))));
    return v;
  }

  /** Reads program data at a declared key. */
  public Optional<Bytes> readData(H256 key) {
    return read(key)
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> d.bytes();
                  default -> throw new RuntimeError.BadArguments("no program data at " + key);
                });
  }

  /** Writes program data to a declared writable key, charging a write and the bytes as memory. */
  public void writeData(H256 key, Bytes value) {
    run.meter().steps(run.costs().stateWrite());
    run.meter().memory(RentSchedule.KEY_BYTES + (long) value.length());
    run.state().put(key, new StateObject.Data(value));
  }

  public void delete(H256 key) {
    run.meter().steps(run.costs().stateWrite());
    run.state().delete(key);
  }

  /** Bytes a read is charged for: the stored encoding (data objects: tag + length + bytes). */
  private static long sizeOf(StateObject o) {
    return switch (o) {
      case StateObject.Data d -> 1L + 4 + d.bytes().length();
      default -> StateObject.CODEC.encode(o).length;
    };
  }

  /** The state key of storage slot {@code slot} of {@code program}. */
  public static H256 storageKey(H256 program, H256 slot) {
    return Hashing.tagged("aether/storage/v1", program.toArray(), slot.toArray());
  }

  /**
   * This program's storage value at {@code slot}. A dormant value (rent run out) is revived first
   * if the transaction declared it writable — the payer burns a full horizon of rent for it — and
   * otherwise fails the transaction with {@link RuntimeError.RentExpired}.
   */
  public Optional<Bytes> storageGet(H256 slot) {
    H256 key = storageKey(self, slot);
    Optional<StoredObject> o = readData(key).map(CallContext::decodeStored);
    if (o.isPresent() && !o.get().liveAt(epoch())) {
      try {
        storageSet(slot, o.get().value());
      } catch (LedgerException e) {
        if (e.error() instanceof LedgerError.AccessViolation) {
          throw new RuntimeError.RentExpired(key, o.get().paidThroughEpoch(), epoch());
        }
        throw e;
      }
    }
    return o.map(StoredObject::value);
  }

  /**
   * Sets this program's storage at {@code slot}. The rent {@link RentSchedule} asks for is taken
   * from the payer's SWR balance and burned; it is paid only if the transaction succeeds, since a
   * failed one keeps none of its writes.
   */
  public void storageSet(H256 slot, Bytes value) {
    if (value.length() > StoredObject.MAX_VALUE) {
      throw new RuntimeError.BadArguments("storage value over " + StoredObject.MAX_VALUE);
    }
    H256 key = storageKey(self, slot);
    Optional<StoredObject> old = readData(key).map(CallContext::decodeStored);
    long rent = run.rent().chargeForWrite(old, value.length(), epoch());
    StoredObject next = new StoredObject(value, run.rent().paidThroughAfterWrite(epoch()));
    writeData(key, Bytes.of(StoredObject.CODEC.encode(next)));
    if (rent > 0) {
      burnRent(dev.aether.types.Amount.of(rent));
    }
  }

  /**
   * Destroys {@code swr} from the payer's balance (rent and code deposits). Burning rather than
   * paying an account keeps rent from becoming a write every transaction would conflict on. The
   * transaction's total is reported after its calls as one debit and one burn value event ({@link
   * RentBurns}).
   */
  public void burnRent(Amount swr) {
    if (swr.isZero()) {
      return;
    }
    run.rentBurns().add(swr, run.events().size());
    run.state().debit(payer(), Value.of(AssetId.SWR, swr));
  }

  public void storageDelete(H256 slot) {
    delete(storageKey(self, slot));
  }

  private static StoredObject decodeStored(Bytes b) {
    try {
      return StoredObject.CODEC.decode(b.toArray());
    } catch (dev.aether.types.codec.CodecException e) {
      throw new RuntimeError.BadArguments("storage object malformed: " + e.getMessage());
    }
  }

  /**
   * Moves {@code value} between accounts (the ledger fails the debit if the balance is short).
   * Authorisation is the caller's job: programs check that {@code from} signed, or is themselves.
   */
  public void transfer(Address from, Address to, Value value) {
    run.meter().steps(run.costs().transfer());
    run.state().debit(from, value);
    run.state().credit(to, value);
  }

  /** {@code owner}'s balance of {@code asset} (a read of its declared account). */
  public dev.aether.types.Amount balanceOf(Address owner, AssetId asset) {
    run.meter().steps(run.costs().stateRead());
    return run.state().account(owner).balance().get(asset);
  }

  /**
   * Takes {@code value} from {@code from}'s account into a native program's custody (stake, for
   * instance), metered like a transfer; the ledger fails the debit if the balance is short. The
   * program records where the value went, and authorisation is its job. Not reachable from
   * WebAssembly contracts (no host function calls it).
   */
  public void debit(Address from, Value value) {
    run.meter().steps(run.costs().transfer());
    run.state().debit(from, value);
  }

  /**
   * Pays {@code value} out of a native program's custody into {@code to}'s account (withdrawn
   * stake, rewards), metered like a transfer. The program must hold what it pays: this is the
   * counterpart of {@link #debit}. Not reachable from WebAssembly contracts.
   */
  public void credit(Address to, Value value) {
    run.meter().steps(run.costs().transfer());
    run.state().credit(to, value);
  }

  /**
   * Emits a value event ({@code credit}, {@code debit}, {@code burn}) into the receipt: metered and
   * bounded like any event. Native programs call it next to each movement of value no other event
   * of theirs describes, so followers of the chain can keep every balance (docs/adr/0062).
   */
  public void emitValue(ValueEvent v) {
    Event e = v.toEvent(self);
    emit(e.topic(), e.data());
  }

  /** Emits an event into the receipt (kept only if the transaction succeeds). */
  public void emit(Bytes topic, Bytes data) {
    run.meter()
        .steps(
            Saturating.add(
                run.costs().emitEvent(),
                Saturating.mul(run.costs().perByte(), topic.length() + (long) data.length())));
    List<Event> events = run.events();
    if (events.size() + run.rentBurns().reserved() >= Receipt.MAX_EVENTS) {
      throw new RuntimeError.EventLimit("more than " + Receipt.MAX_EVENTS + " events");
    }
    if (topic.length() > Event.MAX_TOPIC || data.length() > Event.MAX_DATA) {
      throw new RuntimeError.EventLimit("event topic/data over limit");
    }
    events.add(new Event(self, topic, data));
  }
}
