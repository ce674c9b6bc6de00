package dev.aether.compute.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Bytes;
import dev.aether.types.Opening;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KzgVectorCommitmentTest {
  private static final KzgVectorCommitment KZG = new KzgVectorCommitment();

  private static List<byte[]> leaves(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[32];
      for (int k = 0; k < 32; k++) {
        d[k] = (byte) r.nextInt();
      }
      out.add(FieldElements.fromDigest(d));
    }
    return out;
  }

  @Test
  void openingsRevealTheCommittedLeafAndVerify() {
    List<byte[]> v = leaves(50, 1);
    var c = KZG.commit(v);
    for (int i : new int[] {0, 17, 49, 50}) {
      Opening o = c.open(i);
      // Position i of the blob holds leaf i (zero past the trace): the point mapping is right.
      assertThat(o.value().toArray()).isEqualTo(i < 50 ? v.get(i) : new byte[32]);
      assertThat(KZG.verify(c.commitment(), i, o.value().toArray(), o.proof().toArray())).isTrue();
      assertThat(KZG.verify(c.commitment(), i + 1, o.value().toArray(), o.proof().toArray()))
          .isFalse();
    }
  }

  @Test
  void batchVerificationAcceptsHonestOpeningsAndRejectsAnyTamperedOne() {
    List<byte[]> v = leaves(40, 2);
    var c = KZG.commit(v);
    List<Opening> os = new ArrayList<>();
    for (int i : new int[] {3, 4, 39, 0}) {
      os.add(c.open(i));
    }
    assertThat(KZG.verifyAll(c.commitment(), os)).isTrue();
    for (int k = 0; k < os.size(); k++) {
      List<Opening> bad = new ArrayList<>(os);
      Opening o = os.get(k);
      byte[] y = FieldElements.toBytes(new BigInteger(1, o.value().toArray()).add(BigInteger.ONE));
      bad.set(k, new Opening(o.index(), Bytes.of(y), o.proof()));
      assertThat(KZG.verifyAll(c.commitment(), bad)).isFalse();
      List<Opening> moved = new ArrayList<>(os);
      moved.set(k, new Opening((o.index() + 1) % 4096, o.value(), o.proof()));
      assertThat(KZG.verifyAll(c.commitment(), moved)).isFalse();
    }
    byte[] otherCommitment = KZG.commit(leaves(40, 3)).commitment();
    assertThat(KZG.verifyAll(otherCommitment, os)).isFalse();
  }

  @Test
  void publishedLeavesVerifyAgainstTheCommitmentOnlyIfTheyAreTheCommittedVector() {
    List<byte[]> v = leaves(40, 3);
    var c = KZG.commit(v);
    byte[] proof = c.dataProof();
    assertThat(KZG.verifyData(c.commitment(), v, proof)).isTrue();
    List<byte[]> changed = new ArrayList<>(v);
    changed.set(7, v.get(8));
    assertThat(KZG.verifyData(c.commitment(), changed, proof)).isFalse();
    assertThat(KZG.verifyData(c.commitment(), v.subList(0, 39), proof)).isFalse();
    List<byte[]> longer = new ArrayList<>(v);
    longer.add(new byte[32]);
    // A trailing zero leaf is the same blob (padding): the trace length is checked by the verifier
    // against the program, not by the commitment.
    assertThat(KZG.verifyData(c.commitment(), longer, proof)).isTrue();
    byte[] bad = proof.clone();
    bad[10] ^= 1;
    assertThat(KZG.verifyData(c.commitment(), v, bad)).isFalse();
  }
}
