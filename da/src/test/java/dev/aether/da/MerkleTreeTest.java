package dev.aether.da;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static List<byte[]> leaves(final int n) {
    final List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new byte[] {(byte) i, (byte) (i >> 8), 42});
    }
    return out;
  }

  @Test
  void everyLeafProvesIntoTheRootForAllSizes() {
    for (int n = 1; n <= 40; n++) {
      final List<byte[]> leaves = leaves(n);
      final MerkleTree t = MerkleTree.build(leaves);
      for (int i = 0; i < n; i++) {
        final List<byte[]> proof = t.proof(i);
        assertThat(proof).hasSize(MerkleTree.depthFor(n));
        assertThat(MerkleTree.verify(t.root(), i, leaves.get(i), proof)).isTrue();
      }
    }
  }

  @Test
  void rootOfTwoLeavesIsTheDomainSeparatedHash() throws Exception {
    final List<byte[]> leaves = leaves(2);
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update((byte) 0);
    final byte[] l0 = md.digest(leaves.get(0));
    md.update((byte) 0);
    final byte[] l1 = md.digest(leaves.get(1));
    md.update((byte) 1);
    md.update(l0);
    assertThat(MerkleTree.build(leaves).root()).isEqualTo(md.digest(l1));
  }

  @Test
  void wrongLeafIndexOrSiblingFails() {
    final List<byte[]> leaves = leaves(12);
    final MerkleTree t = MerkleTree.build(leaves);
    final byte[] root = t.root();
    assertThat(MerkleTree.verify(root, 4, leaves.get(3), t.proof(3))).isFalse();
    assertThat(MerkleTree.verify(root, 3, leaves.get(4), t.proof(3))).isFalse();
    final List<byte[]> bad = new ArrayList<>(t.proof(3));
    final byte[] s = bad.get(2).clone();
    s[31] ^= 1;
    bad.set(2, s);
    assertThat(MerkleTree.verify(root, 3, leaves.get(3), bad)).isFalse();
    assertThat(MerkleTree.verify(root, 3, leaves.get(3), t.proof(3).subList(0, 3))).isFalse();
    assertThat(MerkleTree.verify(root, -1, leaves.get(3), t.proof(3))).isFalse();
  }

  @Test
  void paddingLeafCannotBeClaimed() {
    // 12 leaves pad to 16; position 13 holds the padding constant, which no real leaf hashes to.
    final MerkleTree t = MerkleTree.build(leaves(12));
    assertThat(MerkleTree.verify(t.root(), 13, new byte[] {0x02}, t.proof(13))).isFalse();
    assertThat(MerkleTree.verify(t.root(), 13, new byte[0], t.proof(13))).isFalse();
  }
}
