package dev.aether.crypto.bench;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.Verifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Ed25519 verifications per second of this thread's CPU time, the unit {@code openssl speed}
 * reports by default (user CPU time, not wall clock). On a shared, overloaded VM wall-clock
 * rates mostly measure the neighbours; CPU-time rates compare like with like.
 *
 * <p>Run: {@code java -cp <classpath> dev.aether.crypto.bench.CpuRate [seconds]}.
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
    // Warm up every path for the JIT before timing.
    rate(single, 1, seconds);
    rate(batch, 64, seconds);
    rate(sign, 1, seconds);
    final double s = rate(single, 1, seconds);
    final double b = rate(batch, 64, seconds);
    final double g = rate(sign, 1, seconds);
    System.out.printf("single verify: %.0f /cpu-s%n", s);
    System.out.printf("batch-64 verify: %.0f sig/cpu-s (%.2fx single)%n", b, b / s);
    System.out.printf("sign: %.0f /cpu-s%n", g);
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
