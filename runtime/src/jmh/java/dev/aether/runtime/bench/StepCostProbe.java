package dev.aether.runtime.bench;

import dev.aether.runtime.StepCosts;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Receipt;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The step cost table's evidence in thread CPU time (robust on a shared machine): for every
 * instruction class, the CPU nanoseconds per charged step of a loop dominated by that class,
 * against a plain-arithmetic loop in the same run; on both engines. A class whose ratio is above 1
 * costs a validator more time per step than a plain instruction — its weight in {@link
 * StepCosts#V2} must rise until it is not.
 *
 * <p>Run: {@code java -ea:com.dylibso.chicory... -cp <runtime test classpath>
 * dev.aether.runtime.bench.StepCostProbe [reps]}.
 */
public final class StepCostProbe {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private StepCostProbe() {}

  /** {min CPU ns, steps} of a call over {@code reps} runs, after warm-up. */
  static long[] measure(Calibration c, int reps) {
    Receipt r = null;
    for (int i = 0; i < Math.max(3, reps / 3); i++) {
      r = c.run();
    }
    long[] t = new long[reps];
    for (int i = 0; i < reps; i++) {
      long s = CPU.getCurrentThreadCpuTime();
      r = c.run();
      t[i] = CPU.getCurrentThreadCpuTime() - s;
    }
    Arrays.sort(t);
    return new long[] {t[0], r.steps()};
  }

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    System.out.println("StepCosts.V2.wasm = " + StepCosts.V2.wasm());
    for (WasmContracts.Mode engine :
        new WasmContracts.Mode[] {WasmContracts.Mode.INTERPRETER, WasmContracts.Mode.COMPILER}) {
      System.out.println("== " + engine);
      double plain = 0;
      String[][] cases = {
        {"plain", "20000", "0"},
        {"loadstore", "20000", "0"},
        {"global", "20000", "0"},
        {"call", "20000", "0"},
        {"callindirect", "20000", "0"},
        {"table", "20000", "0"},
        {"hostcall", "5000", "0"},
        {"fill", "300", "65536"},
        {"copy", "300", "65536"},
        {"fill", "20000", "16"},
        {"tablefill", "2000", "4096"},
      };
      for (String[] cs : cases) {
        String m = cs[0];
        long n = Long.parseLong(cs[1]);
        int size = Integer.parseInt(cs[2]);
        long[] base = measure(new Calibration(engine, m, 0, size), reps);
        long[] full = measure(new Calibration(engine, m, n, size), reps);
        double nsPerStep = (double) (full[0] - base[0]) / (full[1] - base[1]);
        if (m.equals("plain")) {
          plain = nsPerStep;
        }
        System.out.printf(
            "%-13s n=%-6d size=%-6d steps=%-10d cpu=%8.2f ms  ns/step=%6.2f  ratio=%5.2f%n",
            m, n, size, full[1] - base[1], (full[0] - base[0]) / 1e6, nsPerStep, nsPerStep / plain);
      }
      // Instantiation and the fixed part of a call: n = 0, per code byte.
      long[] empty = measure(new Calibration(engine, "plain", 0, 0), reps);
      System.out.printf(
          "empty call: steps=%d cpu=%.1f us (%.2f ns/step)%n",
          empty[1], empty[0] / 1e3, (double) empty[0] / empty[1]);
    }
  }
}
