package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.Checkpoint;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.StateChunk;
import dev.aether.ledger.StateSync;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots over a real RocksDB store: taken at every interval-th height, two kept, served as
 * chunks that a {@link StateSync.Receiver} verifies and rebuilds into an identical state.
 */
class SnapshotsTest {
  @TempDir Path dir;
  RocksStateStore store;
  Head genesis;
  H256 genesisId;

  @BeforeEach
  void openStore() {
    GenesisConfig g =
        GenesisParser.parse(
            Path.of(System.getProperty("aether.root", ".."), "config/genesis.toml"));
    store = RocksStateStore.open(dir.resolve("data/state"));
    genesis = NodeGenesis.load(store, g);
    genesisId = NodeGenesis.block(g).id();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  Checkpoint checkpoint(long height) {
    return TestCheckpoints.at(height, genesis.stateRoot(), "honest");
  }

  @Test
  void snapshotsEveryIntervalKeepsTwoAndRecordsTheLatestCheckpoint() {
    Path data = dir.resolve("data");
    try (Snapshots s = new Snapshots(data, 10)) {
      for (long h = 1; h <= 25; h++) {
        s.committed(checkpoint(h), store);
      }
      assertThat(s.served()).extracting(Checkpoint::height).containsExactly(20L, 10L);
      assertThat(s.latestOwn()).contains(checkpoint(25));
      for (long h = 26; h <= 30; h++) {
        s.committed(checkpoint(h), store);
      }
      assertThat(s.served()).extracting(Checkpoint::height).containsExactly(30L, 20L);
      assertThat(data.resolve("snapshots/10")).doesNotExist();
      assertThat(s.chunk(10, 4, 0)).isEmpty();
    }
  }

  @Test
  void aSnapshotAPeerIsSyncingFromIsKeptForAMinute() {
    long[] now = {0};
    try (Snapshots s = new Snapshots(dir.resolve("data"), 10, () -> now[0])) {
      for (long h = 1; h <= 20; h++) {
        s.committed(checkpoint(h), store);
      }
      assertThat(s.chunk(10, 4, 0)).isPresent(); // a peer starts syncing from 10
      for (long h = 21; h <= 40; h++) {
        now[0] += 1_000;
        s.committed(checkpoint(h), store);
      }
      // Newest two plus the pinned one.
      assertThat(s.served()).extracting(Checkpoint::height).containsExactly(40L, 30L, 10L);
      now[0] += Snapshots.PIN_MS;
      for (long h = 41; h <= 50; h++) {
        s.committed(checkpoint(h), store);
      }
      assertThat(s.served()).extracting(Checkpoint::height).containsExactly(50L, 40L);
    }
  }

  @Test
  void reopenedKeepsFinishedSnapshotsAndDropsUnfinishedOnes() throws Exception {
    Path data = dir.resolve("data");
    try (Snapshots s = new Snapshots(data, 10)) {
      for (long h = 1; h <= 20; h++) {
        s.committed(checkpoint(h), store);
      }
    }
    Files.createDirectories(data.resolve("snapshots/30.tmp/state"));
    try (Snapshots s = new Snapshots(data, 10)) {
      assertThat(s.served()).extracting(Checkpoint::height).containsExactly(20L, 10L);
      assertThat(s.latestOwn()).contains(checkpoint(20));
    }
    assertThat(data.resolve("snapshots/30.tmp")).doesNotExist();
  }

  @Test
  void servedChunksRebuildTheSnapshotStateInAnEmptyStore() {
    Checkpoint cp = checkpoint(10);
    try (Snapshots s = new Snapshots(dir.resolve("data"), 10);
        RocksStateStore target = RocksStateStore.open(dir.resolve("synced"))) {
      s.committed(cp, store);
      Head trusted = new Head(10, cp.id(), genesis.stateRoot());
      StateSync.Receiver r = new StateSync.Receiver(target, trusted, 4);
      for (int i = 0; i < 16; i++) {
        StateChunk c = s.chunk(10, 4, i).orElseThrow();
        // What goes over the wire decodes to the same chunk.
        StateChunk wire =
            StateChunk.decode(
                java.util.Arrays.copyOfRange(
                    StateSyncClient.encodeChunkResponse(10, Optional.of(c)),
                    9,
                    StateSyncClient.encodeChunkResponse(10, Optional.of(c)).length));
        r.accept(wire);
      }
      assertThat(r.missing()).isEmpty();
      r.finish(genesisId, Optional.of(cp.block()));
      assertThat(Ledger.readHead(target)).contains(trusted);
    }
  }

  @Test
  void chunkRequestsDecodeStrictly() {
    long[] req =
        StateSyncClient.decodeChunkRequest(StateSyncClient.encodeChunkRequest(40, 10, 1023));
    assertThat(req).containsExactly(40, 10, 1023);
    assertThatThrownBy(() -> StateSyncClient.decodeChunkRequest(new byte[5]))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(
            () -> StateSyncClient.decodeChunkRequest(StateSyncClient.encodeChunkRequest(40, 4, 16)))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(
            () -> StateSyncClient.decodeChunkRequest(StateSyncClient.encodeChunkRequest(40, 30, 0)))
        .isInstanceOf(CodecException.class);
  }
}
