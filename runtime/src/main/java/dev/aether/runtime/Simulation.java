package dev.aether.runtime;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.ExecutionResult;
import dev.aether.ledger.Fees;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.ledger.TxContext;
import dev.aether.ledger.TxRules;
import dev.aether.ledger.TxState;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs a transaction's calls on a scratch view of some state, for clients: read-only contract
 * queries ({@code aeth_call}), fee estimates and access sets computed by simulation ({@code
 * --auto-access}). Nothing it does reaches the state it reads. It records every key the calls read
 * and write, so a client can declare exactly those; when the calls fail, the recorded sets stop at
 * the failure and are reported as incomplete.
 *
 * <p>A simulation is bounded like a transaction, by the {@link TxLimits} its caller passes (RPC
 * passes tighter ones than the chain's), and takes no lock: it reads only what it is given.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * What a simulated transaction did.
   *
   * @param failure why its calls failed, if they did
   * @param fee what it would pay for this usage as the block's multipliers price it
   * @param reads keys read and not written (the payer's account excluded: always writable)
   * @param writes keys written or deleted (the payer's account excluded)
   */
  public record Result(
      Optional<LedgerError> failure,
      long steps,
      long memBytes,
      Amount fee,
      List<Event> events,
      Bytes returnData,
      SortedSet<H256> reads,
      SortedSet<H256> writes) {
    public boolean succeeded() {
      return failure.isEmpty();
    }
  }

  /**
   * Runs {@code tx}'s calls on {@code state} as the block {@code block} would (priced with its
   * multipliers), bounded by {@code limits}. With {@code declaredOnly} the calls may touch only
   * what {@code tx} declares, as in a block; without, they may touch anything and the result says
   * what they touched.
   */
  public static Result run(
      ContractCalls calls,
      StateReader state,
      BlockContext block,
      Tx tx,
      TxLimits limits,
      boolean declaredOnly) {
    Recording rec = new Recording(new BlockState(state), tx, declaredOnly);
    ContractCalls.Outcome out =
        calls.run(new TxContext(tx, tx.id(), block, TxRules.signers(tx)), rec, limits);
    ExecutionResult r = out.result();
    Amount fee =
        Fees.of(
            block.feesOr(calls.fees()),
            block.multipliers(),
            tx,
            tx.sizeBytes(),
            r.steps(),
            r.memBytes());
    H256 payer = StateKeys.account(tx.body().payer());
    TreeSet<H256> writes = new TreeSet<>(rec.writes);
    writes.remove(payer);
    TreeSet<H256> reads = new TreeSet<>(rec.reads);
    reads.removeAll(writes);
    reads.remove(payer);
    return new Result(
        r.failure(),
        r.steps(),
        r.memBytes(),
        fee,
        r.events(),
        out.returnData(),
        Collections.unmodifiableSortedSet(reads),
        Collections.unmodifiableSortedSet(writes));
  }

  /** A scratch state that records what is touched and, if asked, checks it was declared. */
  private static final class Recording implements TxState {
    private final BlockState scratch;
    private final TreeSet<H256> reads = new TreeSet<>();
    private final TreeSet<H256> writes = new TreeSet<>();
    private final TreeSet<H256> readable = new TreeSet<>();
    private final TreeSet<H256> writable = new TreeSet<>();
    private final boolean declaredOnly;

    Recording(BlockState scratch, Tx tx, boolean declaredOnly) {
      this.scratch = scratch;
      this.declaredOnly = declaredOnly;
      writable.addAll(tx.body().writes());
      writable.add(StateKeys.account(tx.body().payer()));
      readable.addAll(writable);
      readable.addAll(tx.body().reads());
      for (UtxoRef in : tx.body().inputs()) {
        readable.add(in.stateKey());
      }
    }

    @Override
    public Optional<StateObject> get(H256 key) {
      if (declaredOnly && !readable.contains(key)) {
        throw new LedgerException(new LedgerError.AccessViolation(key, "read"));
      }
      reads.add(key);
      return scratch.get(key);
    }

    @Override
    public void put(H256 key, StateObject value) {
      if (declaredOnly && !writable.contains(key)) {
        throw new LedgerException(new LedgerError.AccessViolation(key, "write"));
      }
      writes.add(key);
      scratch.put(key, value);
    }

    @Override
    public void delete(H256 key) {
      if (declaredOnly && !writable.contains(key)) {
        throw new LedgerException(new LedgerError.AccessViolation(key, "delete"));
      }
      writes.add(key);
      scratch.delete(key);
    }
  }
}
