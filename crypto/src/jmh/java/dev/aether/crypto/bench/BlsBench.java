package dev.aether.crypto.bench;

import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsPreparedKey;
import dev.aether.crypto.BlsPublicKey;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.BlsSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** BLS (blst): single verify as baseline; 100 signers aggregated in both verify modes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BlsBench {

  static final int SIGNERS = 100;

  List<BlsPublicKey> pks;
  List<BlsPreparedKey> prepared;
  List<byte[]> msgs;
  List<BlsSignature> sameMsgSigs;
  BlsSignature sameAgg;
  BlsSignature distinctAgg;
  byte[] common;

  @Setup
  public void setup() {
    pks = new ArrayList<>();
    msgs = new ArrayList<>();
    sameMsgSigs = new ArrayList<>();
    final List<BlsSignature> distinct = new ArrayList<>();
    common = new byte[32];
    for (int i = 0; i < SIGNERS; i++) {
      final byte[] ikm = new byte[32];
      ikm[0] = (byte) i;
      ikm[1] = 7;
      final BlsSecretKey sk = BlsSecretKey.fromSeed(ikm);
      final byte[] m = new byte[32];
      m[0] = (byte) i;
      pks.add(sk.publicKey());
      msgs.add(m);
      sameMsgSigs.add(sk.sign(common));
      distinct.add(sk.sign(m));
    }
    sameAgg = Bls.INSTANCE.aggregate(sameMsgSigs);
    distinctAgg = Bls.INSTANCE.aggregate(distinct);
    prepared = pks.stream().map(k -> Bls.INSTANCE.prepare(k).orElseThrow()).toList();
  }

  @Benchmark
  public boolean verifySingle() {
    return Bls.INSTANCE.verify(pks.get(0), common, sameMsgSigs.get(0));
  }

  @Benchmark
  public boolean fastAggregateVerify100() {
    return Bls.INSTANCE.fastAggregateVerify(pks, common, sameAgg);
  }

  @Benchmark
  public boolean fastAggregateVerify100Prepared() {
    return Bls.INSTANCE.fastAggregateVerifyPrepared(prepared, common, sameAgg);
  }

  @Benchmark
  public boolean aggregateVerify100() {
    return Bls.INSTANCE.aggregateVerify(pks, msgs, distinctAgg);
  }

  @Benchmark
  public BlsSignature aggregate100() {
    return Bls.INSTANCE.aggregate(sameMsgSigs);
  }
}
