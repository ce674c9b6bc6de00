package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateSyncTest {
  private final CrashWorkload workload = new CrashWorkload();
  private final MemoryStateStore serverStore = new MemoryStateStore();
  private final Ledger server = workload.open(serverStore);

  StateSyncTest() {
    for (int i = 0; i < 5; i++) {
      workload.commitNext(server);
    }
  }

  private static String rejection(Runnable r) {
    try {
      r.run();
    } catch (LedgerException e) {
      assertThat(e.error().code()).isEqualTo("ledger.chunk_rejected");
      return e.error().message();
    }
    throw new AssertionError("chunk was accepted");
  }

  @Test
  void syncsAllChunksInAnyOrderAndContinuesTheChain() {
    int bits = 4;
    Head trusted = server.head();
    MemoryStateStore target = new MemoryStateStore();
    StateSync.Receiver rx = new StateSync.Receiver(target, trusted, bits);
    List<Integer> order = new ArrayList<>(rx.missing());
    Collections.shuffle(order, new Random(3));
    int entries = 0;
    for (int i : order) {
      StateChunk c = StateChunk.decode(StateSync.chunk(serverStore, bits, i).encode());
      entries += c.entries().size();
      rx.accept(c);
    }
    assertThat(entries).isEqualTo(serverStore.size(Column.STATE));
    assertThat(rx.missing()).isEmpty();
    rx.finish(Genesis.id(workload.genesis));
    Ledger synced = Ledger.open(target, LedgerConfig.defaults(Txs.CHAIN));
    assertThat(synced.head()).isEqualTo(trusted);
    // Both continue with the same block and agree on the next root.
    var next = workload.commitNext(server);
    synced.apply(next, true);
    assertThat(synced.head()).isEqualTo(server.head());
  }

  @Test
  void rejectsTamperedChunksAndWritesNothing() {
    int bits = 2;
    Head trusted = server.head();
    MemoryStateStore target = new MemoryStateStore();
    StateSync.Receiver rx = new StateSync.Receiver(target, trusted, bits);
    StateChunk good = StateSync.chunk(serverStore, bits, 1);
    assertThat(good.entries()).hasSizeGreaterThan(2);

    // An altered balance: the entry still decodes, but the range no longer hashes to the root.
    List<StateChunk.Entry> altered = new ArrayList<>(good.entries());
    int at = 0;
    while (!(StateObject.CODEC.decode(altered.get(at).value().toArray())
        instanceof StateObject.Account)) {
      at++;
    }
    StateChunk.Entry first = altered.get(at);
    StateObject.Account a = (StateObject.Account) StateObject.CODEC.decode(first.value().toArray());
    StateObject forged = new StateObject.Account(a.balance().add(Txs.swr(1_000_000)), a.nonce());
    altered.set(at, new StateChunk.Entry(first.key(), Bytes.of(StateObject.CODEC.encode(forged))));
    String why = rejection(() -> rx.accept(new StateChunk(bits, 1, altered, good.proof())));
    assertThat(why).contains("trusted root");

    List<StateChunk.Entry> dropped = new ArrayList<>(good.entries());
    dropped.remove(1);
    assertThat(rejection(() -> rx.accept(new StateChunk(bits, 1, dropped, good.proof()))))
        .contains("trusted root");

    List<StateChunk.Entry> foreign = new ArrayList<>(good.entries());
    foreign.add(StateSync.chunk(serverStore, bits, 2).entries().get(0));
    assertThat(rejection(() -> rx.accept(new StateChunk(bits, 1, foreign, good.proof()))))
        .contains("outside the range");

    assertThat(rejection(() -> rx.accept(new StateChunk(bits, 2, good.entries(), good.proof()))))
        .contains("another range");

    List<StateChunk.Entry> garbage = new ArrayList<>(good.entries());
    garbage.set(0, new StateChunk.Entry(first.key(), Bytes.of(new byte[] {9, 9})));
    assertThat(rejection(() -> rx.accept(new StateChunk(bits, 1, garbage, good.proof()))))
        .contains("does not decode");

    // A chunk served from a later state does not verify against the trusted root.
    workload.commitNext(server);
    StateChunk stale = StateSync.chunk(serverStore, bits, 1);
    assertThat(rejection(() -> rx.accept(stale))).contains("trusted root");

    assertThat(target.size(Column.STATE)).isZero();
    assertThat(target.size(Column.NODES)).isZero();
    assertThat(rx.missing()).hasSize(4);
    assertThat(rejection(() -> rx.finish(H256.ZERO))).contains("missing");
  }

  @Test
  void resumesAnInterruptedSync() {
    int bits = 3;
    Head trusted = server.head();
    MemoryStateStore target = new MemoryStateStore();
    StateSync.Receiver first = new StateSync.Receiver(target, trusted, bits);
    for (int i = 0; i < 4; i++) {
      first.accept(StateSync.chunk(serverStore, bits, i));
    }
    StateSync.Receiver again = new StateSync.Receiver(target, trusted, bits);
    assertThat(again.missing()).containsExactly(4, 5, 6, 7);
    for (int i : again.missing()) {
      again.accept(StateSync.chunk(serverStore, bits, i));
    }
    assertThat(again.finish(Genesis.id(workload.genesis))).isEqualTo(trusted);
    Head other = new Head(trusted.height() + 1, trusted.blockId(), H256.ZERO);
    MemoryStateStore t2 = new MemoryStateStore();
    new StateSync.Receiver(t2, trusted, bits).accept(StateSync.chunk(serverStore, bits, 0));
    assertThatThrownBy(() -> new StateSync.Receiver(t2, other, bits))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("another head");
  }
}
