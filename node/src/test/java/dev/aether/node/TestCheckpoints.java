package dev.aether.node;

import dev.aether.consensus.Checkpoint;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Synthetic checkpoints for node tests (unsigned: tests that need real signatures use consensus'
 * real-key simulation). Deterministic, so two "validators" build byte-identical ones.
 */
final class TestCheckpoints {
  private TestCheckpoints() {}

  /** A checkpoint at {@code height} with state root {@code stateRoot}; {@code tag} varies it. */
  static Checkpoint at(long height, H256 stateRoot, String tag) {
    byte[] t = tag.getBytes(StandardCharsets.UTF_8);
    Header h =
        new Header(
            0,
            height,
            height,
            height,
            Hashing.tagged("test/parent", t, new byte[] {(byte) height}),
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            stateRoot,
            H256.ZERO,
            H256.ZERO,
            new QuorumCert(0, height - 1, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    Block b = new Block(h, List.of(), Bytes.EMPTY);
    return new Checkpoint(
        b,
        new QuorumCert(0, height, b.id(), SignerSet.EMPTY, Bytes.EMPTY),
        Hashing.tagged("test/eta", t),
        Hashing.tagged("test/rho", t),
        dev.aether.consensus.CertCounters.EMPTY);
  }
}
