package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitingHeadersTest {
  private static Block header(int proposer, long slot) {
    H256 root = Hashing.tagged("test/shreds", new byte[] {(byte) proposer, (byte) slot});
    Header h =
        new Header(
            0,
            slot,
            slot,
            slot,
            H256.ZERO,
            proposer,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            root,
            H256.ZERO,
            H256.ZERO,
            root,
            new QuorumCert(0, slot - 1, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    return new Block(h, List.of(), Bytes.EMPTY);
  }

  @Test
  void oneProposerFloodingEvictsOnlyItsOwnHeaders() {
    WaitingHeaders w = new WaitingHeaders(16, 4);
    Block honest1 = header(1, 1);
    Block honest2 = header(2, 2);
    w.add(honest1);
    w.add(honest2);
    for (long slot = 3; slot < 200; slot++) {
      for (Block dropped : w.add(header(0, slot))) {
        assertThat(dropped.header().proposer()).isZero();
      }
    }
    assertThat(w.size()).isEqualTo(2 + 4);
    assertThat(w.take(1, honest1.header().shredRoot().toArray())).contains(honest1);
    assertThat(w.take(2, honest2.header().shredRoot().toArray())).contains(honest2);
    // The flooder's most recent four still wait.
    assertThat(w.take(199, header(0, 199).header().shredRoot().toArray())).isPresent();
    assertThat(w.take(195, header(0, 195).header().shredRoot().toArray())).isEmpty();
  }

  @Test
  void theTotalIsBoundedOldestFirst() {
    WaitingHeaders w = new WaitingHeaders(3, 4);
    w.add(header(0, 1));
    w.add(header(1, 2));
    w.add(header(2, 3));
    List<Block> dropped = w.add(header(3, 4));
    assertThat(dropped).containsExactly(header(0, 1));
    assertThat(w.add(header(3, 4))).as("already waiting: nothing changes").isEmpty();
    assertThat(w.size()).isEqualTo(3);
  }
}
