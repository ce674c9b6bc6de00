package dev.aether.ledger.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.aether.types.H256;
import dev.aether.types.RandomTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {

  private static TreeMap<H256, Optional<H256>> batch(Map<H256, H256> m) {
    TreeMap<H256, Optional<H256>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, Optional.of(v)));
    return out;
  }

  /** The root computed from scratch over the whole key set: the reference for every update. */
  private static H256 reference(TreeMap<H256, H256> state) {
    return SparseMerkleTree.subtreeRoot(state, 0);
  }

  @Test
  void emptyTreeHasZeroRoot() {
    SparseMerkleTree t = new SparseMerkleTree(new InMemoryNodeStore());
    assertThat(t.root()).isEqualTo(H256.ZERO);
    H256 k = new RandomTypes(1).h256();
    assertThat(t.prove(k).verify(H256.ZERO, k, Optional.empty())).isTrue();
  }

  @Test
  void rootIndependentOfInsertionOrderAndBatching() {
    qt().withExamples(40)
        .forAll(longs().all(), integers().between(1, 300))
        .checkAssert(
            (seed, n) -> {
              RandomTypes r = new RandomTypes(seed);
              TreeMap<H256, H256> state = new TreeMap<>();
              for (int i = 0; i < n; i++) {
                state.put(r.h256(), r.h256());
              }
              // One batch.
              SparseMerkleTree a = new SparseMerkleTree(new InMemoryNodeStore());
              H256 ra = a.update(batch(state));
              // Shuffled single-key batches.
              List<H256> keys = new ArrayList<>(state.keySet());
              Collections.shuffle(keys, new Random(seed));
              SparseMerkleTree b = new SparseMerkleTree(new InMemoryNodeStore());
              for (H256 k : keys) {
                b.update(new TreeMap<>(Map.of(k, Optional.of(state.get(k)))));
              }
              assertThat(ra).isEqualTo(reference(state)).isEqualTo(b.root());
            });
  }

  @Test
  void randomUpdatesAndDeletesMatchFromScratchRoot() {
    qt().withExamples(30)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomTypes r = new RandomTypes(seed);
              Random rnd = r.random();
              InMemoryNodeStore store = new InMemoryNodeStore();
              SparseMerkleTree t = new SparseMerkleTree(store);
              TreeMap<H256, H256> state = new TreeMap<>();
              List<H256> known = new ArrayList<>();
              for (int round = 0; round < 20; round++) {
                TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
                int m = 1 + rnd.nextInt(30);
                for (int i = 0; i < m; i++) {
                  int op = rnd.nextInt(3);
                  if (op == 0 || known.isEmpty()) {
                    H256 k = r.h256();
                    known.add(k);
                    changes.put(k, Optional.of(r.h256()));
                  } else if (op == 1) {
                    changes.put(known.get(rnd.nextInt(known.size())), Optional.of(r.h256()));
                  } else {
                    changes.put(known.get(rnd.nextInt(known.size())), Optional.empty());
                  }
                }
                changes.forEach(
                    (k, v) -> {
                      if (v.isPresent()) {
                        state.put(k, v.get());
                      } else {
                        state.remove(k);
                      }
                    });
                assertThat(t.update(changes)).isEqualTo(reference(state));
              }
              // Storage holds about 2n nodes: cost follows the key count, not 2^256.
              assertThat(store.size()).isLessThanOrEqualTo(Math.max(1, 2 * state.size() + 256));
              // Deleting everything empties the store and the root.
              TreeMap<H256, Optional<H256>> all = new TreeMap<>();
              state.keySet().forEach(k -> all.put(k, Optional.empty()));
              assertThat(t.update(all)).isEqualTo(H256.ZERO);
              assertThat(store.size()).isZero();
            });
  }

  @Test
  void proofsVerifyAndTamperedProofsFail() {
    RandomTypes r = new RandomTypes(7);
    TreeMap<H256, H256> state = new TreeMap<>();
    for (int i = 0; i < 500; i++) {
      state.put(r.h256(), r.h256());
    }
    SparseMerkleTree t = new SparseMerkleTree(new InMemoryNodeStore());
    H256 root = t.update(batch(state));
    for (Map.Entry<H256, H256> e : state.entrySet()) {
      SmtProof p = SmtProof.decode(t.prove(e.getKey()).encode());
      assertThat(p.verify(root, e.getKey(), Optional.of(e.getValue()))).isTrue();
      assertThat(p.verify(root, e.getKey(), Optional.of(r.h256()))).isFalse();
      assertThat(p.verify(root, e.getKey(), Optional.empty())).isFalse();
      // Flip one sibling: the recomputed root changes.
      List<H256> sib = new ArrayList<>(p.siblings());
      int i = r.random().nextInt(sib.size());
      byte[] b = sib.get(i).toArray();
      b[0] ^= 1;
      sib.set(i, H256.of(b));
      assertThat(
              new SmtProof(sib, p.terminal()).verify(root, e.getKey(), Optional.of(e.getValue())))
          .isFalse();
    }
    for (int i = 0; i < 500; i++) {
      H256 absent = r.h256();
      SmtProof p = t.prove(absent);
      assertThat(p.verify(root, absent, Optional.empty())).isTrue();
      assertThat(p.verify(root, absent, Optional.of(r.h256()))).isFalse();
      // A non-inclusion proof for one key says nothing about another.
      H256 present = state.firstKey();
      assertThat(p.verify(root, present, Optional.empty())).isFalse();
    }
  }

  @Test
  void proofSizeGrowsWithLogOfKeyCount() {
    RandomTypes r = new RandomTypes(3);
    SparseMerkleTree t = new SparseMerkleTree(new InMemoryNodeStore());
    TreeMap<H256, H256> state = new TreeMap<>();
    for (int i = 0; i < 4096; i++) {
      state.put(r.h256(), r.h256());
    }
    t.update(batch(state));
    int total = 0;
    for (H256 k : state.keySet()) {
      total += t.prove(k).encode().length;
    }
    double avg = total / (double) state.size();
    // log2(4096) = 12 siblings of 32 bytes plus a few: far below a 256-sibling proof (8 KiB).
    assertThat(avg).isBetween(300.0, 600.0);
  }

  @Test
  void subtreeProofsCheckChunksAndRejectTampering() {
    RandomTypes r = new RandomTypes(11);
    TreeMap<H256, H256> state = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      state.put(r.h256(), r.h256());
    }
    SparseMerkleTree t = new SparseMerkleTree(new InMemoryNodeStore());
    H256 root = t.update(batch(state));
    for (int bits : new int[] {0, 1, 4, 8, 10}) {
      int total = 0;
      for (int c = 0; c < (1 << bits); c++) {
        H256 prefix = prefix(c, bits);
        TreeMap<H256, H256> chunk = new TreeMap<>();
        state.forEach(
            (k, v) -> {
              if (SmtProof.sharesPrefix(k.toArray(), prefix.toArray(), bits)) {
                chunk.put(k, v);
              }
            });
        total += chunk.size();
        SubtreeProof p = SubtreeProof.decode(t.proveSubtree(prefix, bits).encode());
        assertThat(p.check(root, chunk)).isEmpty();
        if (!chunk.isEmpty()) {
          TreeMap<H256, H256> dropped = new TreeMap<>(chunk);
          dropped.pollFirstEntry();
          assertThat(p.check(root, dropped)).isPresent();
          TreeMap<H256, H256> altered = new TreeMap<>(chunk);
          altered.put(altered.firstKey(), r.h256());
          assertThat(p.check(root, altered)).isPresent();
        }
        TreeMap<H256, H256> extra = new TreeMap<>(chunk);
        byte[] k = prefix.toArray();
        k[31] ^= 0x5a;
        extra.put(H256.of(k), r.h256());
        assertThat(p.check(root, extra)).isPresent();
      }
      assertThat(total).isEqualTo(state.size());
    }
  }

  static H256 prefix(int chunk, int bits) {
    byte[] p = new byte[32];
    for (int i = 0; i < bits; i++) {
      if (((chunk >>> (bits - 1 - i)) & 1) == 1) {
        p[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return H256.of(p);
  }
}
