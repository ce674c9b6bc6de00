package dev.aether.runtime;

import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.TxContext;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Value;
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
    return run.tx().tx().body().payer();
  }

  public TxContext tx() {
    return run.tx();
  }

  /** The epoch of the block, in which rent is counted. */
  public long epoch() {
    return run.epoch();
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
      burn(Value.of(AssetId.SWR, rent));
    }
  }

  /**
   * Destroys {@code value} from the payer's balance (rent and code deposits). Burning rather than
   * paying an account keeps rent from becoming a write every transaction would conflict on.
   */
  public void burn(Value value) {
    run.state().debit(caller(), value);
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

  /** Emits an event into the receipt (kept only if the transaction succeeds). */
  public void emit(Bytes topic, Bytes data) {
    run.meter()
        .steps(
            Saturating.add(
                run.costs().emitEvent(),
                Saturating.mul(run.costs().perByte(), topic.length() + (long) data.length())));
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
