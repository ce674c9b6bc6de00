package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Epoch snapshots as RocksDB checkpoints: restore, then follow the chain to the same roots. */
class SnapshotTest {
  @TempDir Path dir;

  @Test
  void checkpointRestoresAndReplaysToTheSameRoots() {
    CrashWorkload w = new CrashWorkload();
    List<Block> later = new ArrayList<>();
    Head atSnapshot;
    Head end;
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("live"))) {
      Ledger live = w.open(store);
      for (int i = 0; i < 3; i++) {
        w.commitNext(live);
      }
      atSnapshot = live.head();
      store.checkpoint(dir.resolve("epoch-1"));
      for (int i = 0; i < 3; i++) {
        later.add(w.commitNext(live));
      }
      end = live.head();
    }
    try (RocksStateStore restored = RocksStateStore.open(dir.resolve("epoch-1"))) {
      Ledger ledger = Ledger.open(restored, LedgerConfig.defaults(Txs.CHAIN));
      assertThat(ledger.head()).isEqualTo(atSnapshot);
      for (Block b : later) {
        ledger.apply(b, false);
      }
      assertThat(ledger.head()).isEqualTo(end);
    }
  }

  @Test
  void chunkedExportFromCheckpointSyncsAnotherStore() {
    CrashWorkload w = new CrashWorkload();
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("live"))) {
      Ledger live = w.open(store);
      w.commitNext(live);
      store.checkpoint(dir.resolve("snap"));
      w.commitNext(live); // the live store moves on; the snapshot stays fixed for servers
    }
    try (RocksStateStore snap = RocksStateStore.open(dir.resolve("snap"));
        RocksStateStore fresh = RocksStateStore.open(dir.resolve("fresh"))) {
      Head trusted = Ledger.readHead(snap).orElseThrow();
      StateSync.Receiver rx = new StateSync.Receiver(fresh, trusted, 3);
      for (int i : rx.missing()) {
        rx.accept(StateSync.chunk(snap, 3, i));
      }
      rx.finish(Genesis.id(w.genesis));
      assertThat(Ledger.open(fresh, LedgerConfig.defaults(Txs.CHAIN)).head()).isEqualTo(trusted);
    }
  }
}
