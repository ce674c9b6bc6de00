package dev.aether.ledger.bench;

import dev.aether.ledger.smt.InMemoryNodeStore;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@link SmtBench}'s measurements in thread CPU time instead of wall time, for a shared machine
 * whose load makes wall-clock throughput meaningless: CPU time per update (batches of 1,000), per
 * proof, and per SHA-256 of 64 bytes as the baseline, at each key count given as an argument.
 */
public final class SmtCpuTime {
  private SmtCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String arg : args) {
      int n = Integer.parseInt(arg);
      Random rnd = new Random(42);
      SparseMerkleTree t = new SparseMerkleTree(new InMemoryNodeStore());
      H256[] keys = new H256[n];
      for (int done = 0; done < n; ) {
        TreeMap<H256, Optional<H256>> b = new TreeMap<>();
        for (int i = 0; i < 10_000 && done < n; i++, done++) {
          keys[done] = random(rnd);
          b.put(keys[done], Optional.of(random(rnd)));
        }
        t.update(b);
      }
      for (int w = 0; w < 20; w++) {
        batch(t, keys, rnd);
      }
      byte[] block = new byte[64];
      for (int i = 0; i < 200_000; i++) {
        Hashing.sha256(block);
      }
      final int rounds = 50;
      long c0 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < rounds; r++) {
        batch(t, keys, rnd);
      }
      long c1 = mx.getCurrentThreadCpuTime();
      final int proofs = 20_000;
      long bytes = 0;
      for (int i = 0; i < proofs; i++) {
        bytes += t.prove(keys[rnd.nextInt(n)]).encode().length;
      }
      long c2 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 200_000; i++) {
        Hashing.sha256(block);
      }
      long c3 = mx.getCurrentThreadCpuTime();
      double update = (c1 - c0) / (rounds * 1000.0);
      double hash = (c3 - c2) / 200_000.0;
      System.out.printf(
          "keys=%d update=%.1fus (%.0f/s) prove=%.1fus sha256=%.2fus hashes/update=%.0f proof=%.0fB%n",
          n,
          update / 1000,
          1e9 / update,
          (c2 - c1) / 1000.0 / proofs,
          hash / 1000,
          update / hash,
          bytes / (double) proofs);
    }
  }

  private static void batch(SparseMerkleTree t, H256[] keys, Random rnd) {
    TreeMap<H256, Optional<H256>> b = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      b.put(keys[rnd.nextInt(keys.length)], Optional.of(random(rnd)));
    }
    t.update(b);
  }

  private static H256 random(Random rnd) {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    return H256.of(b);
  }
}
