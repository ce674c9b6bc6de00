package dev.aether.node;

import dev.aether.ledger.CommittedView;
import dev.aether.ledger.Head;
import dev.aether.ledger.StateObject;
import dev.aether.rpc.LogEntry;
import dev.aether.rpc.LogFilter;
import dev.aether.rpc.StorageEntry;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.StoredObject;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Contract reads for RPC over the committed ledger: code ({@code aeth_getCode}), a storage slot
 * with its proof ({@code aeth_getStorageAt}) and events ({@code aeth_getLogs}). Code and events are
 * read from the store without the chain's lock; a storage proof takes it, so that the value, the
 * proof and the root it is checked against are of one state.
 */
final class ContractQueries {
  private final java.util.function.Supplier<CommittedView> views;

  /** Queries over {@code views}: each query reads one committed view and closes it. */
  ContractQueries(java.util.function.Supplier<CommittedView> views) {
    this.views = views;
  }

  /** The code deployed at {@code contract}; empty when the key holds no code (or nothing). */
  Optional<Bytes> code(H256 contract) {
    try (CommittedView ledger = views.get()) {
      return ledger
          .state()
          .get(contract)
          .filter(o -> o instanceof StateObject.Data)
          .map(o -> ((StateObject.Data) o).bytes())
          .filter(b -> WasmContracts.contractId(b.toArray()).equals(contract));
    }
  }

  StorageEntry storageAt(H256 contract, H256 slot) {
    H256 key = CallContext.storageKey(contract, slot);
    try (CommittedView ledger = views.get()) {
      Head head = ledger.head();
      Optional<StoredObject> stored =
          ledger
              .get(key)
              .filter(o -> o instanceof StateObject.Data)
              .flatMap(o -> StoredObject.decode(((StateObject.Data) o).bytes()));
      return new StorageEntry(
          contract,
          slot,
          key,
          stored.map(StoredObject::value),
          stored.map(StoredObject::paidThroughEpoch).orElse(0L),
          head.height(),
          head.stateRoot(),
          List.of(Bytes.of(ledger.prove(key).encode())));
    }
  }

  /**
   * Scans the committed blocks of the range (at most {@link LogFilter#MAX_BLOCKS}, checked by the
   * RPC layer), stopping one event past {@link LogFilter#MAX_LOGS}. Failed transactions keep no
   * events, so only successful ones appear.
   */
  List<LogEntry> logs(LogFilter f) {
    try (CommittedView ledger = views.get()) {
      return logs(f, ledger);
    }
  }

  private static List<LogEntry> logs(LogFilter f, CommittedView ledger) {
    List<LogEntry> out = new ArrayList<>();
    for (long h = f.fromBlock(); h <= f.toBlock(); h++) {
      Optional<Block> b = ledger.block(h);
      if (b.isEmpty()) {
        continue; // not stored here (below a state-sync point)
      }
      List<Receipt> receipts = ledger.receiptsOf(b.get());
      for (int i = 0; i < receipts.size(); i++) {
        List<Event> events = receipts.get(i).events();
        for (int j = 0; j < events.size(); j++) {
          Event e = events.get(j);
          if (f.contract().isPresent() && !f.contract().get().equals(e.emitter())) {
            continue;
          }
          if (f.topic().isPresent() && !f.topic().get().equals(e.topic())) {
            continue;
          }
          out.add(new LogEntry(h, b.get().id(), receipts.get(i).txId(), i, j, e));
          if (out.size() > LogFilter.MAX_LOGS) {
            return out;
          }
        }
      }
    }
    return out;
  }
}
