package dev.aether.runtime.bench;

import dev.aether.ledger.AccessSet;
import dev.aether.runtime.Plan;
import dev.aether.runtime.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speedup under heavy machine contention, where JMH's averages drown in noise: for each workload,
 * runs the serial baseline and the parallel executor (1, 2, 4 workers) in alternation, many times
 * in one JVM, and reports the minimum and median time of each — the minimum approximates the run
 * the other tenants disturbed least. Also prints the plan's depth (longest conflict chain), a
 * machine-independent bound on the parallelism. Run it with the test classpath of the {@code jmh}
 * profile (see docs/BENCHMARKS.md).
 */
public final class SpeedupProbe {
  private SpeedupProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    String engine = args.length > 1 ? args[1] : "INTERPRETER";
    List<String> workloads =
        args.length > 2 ? List.of(args[2].split(",")) : List.of("transfers", "hot10", "hot50", "wasm", "sdk");
    int[] threads = {0, 1, 2, 4};
    System.out.printf(
        "%-10s %6s %6s | %s%n", "workload", "txs", "depth", "min / median ms: serial, 1, 2, 4 workers");
    System.out.println("engine " + engine);
    for (String workload : workloads) {
      List<ExecutorBench> benches = new ArrayList<>();
      for (int t : threads) {
        ExecutorBench b = new ExecutorBench();
        b.workload = workload;
        b.threads = t;
        b.engine = engine;
        b.setup();
        benches.add(b);
      }
      long[][] times = new long[threads.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < threads.length; k++) {
          long t0 = System.nanoTime();
          benches.get(k).executeBlock();
          times[k][r] = System.nanoTime() - t0;
        }
      }
      Plan plan =
          new Scheduler().plan(benches.getFirst().txs().stream().map(AccessSet::of).toList());
      StringBuilder sb = new StringBuilder();
      double serialMin = 0;
      for (int k = 0; k < threads.length; k++) {
        long[] t = times[k].clone();
        Arrays.sort(t);
        double min = t[0] / 1e6;
        double median = t[t.length / 2] / 1e6;
        if (k == 0) {
          serialMin = min;
        }
        sb.append(String.format("%.1f/%.1f", min, median));
        if (k > 0) {
          sb.append(String.format(" (x%.2f)", serialMin / min));
        }
        sb.append("  ");
      }
      System.out.printf("%-10s %6d %6d | %s%n", workload, plan.size(), plan.depth(), sb);
      for (ExecutorBench b : benches) {
        b.tearDown();
      }
    }
  }
}
