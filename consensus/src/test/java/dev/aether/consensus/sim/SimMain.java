package dev.aether.consensus.sim;

import dev.aether.consensus.Mutant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the consensus simulator from the command line.
 *
 * <pre>
 *   SimMain --seeds N [--first S] [--scenario NAME] [--threads T] [--keep-going]
 *                                        N runs: seed k runs scenario k mod #scenarios
 *   SimMain --scenario NAME --seed S     replay one run (prints its measurements)
 *   SimMain --bench                      the finality / traffic / recovery measurements
 *
 *   --mutant NAME   every honest validator runs deliberately broken rules ({@code Mutant})
 *   --late-sync     the driver syncs the safety state after sending (breaks persist-before-send)
 * </pre>
 *
 * With a mutant or {@code --late-sync} failures are the point: the summary says how many seeds
 * caught the breakage.
 *
 * <p>Runs are independent and deterministic, so {@code --threads} changes only the wall time. Exit
 * status 0 when every run is safe and live, 1 on a failure (its seed and replay command are
 * printed; without {@code --keep-going} the first failure stops the sweep), 2 on bad arguments.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  private record Run(String scenario, long seed) {}

  private record Outcome(Run run, SimResult result, String failure) {}

  /** TEST ONLY breakage requested on the command line, applied to every honest validator. */
  private record Breakage(Mutant mutant, boolean lateSync) {
    Simulation.Options options(Scenario sc) {
      Map<Integer, Mutant> m = new TreeMap<>();
      if (mutant != null) {
        for (int i = 0; i < sc.n(); i++) {
          if (!sc.behavior(i).byzantine()) {
            m.put(i, mutant);
          }
        }
      }
      return new Simulation.Options(m, lateSync);
    }
  }

  static int run(String[] args) {
    long seeds = 0;
    long first = 1;
    String scenario = null;
    Long seed = null;
    boolean bench = false;
    boolean keepGoing = false;
    int threads = 1;
    Mutant mutant = null;
    boolean lateSync = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mutant" -> mutant = mutant(value(args, ++i));
        case "--late-sync" -> lateSync = true;
        case "--seeds" -> seeds = number(args, ++i);
        case "--first" -> first = number(args, ++i);
        case "--scenario" -> scenario = value(args, ++i);
        case "--seed" -> seed = number(args, ++i);
        case "--threads" -> threads = (int) Math.max(1, number(args, ++i));
        case "--keep-going" -> keepGoing = true;
        case "--bench" -> bench = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (bench) {
      Benchmarks.print(System.out);
      return 0;
    }
    if (scenario != null && !Scenario.NAMES.contains(scenario)) {
      throw new IllegalArgumentException(
          "unknown scenario " + scenario + "; known: " + Scenario.NAMES);
    }
    List<String> names = scenario == null ? Scenario.NAMES : List.of(scenario);
    Breakage breakage = new Breakage(mutant, lateSync);
    if (seed != null) {
      Scenario sc = Scenario.of(names.getFirst(), seed);
      SimResult res = new Simulation(sc, seed, breakage.options(sc)).run();
      System.out.println(res);
      return 0;
    }
    if (seeds <= 0) {
      throw new IllegalArgumentException("give --seeds N, --scenario NAME --seed S, or --bench");
    }
    List<Run> runs = new ArrayList<>();
    for (long k = 0; k < seeds; k++) {
      long s = first + k;
      runs.add(new Run(names.get((int) Math.floorMod(s, (long) names.size())), s));
    }
    return sweep(runs, threads, keepGoing, breakage);
  }

  private static Mutant mutant(String name) {
    try {
      return Mutant.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown mutant " + name + "; known: " + java.util.Arrays.toString(Mutant.values()));
    }
  }

  /**
   * Per scenario: runs, failures, final blocks. Only counts are kept, so sweeps of any size fit.
   */
  private static final class Tally {
    long runs;
    long failed;
    long finals;
  }

  private static int sweep(List<Run> runs, int threads, boolean keepGoing, Breakage breakage) {
    long started = System.nanoTime();
    AtomicBoolean stop = new AtomicBoolean();
    Map<String, Tally> perScenario = new TreeMap<>();
    long done = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      // Bounded in flight: a sweep of 100 000 seeds keeps at most a few thousand futures.
      java.util.ArrayDeque<Future<Outcome>> inFlight = new java.util.ArrayDeque<>();
      java.util.Iterator<Run> next = runs.iterator();
      while (next.hasNext() || !inFlight.isEmpty()) {
        while (next.hasNext() && inFlight.size() < 4 * threads) {
          Run r = next.next();
          inFlight.add(pool.submit(() -> runOne(r, breakage, keepGoing, stop)));
        }
        Outcome o;
        try {
          o = inFlight.poll().get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        if (o == null) {
          continue;
        }
        done++;
        Tally t = perScenario.computeIfAbsent(o.run.scenario, k -> new Tally());
        t.runs++;
        if (o.failure != null) {
          t.failed++;
          System.out.println(o.failure);
        } else {
          t.finals += o.result.finalBlocks();
        }
        if (done % 10_000 == 0) {
          System.out.println(
              "... " + done + " runs, " + (System.nanoTime() - started) / 1_000_000_000L + " s");
        }
      }
    }
    long finals = 0;
    long failures = 0;
    for (Map.Entry<String, Tally> e : perScenario.entrySet()) {
      Tally t = e.getValue();
      finals += t.finals;
      failures += t.failed;
      System.out.printf(
          "%-16s %7d runs %5d failed %9d final blocks%n", e.getKey(), t.runs, t.failed, t.finals);
    }
    long secs = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println(
        done
            + " runs, "
            + failures
            + " failed; "
            + finals
            + " final blocks in total; "
            + secs
            + " s wall on "
            + threads
            + " thread(s)");
    if (failures == 0 && done == runs.size()) {
      System.out.println(done + " runs safe and live");
      return 0;
    }
    return 1;
  }

  private static Outcome runOne(Run r, Breakage breakage, boolean keepGoing, AtomicBoolean stop) {
    if (stop.get()) {
      return null;
    }
    try {
      Scenario sc = Scenario.of(r.scenario, r.seed);
      return new Outcome(r, new Simulation(sc, r.seed, breakage.options(sc)).run(), null);
    } catch (Simulation.SimFailure f) {
      if (!keepGoing) {
        stop.set(true);
      }
      return new Outcome(r, null, f.getMessage());
    } catch (RuntimeException e) {
      // A bug in the simulator itself: still a failed run, with its seed, not a dead sweep.
      if (!keepGoing) {
        stop.set(true);
      }
      return new Outcome(
          r, null, "SIMULATOR ERROR scenario=" + r.scenario + " seed=" + r.seed + ": " + e);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static long number(String[] args, int i) {
    try {
      return Long.parseLong(value(args, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i - 1] + " needs a number");
    }
  }
}
