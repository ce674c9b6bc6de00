package dev.aether.crypto.bench;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Verifier;
import dev.aether.crypto.Vrf;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.crypto.VrfProof;
import dev.aether.crypto.VrfSuite;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Ed25519 verifications per second of this thread's CPU time, the unit {@code openssl speed}
 * reports by default (user CPU time, not wall clock). On a shared, overloaded VM wall-clock rates
 * mostly measure the neighbours; CPU-time rates compare like with like.
 *
 * <p>Run: {@code java -cp <classpath> dev.aether.crypto.bench.CpuRate [seconds] [all]}.
 */
public final class CpuRate {

  private CpuRate() {}

  public static void main(final String[] args) {
    final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    final Random rnd = new Random(42);
    final List<Verifier.Signed> items = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      final byte[] seed = new byte[32];
      rnd.nextBytes(seed);
      final Ed25519KeyPair kp = Ed25519KeyPair.fromSeed(seed);
      final byte[] msg = new byte[64];
      rnd.nextBytes(msg);
      items.add(new Verifier.Signed(kp.publicKey(), msg, kp.sign(msg)));
    }
    final int[] next = {0};
    final BooleanSupplier single =
        () -> {
          final Verifier.Signed s = items.get(next[0]++ & 63);
          return Ed25519.VERIFIER.verify(s.publicKey(), s.message(), s.signature());
        };
    final BooleanSupplier batch = () -> Ed25519.VERIFIER.verifyBatch(items);
    final Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(new byte[32]);
    final BooleanSupplier sign = () -> signer.sign(items.get(0).message()) != null;
    final double s = measure(single, 1, seconds);
    final double b = measure(batch, 64, seconds);
    final double g = measure(sign, 1, seconds);
    System.out.printf("ed25519 single verify   %10.0f /cpu-s%n", s);
    System.out.printf("ed25519 batch-64 verify %10.0f sig/cpu-s (%.2fx single)%n", b, b / s);
    System.out.printf("ed25519 sign            %10.0f /cpu-s%n", g);
    if (args.length > 1 && args[1].equals("all")) {
      others(seconds);
    }
    System.out.println();
  }

  /** VRF, BLS and KZG in the same unit (their native code runs on the calling thread). */
  private static void others(final double seconds) {
    final VrfKeyPair key = VrfKeyPair.fromSeed(new byte[32]);
    final byte[] alpha = new byte[40];
    for (final VrfSuite suite : VrfSuite.values()) {
      final Vrf vrf = Vrf.of(suite);
      final VrfProof proof = vrf.prove(key, alpha);
      print("vrf " + suite + " prove", measure(() -> vrf.prove(key, alpha) != null, 1, seconds));
      print(
          "vrf " + suite + " verify",
          measure(() -> vrf.verify(key.publicKey(), alpha, proof).isPresent(), 1, seconds));
    }
    final BlsBench bls = new BlsBench();
    bls.setup();
    print("bls verify", measure(bls::verifySingle, 1, seconds));
    print("bls fast-aggregate-verify 100", measure(bls::fastAggregateVerify100, 1, seconds));
    print(
        "bls fast-agg-verify 100 prep.", measure(bls::fastAggregateVerify100Prepared, 1, seconds));
    print("bls aggregate-verify 100", measure(bls::aggregateVerify100, 1, seconds));
    print("bls aggregate 100", measure(() -> bls.aggregate100() != null, 1, seconds));
    final VrfKzgBench kzg = new VrfKzgBench();
    kzg.suite = "ELL2";
    kzg.setup();
    print("kzg blob-to-commitment", measure(() -> kzg.kzgCommit() != null, 1, seconds));
    print("kzg verify-blob-proof", measure(kzg::kzgVerifyBlobProof, 1, seconds));
  }

  private static void print(final String what, final double perSecond) {
    System.out.printf("%-30s %10.1f /cpu-s  (%.3f ms)%n", what, perSecond, 1000 / perSecond);
  }

  /** Warms the path up for the JIT, then measures. */
  private static double measure(final BooleanSupplier op, final int perCall, final double seconds) {
    rate(op, perCall, seconds / 2);
    return rate(op, perCall, seconds);
  }

  private static double rate(final BooleanSupplier op, final int perCall, final double seconds) {
    final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    final long start = mx.getCurrentThreadCpuTime();
    final long budget = (long) (seconds * 1e9);
    long ops = 0;
    while (mx.getCurrentThreadCpuTime() - start < budget) {
      if (!op.getAsBoolean()) {
        throw new AssertionError("benchmark input failed to verify");
      }
      ops += perCall;
    }
    return ops / ((mx.getCurrentThreadCpuTime() - start) / 1e9);
  }
}
