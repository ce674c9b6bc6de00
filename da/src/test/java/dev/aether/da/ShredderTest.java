package dev.aether.da;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShredderTest {
  private static final int SIZE = 64;
  private static final Shredder SHREDDER = new Shredder(SIZE, 1 << 20);

  private static byte[] block(final long seed, final int length) {
    final byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static Reassembler reassemblerFor(final ShreddedBlock sb) {
    return new Reassembler(sb.slot(), sb.root(), SIZE, 1 << 20);
  }

  @Test
  void layoutCountsSetsAndPadsTheLastOne() throws DaException {
    assertThat(SHREDDER.shred(1, new byte[0]).shreds()).hasSize(12);
    assertThat(SHREDDER.shred(1, new byte[640]).shreds()).hasSize(12);
    assertThat(SHREDDER.shred(1, new byte[641]).shreds()).hasSize(24);
    final ShreddedBlock sb = SHREDDER.shred(9, block(1, 1000));
    assertThat(sb.layout().fecSets()).isEqualTo(2);
    assertThat(sb.shreds()).allSatisfy(s -> assertThat(s.verifyProof()).isTrue());
    assertThat(sb.shreds().get(10).isData()).isFalse();
    assertThat(sb.shreds().get(12).isData()).isTrue();
    assertThat(sb.shreds().get(12).fecSet()).isEqualTo(1);
  }

  @Test
  void shreddingIsDeterministic() throws DaException {
    final byte[] b = block(5, 3000);
    assertThat(SHREDDER.shred(3, b).root()).isEqualTo(SHREDDER.shred(3, b).root());
    assertThat(SHREDDER.shred(3, b).root()).isNotEqualTo(SHREDDER.shred(4, b).root());
  }

  @Test
  void blockRebuildsWithTwoOfTwelveLostInEverySet() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(0, 5000))
        .checkAssert(
            (seed, length) -> {
              try {
                final byte[] b = block(seed, length);
                final ShreddedBlock sb = SHREDDER.shred(77, b);
                final Reassembler r = reassemblerFor(sb);
                final SplittableRandom rnd = new SplittableRandom(seed ^ 0x5eed);
                final List<Shred> delivered = new ArrayList<>();
                for (int set = 0; set < sb.layout().fecSets(); set++) {
                  final int lostA = rnd.nextInt(12);
                  final int lostB = (lostA + 1 + rnd.nextInt(11)) % 12;
                  for (int p = 0; p < 12; p++) {
                    if (p != lostA && p != lostB) {
                      delivered.add(sb.shreds().get(set * 12 + p));
                    }
                  }
                }
                // Arrival order is arbitrary on the network.
                for (int i = delivered.size() - 1; i > 0; i--) {
                  final int j = rnd.nextInt(i + 1);
                  final Shred t = delivered.get(i);
                  delivered.set(i, delivered.get(j));
                  delivered.set(j, t);
                }
                Reassembler.Outcome last = null;
                for (final Shred s : delivered) {
                  assertThat(r.isComplete()).isFalse();
                  last = r.add(Shred.decode(s.encode(), SIZE));
                }
                assertThat(last).isInstanceOf(Reassembler.Outcome.Complete.class);
                assertThat(((Reassembler.Outcome.Complete) last).block()).isEqualTo(b);
                assertThat(r.shreddedBlock().orElseThrow().shreds()).isEqualTo(sb.shreds());
              } catch (DaException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void anyBitFlipInAnEncodedShredIsDetected() {
    qt().withExamples(400)
        .forAll(longs().all(), integers().between(0, 29), integers().all())
        .checkAssert(
            (seed, which, bitSeed) -> {
              try {
                final ShreddedBlock sb = SHREDDER.shred(5, block(seed, 1500));
                final Shred s = sb.shreds().get(which);
                final byte[] wire = s.encode();
                final int bit = Math.floorMod(bitSeed, wire.length * 8);
                wire[bit / 8] ^= (byte) (1 << (bit % 8));
                final Reassembler r = reassemblerFor(sb);
                Shred decoded;
                try {
                  decoded = Shred.decode(wire, SIZE);
                } catch (DaException e) {
                  assertThat(e.error()).isInstanceOf(DaError.MalformedShred.class);
                  return;
                }
                assertThat(r.add(decoded)).isInstanceOf(Reassembler.Outcome.Rejected.class);
              } catch (DaException e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void shredOfAnotherBlockIsRejectedAndDuplicatesAreNoticed() throws DaException {
    final ShreddedBlock a = SHREDDER.shred(5, block(1, 700));
    final ShreddedBlock b = SHREDDER.shred(5, block(2, 700));
    final Reassembler r = reassemblerFor(a);
    assertThat(r.add(b.shreds().get(0)))
        .isInstanceOfSatisfying(
            Reassembler.Outcome.Rejected.class,
            x -> assertThat(x.error().code()).isEqualTo("DA_WRONG_BLOCK"));
    assertThat(r.add(a.shreds().get(0))).isInstanceOf(Reassembler.Outcome.Accepted.class);
    assertThat(r.add(a.shreds().get(0))).isInstanceOf(Reassembler.Outcome.Duplicate.class);
    // A shred of block b re-labelled with a's root keeps b's proof: the proof fails.
    final Shred forged =
        new Shred(5, 1, 700, b.shreds().get(1).payload(), a.root(), b.shreds().get(1).proof());
    assertThat(r.add(forged))
        .isInstanceOfSatisfying(
            Reassembler.Outcome.Rejected.class,
            x -> assertThat(x.error().code()).isEqualTo("DA_BAD_PROOF"));
  }

  @Test
  void leaderWithInconsistentParityIsCaught() throws DaException {
    // A leader commits to garbage parity under a valid Merkle root: every proof checks out, but
    // the decoded block re-encodes to another root.
    final byte[] b = block(3, 640);
    final ShreddedBlock honest = SHREDDER.shred(8, b);
    final List<byte[]> leaves = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();
    for (final Shred s : honest.shreds()) {
      final byte[] p = s.payload();
      if (!s.isData()) {
        Arrays.fill(p, (byte) 0x55);
      }
      payloads.add(p);
      leaves.add(Shred.leafBytes(8, s.index(), 640, p));
    }
    final MerkleTree tree = MerkleTree.build(leaves);
    final Reassembler r = new Reassembler(8, tree.root(), SIZE, 1 << 20);
    Reassembler.Outcome last = null;
    // Deliver parity plus 8 data shreds, so decoding has to use the bad parity.
    for (int i = 2; i < 12; i++) {
      last = r.add(new Shred(8, i, 640, payloads.get(i), tree.root(), tree.proof(i)));
    }
    assertThat(last)
        .isInstanceOfSatisfying(
            Reassembler.Outcome.Rejected.class,
            x -> assertThat(x.error().code()).isEqualTo("DA_INCONSISTENT_ERASURE"));
    assertThat(r.isComplete()).isFalse();
  }

  @Test
  void repairFillsTheGapsTurbineLeft() throws DaException {
    final byte[] b = block(11, 2500);
    final ShreddedBlock sb = SHREDDER.shred(21, b);
    final Reassembler r = reassemblerFor(sb);
    assertThat(r.repairRequest().orElseThrow().indices()).hasSize(12);
    // Only 9 shreds of set 0 and 3 of set 1 arrive.
    for (int i = 0; i < 9; i++) {
      r.add(sb.shreds().get(i));
    }
    for (int i = 12; i < 15; i++) {
      r.add(sb.shreds().get(i));
    }
    final RepairRequest req = RepairRequest.decode(r.repairRequest().orElseThrow().encode());
    assertThat(sb.layout().fecSets()).isEqualTo(4);
    assertThat(req.indices()).contains(9, 10, 11, 15, 23, 47).doesNotContain(0, 8, 12, 14);
    int completions = 0;
    for (final Shred s : sb.serve(req, 100)) {
      if (r.add(s) instanceof Reassembler.Outcome.Complete) {
        completions++;
      }
    }
    assertThat(completions).isEqualTo(1);
    assertThat(r.block().orElseThrow()).isEqualTo(b);
    assertThat(r.repairRequest()).isEmpty();
    assertThat(sb.serve(new RepairRequest(22, sb.root(), List.of(1)), 10)).isEmpty();
  }

  @Test
  void rejectsOversizeBlocksAndMalformedBytes() {
    assertThatThrownBy(() -> new Shredder(64, 100).shred(1, new byte[101]))
        .isInstanceOfSatisfying(
            DaException.class, e -> assertThat(e.error().code()).isEqualTo("DA_BLOCK_TOO_LARGE"));
    assertThatThrownBy(() -> Shred.decode(new byte[5], 64)).hasMessageContaining("truncated");
    assertThatThrownBy(() -> RepairRequest.decode(new byte[3])).isInstanceOf(DaException.class);
  }
}
