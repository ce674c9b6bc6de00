package dev.aether.ledger.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.Parallelism;
import dev.aether.types.H256;
import dev.aether.types.RandomTypes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state tree's parallel update gives the serial update's root and leaves exactly the same nodes
 * in the store, on random trees and random batches (inserts, updates, deletes, leaves lifted and
 * pushed down), whichever thread runs which subtree and in what order.
 */
class ParallelUpdateTest {
  private static ExecutorService threads;

  @BeforeAll
  static void start() {
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    threads.shutdown();
  }

  /** A node store whose whole content can be compared (sorted, hex). */
  static final class DumpStore implements NodeStore {
    final TreeMap<String, byte[]> nodes = new TreeMap<>();

    @Override
    public Optional<byte[]> get(byte[] path) {
      return Optional.ofNullable(nodes.get(HexFormat.of().formatHex(path)));
    }

    @Override
    public void put(byte[] path, byte[] node) {
      nodes.put(HexFormat.of().formatHex(path), node.clone());
    }

    @Override
    public void delete(byte[] path) {
      nodes.remove(HexFormat.of().formatHex(path));
    }

    TreeMap<String, String> dump() {
      TreeMap<String, String> out = new TreeMap<>();
      nodes.forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
      return out;
    }
  }

  /** Pieces on a real thread pool, the calling thread waiting. */
  static Parallelism pool(int workers) {
    return new Parallelism() {
      @Override
      public int workers() {
        return workers;
      }

      @Override
      public void forEach(int n, IntConsumer piece) {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int k = i;
          fs.add(threads.submit(() -> piece.accept(k)));
        }
        for (Future<?> f : fs) {
          try {
            f.get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
  }

  /** Pieces on the calling thread, last first: order must not matter either. */
  static final Parallelism BACKWARDS =
      new Parallelism() {
        @Override
        public int workers() {
          return 2;
        }

        @Override
        public void forEach(int n, IntConsumer piece) {
          for (int i = n - 1; i >= 0; i--) {
            piece.accept(i);
          }
        }
      };

  /** A broken helper that loses one piece (the last): the checks below must catch it. */
  static final Parallelism DROPS_A_PIECE =
      new Parallelism() {
        @Override
        public int workers() {
          return 2;
        }

        @Override
        public void forEach(int n, IntConsumer piece) {
          for (int i = 0; i < n - 1; i++) {
            piece.accept(i);
          }
        }
      };

  /**
   * Builds a random tree, then applies random batches serially to one store and with {@code par} to
   * another; asserts equal roots and equal stores after every batch. Returns the batch count.
   */
  static int checkSeed(long seed, Parallelism par) {
    SplittableRandom r = new SplittableRandom(seed);
    RandomTypes t = new RandomTypes(seed);
    DumpStore serialStore = new DumpStore();
    DumpStore parallelStore = new DumpStore();
    SparseMerkleTree serial = new SparseMerkleTree(serialStore);
    SparseMerkleTree parallel = new SparseMerkleTree(parallelStore);
    List<H256> keys = new ArrayList<>();
    int batches = 2 + r.nextInt(5);
    for (int b = 0; b < batches; b++) {
      TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
      // From a few keys (below the split threshold: the serial path) up to hundreds.
      int size = r.nextInt(4) == 0 ? r.nextInt(64) : 64 + r.nextInt(600);
      for (int i = 0; i < size; i++) {
        int kind = keys.isEmpty() ? 0 : r.nextInt(3);
        switch (kind) {
          case 0 -> {
            H256 k = t.h256();
            keys.add(k);
            changes.put(k, Optional.of(t.h256()));
          }
          case 1 -> changes.put(keys.get(r.nextInt(keys.size())), Optional.of(t.h256()));
          default -> changes.put(keys.get(r.nextInt(keys.size())), Optional.empty());
        }
      }
      H256 expected = serial.update(changes);
      H256 actual = parallel.update(changes, par);
      assertThat(actual).as("root, seed %d batch %d", seed, b).isEqualTo(expected);
      assertThat(parallelStore.dump())
          .as("stored nodes, seed %d batch %d", seed, b)
          .isEqualTo(serialStore.dump());
      assertThat(parallel.root()).isEqualTo(expected);
    }
    return batches;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void parallelUpdateEqualsSerialOnRandomTrees(long seed) {
    assertThat(checkSeed(seed, pool(2))).isPositive();
    assertThat(checkSeed(seed, pool(4))).isPositive();
    assertThat(checkSeed(seed, BACKWARDS)).isPositive();
  }

  @Test
  void deletingEverythingInParallelEmptiesTheTreeAsSerially() {
    RandomTypes t = new RandomTypes(77);
    TreeMap<H256, Optional<H256>> add = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      add.put(t.h256(), Optional.of(t.h256()));
    }
    DumpStore store = new DumpStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    tree.update(add, pool(2));
    assertThat(tree.root()).isEqualTo(SparseMerkleTree.subtreeRoot(values(add), 0));
    TreeMap<H256, Optional<H256>> delete = new TreeMap<>();
    add.keySet().forEach(k -> delete.put(k, Optional.empty()));
    assertThat(tree.update(delete, pool(2))).isEqualTo(H256.ZERO);
    assertThat(store.nodes).isEmpty();
  }

  @Test
  void aHelperThatLosesAPieceIsCaught() {
    // A lost subtree either leaves a hole the join trips over or changes the root and the stored
    // nodes; either way the run fails, on every seed (each has a batch large enough to split).
    for (long seed = 1; seed <= 10; seed++) {
      long s = seed;
      assertThatThrownBy(() -> checkSeed(s, DROPS_A_PIECE)).as("seed %d", s).isNotNull();
    }
  }

  @Test
  void aSubtreeWhoseNodesAreNotWrittenIsCaughtByTheStoreComparison() {
    // Same root, missing nodes: only the store comparison sees it, and it does.
    RandomTypes t = new RandomTypes(5);
    TreeMap<H256, Optional<H256>> add = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      add.put(t.h256(), Optional.of(t.h256()));
    }
    DumpStore serialStore = new DumpStore();
    DumpStore parallelStore = new DumpStore();
    H256 a = new SparseMerkleTree(serialStore).update(add);
    H256 b = new SparseMerkleTree(parallelStore).update(add, pool(2));
    assertThat(b).isEqualTo(a);
    assertThat(parallelStore.dump()).isEqualTo(serialStore.dump());
    parallelStore.nodes.remove(parallelStore.nodes.lastKey()); // what losing a write looks like
    assertThat(parallelStore.dump()).isNotEqualTo(serialStore.dump());
  }

  private static TreeMap<H256, H256> values(TreeMap<H256, Optional<H256>> m) {
    TreeMap<H256, H256> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.orElseThrow()));
    return out;
  }
}
