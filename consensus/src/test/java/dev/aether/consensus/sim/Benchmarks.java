package dev.aether.consensus.sim;

import java.io.PrintStream;
import java.util.List;

/** The measurements for docs/BENCHMARKS.md, all in simulated time (deterministic, seed 1). */
final class Benchmarks {
  private Benchmarks() {}

  static void print(PrintStream out) {
    out.println("Light tail: 1 % of messages delayed by up to 3 extra one-way latencies.");
    out.println();
    latencyTable(out, List.of(4, 16, 64), 10);
    out.println();
    out.println("Heavy tail: 10 % of messages delayed by up to 3 extra one-way latencies.");
    out.println();
    latencyTable(out, List.of(16, 64), 100);
    out.println();
    out.println(
        "| scenario | validators | GST ms | first final after GST ms | all final after GST ms |");
    out.println("|---|---|---|---|---|");
    for (long s = 1; s <= 10; s++) {
      Scenario sc = Scenario.of("partition", s);
      SimResult r = new Simulation(sc, s).run();
      out.printf(
          "| partition seed %d | %d | %d | %d | %d |%n",
          s, sc.n(), sc.gstMs(), r.firstFinalAfterGstMs(), r.allFinalAfterGstMs());
    }
  }

  private static void latencyTable(PrintStream out, List<Integer> sizes, int tailPerMille) {
    out.println(
        "| validators | RTT ms | final blocks | p50 ms | p95 ms | p99 ms | msgs/final | bytes/final |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (int n : sizes) {
      for (long rtt : List.of(100L, 150L)) {
        SimResult r = new Simulation(Scenario.steady(n, rtt, 60_000, tailPerMille), 1).run();
        out.printf(
            "| %d | %d | %d | %d | %d | %d | %d | %d |%n",
            n,
            rtt,
            r.finalBlocks(),
            r.latencyPercentile(50),
            r.latencyPercentile(95),
            r.latencyPercentile(99),
            r.messagesPerFinalBlock(),
            r.bytesPerFinalBlock());
      }
    }
  }
}
