package dev.aether.consensus.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the consensus simulator from the command line.
 *
 * <pre>
 *   SimMain --seeds N [--first S]       N seeds, cycling through every scenario
 *   SimMain --scenario NAME --seed S    replay one run
 *   SimMain --bench                     the finality / traffic / recovery measurements
 * </pre>
 *
 * Exit status 0 when every run is safe and live, 1 on the first failure (its seed and replay
 * command are printed), 2 on bad arguments.
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

  static int run(String[] args) {
    long seeds = 0;
    long first = 1;
    String scenario = null;
    Long seed = null;
    boolean bench = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seeds" -> seeds = number(args, ++i);
        case "--first" -> first = number(args, ++i);
        case "--scenario" -> scenario = value(args, ++i);
        case "--seed" -> seed = number(args, ++i);
        case "--bench" -> bench = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (bench) {
      Benchmarks.print(System.out);
      return 0;
    }
    List<String> names = scenario == null ? Scenario.NAMES : List.of(scenario);
    List<long[]> runs = new ArrayList<>();
    if (seed != null) {
      runs.add(new long[] {0, seed});
    } else {
      if (seeds <= 0) {
        throw new IllegalArgumentException("give --seeds N, --scenario NAME --seed S, or --bench");
      }
      for (long k = 0; k < seeds; k++) {
        runs.add(new long[] {k % names.size(), first + k});
      }
    }
    long finals = 0;
    for (long[] r : runs) {
      String name = names.get((int) r[0]);
      try {
        SimResult res = new Simulation(Scenario.of(name, r[1]), r[1]).run();
        finals += res.finalBlocks();
        if (seed != null) {
          System.out.println(res);
        }
      } catch (Simulation.SimFailure f) {
        System.out.println(f.getMessage());
        return 1;
      }
    }
    System.out.println(runs.size() + " runs safe and live; " + finals + " final blocks in total");
    return 0;
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
