package dev.aether.crypto.bench;

import dev.aether.crypto.Blob;
import dev.aether.crypto.Kzg;
import dev.aether.crypto.KzgCommitment;
import dev.aether.crypto.KzgProof;
import dev.aether.crypto.Vrf;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfOutput;
import dev.aether.crypto.VrfProof;
import dev.aether.crypto.VrfSuite;
import java.util.Optional;
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

/** ECVRF prove/verify (both suites) and KZG commit/verify. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class VrfKzgBench {

  @Param({"ELL2", "TAI"})
  String suite;

  Vrf vrf;
  VrfKeyPair key;
  byte[] alpha;
  VrfProof proof;
  Kzg kzg;
  Blob blob;
  KzgCommitment commitment;
  KzgProof blobProof;

  @Setup
  public void setup() {
    vrf = Vrf.of(VrfSuite.valueOf(suite));
    key = VrfKeyPair.fromSeed(new byte[32]);
    alpha = new byte[40];
    proof = vrf.prove(key, alpha);
    kzg = Kzg.ethereum();
    final byte[] raw = new byte[Blob.LENGTH];
    for (int i = 0; i < Blob.FIELD_ELEMENTS; i++) {
      raw[i * 32 + 31] = (byte) (i * 7);
      raw[i * 32 + 5] = (byte) i;
    }
    blob = Blob.of(raw);
    commitment = kzg.blobToCommitment(blob);
    blobProof = kzg.computeBlobProof(blob, commitment);
  }

  @Benchmark
  public VrfProof vrfProve() {
    return vrf.prove(key, alpha);
  }

  @Benchmark
  public Optional<VrfOutput> vrfVerify() {
    return vrf.verify(key.publicKey(), alpha, proof);
  }

  @Benchmark
  public KzgCommitment kzgCommit() {
    return kzg.blobToCommitment(blob);
  }

  @Benchmark
  public boolean kzgVerifyBlobProof() {
    return kzg.verifyBlobProof(blob, commitment, blobProof);
  }
}
