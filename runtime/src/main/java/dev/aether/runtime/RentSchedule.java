package dev.aether.runtime;

/**
 * State rent: {@code rho} SWR units per stored byte per epoch, prepaid up to {@code horizon}
 * epochs. An object's stored size is its value plus its 32-byte key.
 *
 * <p>The rule, all integer arithmetic:
 *
 * <ul>
 *   <li>Every write prepays the object through epoch {@code E + horizon − 1} ({@code E} the current
 *       epoch): a new or expired object pays {@code rho·size·horizon}; a live one paid through
 *       {@code P} pays the new epochs {@code rho·size·(E+horizon−1−P)} plus, when it grew, the
 *       growth for the epochs already paid, {@code rho·(size−oldSize)·(P−E+1)}. So no object is
 *       ever prepaid beyond the horizon, and active objects pay as they go.
 *   <li>An object is <em>live</em> while {@code P ≥ E}. When its rent runs out it becomes
 *       <em>dormant</em>: its bytes stay in the state (and the state root), but a transaction that
 *       reads it without declaring it writable fails with {@link RuntimeError.RentExpired}, fee
 *       charged, nothing changed. A transaction that declares it writable revives it on first
 *       access by paying the full horizon again, as for a new object.
 *   <li>Rent is burned from the payer's SWR balance when the write happens (so a failed
 *       transaction, whose writes are dropped, pays none). Burning rather than paying an account
 *       keeps rent from being a write that every transaction would conflict on.
 *   <li>Deleting returns nothing: a refund would pay people to churn state.
 * </ul>
 *
 * Nothing happens at epoch boundaries, so no sweep has to touch the whole state; dormancy is a pure
 * function of the stored record and the block's epoch.
 */
public record RentSchedule(long rhoPerByteEpoch, long horizonEpochs) {
  /** {@code rho_per_byte_per_epoch = 2}, {@code horizon_epochs = 12} from genesis. */
  public static final RentSchedule GENESIS = new RentSchedule(2, 12);

  /** Key bytes counted into every object's size. */
  public static final int KEY_BYTES = 32;

  public RentSchedule {
    if (rhoPerByteEpoch < 0 || horizonEpochs < 1) {
      throw new IllegalArgumentException("rho >= 0 and horizon >= 1 required");
    }
  }

  /** The epoch through which a write at {@code epoch} prepays. */
  public long paidThroughAfterWrite(long epoch) {
    return epoch + horizonEpochs - 1;
  }

  /**
   * Rent owed for writing an object of {@code newValueBytes} at {@code epoch} over {@code old}
   * (absent when the key is new).
   */
  public long chargeForWrite(java.util.Optional<StoredObject> old, long newValueBytes, long epoch) {
    long size = newValueBytes + KEY_BYTES;
    if (old.isEmpty() || !old.get().liveAt(epoch)) {
      return Saturating.mul(Saturating.mul(rhoPerByteEpoch, size), horizonEpochs);
    }
    long paid = old.get().paidThroughEpoch();
    long newEpochs = paidThroughAfterWrite(epoch) - paid;
    long extend = Saturating.mul(Saturating.mul(rhoPerByteEpoch, size), newEpochs);
    long oldSize = old.get().value().length() + KEY_BYTES;
    long growth = Math.max(0, size - oldSize);
    long grow = Saturating.mul(Saturating.mul(rhoPerByteEpoch, growth), paid - epoch + 1);
    return Saturating.add(extend, grow);
  }
}
