package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpochNonceTest {
  private final ConsensusParams p = ConsensusParams.defaults().withEpochSlots(30); // cutoff 20
  private final H256 eta0 = EpochNonce.genesis(block(0, 0));

  private static Block block(long height, long slot) {
    Header h =
        new Header(
            0,
            height,
            slot,
            height,
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
    return new Block(h, List.of(), Bytes.EMPTY);
  }

  private static Bytes beta(int b) {
    byte[] out = new byte[64];
    out[0] = (byte) b;
    return Bytes.of(out);
  }

  @Test
  void onlyTheFirstTwoThirdsOfAnEpochFeedTheNextNonce() {
    BlockTree tree = new BlockTree(p, Checkpoint.genesis(block(0, 0)));
    BlockTree.Entry g = tree.get(block(0, 0).id()).orElseThrow();
    BlockTree.Entry a =
        tree.child(g, block(1, 5), tree.etaFor(g, 5), beta(1), BigInteger.ONE, Bytes.EMPTY);
    BlockTree.Entry late =
        tree.child(a, block(2, 25), tree.etaFor(a, 25), beta(2), BigInteger.ONE, Bytes.EMPTY);
    assertThat(a.eta()).isEqualTo(eta0);
    assertThat(a.rho()).isEqualTo(EpochNonce.absorb(EpochNonce.start(eta0, 0), beta(1)));
    assertThat(late.rho()).isEqualTo(a.rho()); // slot 25 >= cutoff 20: no contribution
    // The first block of epoch 1 is drawn with eta_1 = the accumulator.
    assertThat(tree.etaFor(late, 31)).isEqualTo(a.rho());
    // Skipping epoch 1 entirely: eta_2 = H(tag || eta_1 || u64(2)).
    assertThat(tree.etaFor(late, 65)).isEqualTo(EpochNonce.start(a.rho(), 1));
  }

  @Test
  void differentVrfOutputsGiveDifferentNonces() {
    BlockTree tree = new BlockTree(p, Checkpoint.genesis(block(0, 0)));
    BlockTree.Entry g = tree.get(block(0, 0).id()).orElseThrow();
    BlockTree.Entry x = tree.child(g, block(1, 3), eta0, beta(7), BigInteger.ONE, Bytes.EMPTY);
    BlockTree.Entry y = tree.child(g, block(1, 3), eta0, beta(8), BigInteger.ONE, Bytes.EMPTY);
    assertThat(tree.etaFor(x, 30)).isNotEqualTo(tree.etaFor(y, 30));
  }
}
