package dev.aether.da.bench;

import dev.aether.da.DaException;
import dev.aether.da.ReedSolomon;
import dev.aether.da.Shredder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RS(12,10) throughput on one thread, over one FEC set of {@code shredSize}-byte shreds (10 ×
 * shredSize data bytes per op). Baseline in the same run: single XOR parity over the same data
 * (RAID-5 style, the cheapest erasure code), so the ratio shows what GF(2^8) multiplication costs.
 * MB/s = ops/s × 10 × shredSize / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ReedSolomonBench {
  @Param({"1024", "65536"})
  int shredSize;

  private final ReedSolomon rs = ReedSolomon.shredCode();
  private byte[][] shards;
  private byte[][] damaged;
  private boolean[] present;
  private byte[] block;
  private Shredder shredder;

  @Setup
  public void setup() throws DaException {
    final SplittableRandom r = new SplittableRandom(1);
    shards = new byte[12][shredSize];
    for (int i = 0; i < 10; i++) {
      r.nextBytes(shards[i]);
    }
    rs.encodeParity(shards);
    damaged = new byte[12][];
    present = new boolean[12];
    block = new byte[10 * shredSize];
    r.nextBytes(block);
    shredder = new Shredder(shredSize, 1 << 30);
  }

  /** Baseline: one XOR parity shard. */
  @Benchmark
  public byte[] xorParityBaseline() {
    final byte[] p = new byte[shredSize];
    for (int i = 0; i < 10; i++) {
      final byte[] s = shards[i];
      for (int b = 0; b < shredSize; b++) {
        p[b] ^= s[b];
      }
    }
    return p;
  }

  /** RS(12,10): both parity shards. */
  @Benchmark
  public byte[][] encode() throws DaException {
    rs.encodeParity(shards);
    return shards;
  }

  /** RS(12,10): rebuild two lost data shards (the worst case: matrix inversion + 2 rows). */
  @Benchmark
  public byte[][] decodeTwoDataLost() throws DaException {
    for (int i = 0; i < 12; i++) {
      damaged[i] = shards[i];
      present[i] = true;
    }
    damaged[0] = null;
    damaged[5] = null;
    present[0] = false;
    present[5] = false;
    rs.reconstruct(damaged, present);
    return damaged;
  }

  /** Full leader pipeline for one FEC set: RS encode + Merkle tree + proofs. */
  @Benchmark
  public Object shredOneSet() throws DaException {
    return shredder.shred(1, block);
  }
}
