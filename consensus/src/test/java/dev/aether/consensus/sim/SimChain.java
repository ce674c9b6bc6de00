package dev.aether.consensus.sim;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The simulated mempool and executor: empty blocks whose roots chain deterministically from the
 * parent, so honest and Byzantine proposers alike can build blocks that execute, and any other
 * roots make {@code BlockExecuted} disagree with the header.
 */
public final class SimChain {
  private SimChain() {}

  /** The simulation's genesis block (also the hand-driven tests': every root zero). */
  public static Block genesis() {
    Header gh =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            new QuorumCert(0, 0, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    return new Block(gh, List.of(), Bytes.EMPTY);
  }

  /** The (empty) payload's tx root; {@code salt} 0 for honest proposers, else a twin. */
  static H256 txRoot(long slot, long round, int proposer, long salt) {
    Writer w = new Writer(32).u64(slot).u64(round).u16(proposer);
    if (salt != 0) {
      w.u64(salt);
    }
    return Hashing.tagged("sim/tx", w.toByteArray());
  }

  static H256 stateRoot(Header parent, H256 txRoot) {
    return Hashing.tagged("sim/state", parent.stateRoot().toArray(), txRoot.toArray());
  }

  static H256 receiptsRoot(H256 txRoot) {
    return Hashing.tagged("sim/rcpt", txRoot.toArray());
  }

  static H256 shredRoot(H256 txRoot) {
    return Hashing.tagged("sim/shred", txRoot.toArray());
  }
}
