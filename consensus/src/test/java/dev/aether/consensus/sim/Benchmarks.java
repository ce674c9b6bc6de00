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
    faults(out);
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

  private static void faults(PrintStream out) {
    out.println("Under faults: 20 seeds per scenario (4-16 validators, RTT 60-200 ms), pooled.");
    out.println();
    out.println("| scenario | final blocks | p50 ms | p95 ms | p99 ms | msgs/final |");
    out.println("|---|---|---|---|---|---|");
    for (String name : List.of("crash", "equivocate", "withhold", "lossy", "byzantine-mix")) {
      List<Long> lat = new java.util.ArrayList<>();
      long finals = 0;
      long msgs = 0;
      for (long s = 1; s <= 20; s++) {
        SimResult r = new Simulation(Scenario.of(name, s), s).run();
        lat.addAll(r.latenciesMs());
        finals += r.finalBlocks();
        msgs += r.messages();
      }
      SimResult pooled =
          new SimResult(
              name, 0, 0, 0, finals, lat, msgs, 0, 0, 0, List.of(), java.util.Map.of(), 0, 0, 0);
      out.printf(
          "| %s | %d | %d | %d | %d | %d |%n",
          name,
          finals,
          pooled.latencyPercentile(50),
          pooled.latencyPercentile(95),
          pooled.latencyPercentile(99),
          pooled.messagesPerFinalBlock());
    }
  }
}
