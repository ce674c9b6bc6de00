package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Address;
import dev.aether.types.H256;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed view is pinned to one commit on RocksDB: blocks committed after it was taken do not
 * show in its head, balances, blocks or proofs, and its proofs verify against its own root.
 */
class CommittedViewTest {
  @TempDir Path dir;

  @Test
  void aSnapshotSeesOneCommitWholeWhileTheLedgerMovesOn() {
    CrashWorkload w = new CrashWorkload();
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("live"))) {
      Ledger ledger = w.open(store);
      w.commitNext(ledger);
      Head before = ledger.head();
      Address someone = w.wallets.getFirst().address();
      H256 key = StateKeys.account(someone);
      StateObject.Account balanceBefore = ledger.account(someone);

      try (CommittedView view = ledger.snapshot()) {
        for (int i = 0; i < 3; i++) {
          w.commitNext(ledger);
        }
        assertThat(ledger.head().height()).isEqualTo(before.height() + 3);
        assertThat(ledger.account(someone)).isNotEqualTo(balanceBefore);

        assertThat(view.head()).isEqualTo(before);
        assertThat(view.account(someone)).isEqualTo(balanceBefore);
        assertThat(view.block(before.height() + 1)).isEmpty();
        assertThat(view.block(before.height())).isPresent();
        // The proof is built from tree nodes of that one commit: it verifies against its root,
        // and not against the ledger's current one.
        Optional<H256> value = view.get(key).map(Ledger::valueHash);
        assertThat(view.prove(key).verify(before.stateRoot(), key, value)).isTrue();
        assertThat(view.prove(key).verify(ledger.head().stateRoot(), key, value)).isFalse();
      }
      try (CommittedView now = ledger.snapshot()) {
        assertThat(now.head()).isEqualTo(ledger.head());
      }
    }
  }

  @Test
  void readingAViewAfterTheStoreClosedIsAnErrorNotACrash() {
    CrashWorkload w = new CrashWorkload();
    CommittedView view;
    try (RocksStateStore store = RocksStateStore.open(dir.resolve("closing"))) {
      Ledger ledger = w.open(store);
      view = ledger.snapshot();
    }
    assertThatThrownBy(view::head).isInstanceOf(LedgerException.class);
    view.close();
  }
}
