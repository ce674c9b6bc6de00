package dev.aether.crypto.bench;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Verifier;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 verification per signature: single, batch of 64, and the JDK's (SunEC) single verify as
 * the in-run baseline. Throughput in operations (= signatures) per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class Ed25519Bench {

  static final int BATCH = 64;

  List<Verifier.Signed> items;
  Ed25519KeyPair signer;
  byte[] message;
  Signature jdk;
  PublicKey jdkKey;
  byte[] jdkSig;
  int next;

  @Setup
  public void setup() throws Exception {
    final Random rnd = new Random(42);
    items = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      final byte[] seed = new byte[32];
      rnd.nextBytes(seed);
      final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
      final byte[] msg = new byte[64];
      rnd.nextBytes(msg);
      items.add(new Verifier.Signed(kp.publicKey(), msg, kp.sign(msg)));
    }
    signer = Ed25519KeyPair.fromSeed(new byte[32]);
    message = new byte[64];
    final Verifier.Signed first = items.get(0);
    final byte[] spki =
        HexFormat.of()
            .parseHex(
                "302a300506032b6570032100" + HexFormat.of().formatHex(first.publicKey().bytes()));
    jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    jdk = Signature.getInstance("Ed25519");
    jdkSig = first.signature().bytes();
  }

  @Benchmark
  public boolean verifySingle() {
    final Verifier.Signed s = items.get(next++ & (BATCH - 1));
    return Ed25519.VERIFIER.verify(s.publicKey(), s.message(), s.signature());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean verifyBatch64() {
    return Ed25519.VERIFIER.verifyBatch(items);
  }

  @Benchmark
  public boolean jdkVerifySingle() throws Exception {
    jdk.initVerify(jdkKey);
    jdk.update(items.get(0).message());
    return jdk.verify(jdkSig);
  }

  @Benchmark
  public Object sign() {
    return signer.sign(message);
  }
}
