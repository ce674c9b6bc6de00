package dev.aether.ledger.bench;

import dev.aether.ledger.smt.InMemoryNodeStore;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sparse Merkle Tree cost as the state grows: updates per second in block-sized batches of 1,000
 * existing keys, and proof generation, at 10^4..10^6 keys. Baseline: one SHA-256 over 64 bytes
 * (what one inner node costs), so the ratio reads as "hashes per update".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmtBench {
  static final int BATCH = 1000;

  @Param({"10000", "100000", "1000000"})
  public int keys;

  private SparseMerkleTree tree;
  private H256[] present;
  private Random rnd;
  private final byte[] block = new byte[64];

  @Setup(Level.Trial)
  public void build() {
    rnd = new Random(42);
    InMemoryNodeStore store = new InMemoryNodeStore();
    tree = new SparseMerkleTree(store);
    present = new H256[keys];
    for (int done = 0; done < keys; ) {
      TreeMap<H256, Optional<H256>> batch = new TreeMap<>();
      for (int i = 0; i < 10_000 && done < keys; i++, done++) {
        present[done] = random();
        batch.put(present[done], Optional.of(random()));
      }
      tree.update(batch);
    }
    long bytes = 0;
    int samples = 2000;
    for (int i = 0; i < samples; i++) {
      bytes += tree.prove(present[rnd.nextInt(keys)]).encode().length;
    }
    long absent = 0;
    for (int i = 0; i < samples; i++) {
      absent += tree.prove(random()).encode().length;
    }
    System.out.printf(
        "%n[smt] keys=%d nodes=%d avgInclusionProof=%.1fB avgNonInclusionProof=%.1fB%n",
        keys, store.size(), bytes / (double) samples, absent / (double) samples);
  }

  private H256 random() {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    return H256.of(b);
  }

  /** Baseline: one node hash. */
  @Benchmark
  public H256 sha256Of64Bytes() {
    return Hashing.sha256(block);
  }

  /** Updates 1,000 existing keys in one batch (as a block does); score = updates/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public H256 updateBatchOf1000() {
    TreeMap<H256, Optional<H256>> batch = new TreeMap<>();
    for (int i = 0; i < BATCH; i++) {
      batch.put(present[rnd.nextInt(keys)], Optional.of(random()));
    }
    return tree.update(batch);
  }

  /** Inclusion proof generation; score = proofs/s. */
  @Benchmark
  public byte[] proveInclusion() {
    return tree.prove(present[rnd.nextInt(keys)]).encode();
  }
}
