package dev.aether.rpc;

import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * What a simulated call did ({@code aeth_call}, and the simulation behind {@code aeth_estimateFee}
 * with access computed).
 *
 * @param height the block whose state it ran on
 * @param succeeded false when the call failed (a transaction would still pay {@code fee})
 * @param errorCode the receipt error code of the failure (0 on success)
 * @param error the stable error name, e.g. {@code runtime.contract_trap} (empty on success)
 * @param message the failure's detail for people, e.g. a contract's abort message
 * @param returnData what the (last) call returned
 * @param fee what a transaction with this usage would pay at the next block's prices
 * @param reads state keys it read (not written), the payer's account excluded
 * @param writes state keys it wrote, the payer's account excluded
 */
public record ContractCallResult(
    long height,
    boolean succeeded,
    int errorCode,
    String error,
    String message,
    Bytes returnData,
    long steps,
    long memBytes,
    Amount fee,
    List<Event> events,
    SortedSet<H256> reads,
    SortedSet<H256> writes) {
  public ContractCallResult {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(returnData, "returnData");
    Objects.requireNonNull(fee, "fee");
    events = List.copyOf(events);
    reads = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(reads));
    writes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(writes));
  }
}
