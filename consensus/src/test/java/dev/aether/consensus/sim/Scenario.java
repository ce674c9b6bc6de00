package dev.aether.consensus.sim;

import dev.aether.consensus.ConsensusParams;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated network: validators and their stakes, link latency, faults before GST (loss, delay
 * spikes, a partition), crashes and Byzantine behaviours. Built deterministically from a scenario
 * name and a seed, so {@code (name, seed)} replays a run exactly.
 *
 * @param rttMs mean round-trip time; one-way latency is {@code rtt/2} with +-20 % jitter
 * @param tailPerMille messages (per mille) delayed by up to 3 extra one-way latencies (reordering)
 * @param lossPerMille messages (per mille) dropped before GST
 * @param gstMs global stabilisation time: from then on no loss, no partition
 * @param partition group of each validator before GST (all 0: no partition)
 * @param crashes validator index to the time it crashes (for good)
 */
public record Scenario(
    String name,
    List<Long> stakes,
    long rttMs,
    int tailPerMille,
    int lossPerMille,
    long gstMs,
    List<Integer> partition,
    Map<Integer, Long> crashes,
    Map<Integer, Behavior> behaviors,
    long durationMs,
    ConsensusParams params) {

  public Scenario {
    stakes = List.copyOf(stakes);
    partition = List.copyOf(partition);
    crashes = Map.copyOf(new TreeMap<>(crashes));
    behaviors = Map.copyOf(new TreeMap<>(behaviors));
  }

  public int n() {
    return stakes.size();
  }

  public Behavior behavior(int i) {
    return behaviors.getOrDefault(i, Behavior.HONEST);
  }

  /** Scenario names the test suite and {@code SimMain} cycle through. */
  public static final List<String> NAMES =
      List.of(
          "happy",
          "lossy",
          "partition",
          "crash",
          "equivocate",
          "double-vote",
          "withhold",
          "stale",
          "skewed-stake",
          "byzantine-mix");

  static ConsensusParams simParams() {
    // Short epochs so runs cross several epoch boundaries (nonce and set lookups per epoch).
    return ConsensusParams.defaults().withEpochSlots(24);
  }

  /** A plain network of {@code n} equal validators without faults, for measurements. */
  public static Scenario steady(int n, long rttMs, long durationMs) {
    return steady(n, rttMs, durationMs, 10);
  }

  /** As {@link #steady(int, long, long)}, with {@code tailPerMille} messages delayed up to 4x. */
  public static Scenario steady(int n, long rttMs, long durationMs, int tailPerMille) {
    return new Scenario(
        "steady-" + n + "-" + rttMs,
        java.util.Collections.nCopies(n, 100L),
        rttMs,
        tailPerMille,
        0,
        0,
        java.util.Collections.nCopies(n, 0),
        Map.of(),
        Map.of(),
        durationMs,
        ConsensusParams.defaults());
  }

  /** The named scenario, its free parameters drawn from {@code seed}. */
  public static Scenario of(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ name.hashCode());
    int n = 4 + r.nextInt(7); // 4..10
    List<Long> stakes = java.util.Collections.nCopies(n, 100L);
    long rtt = 60 + r.nextInt(140);
    int tail = 20;
    int loss = 0;
    long gst = 0;
    List<Integer> partition = java.util.Collections.nCopies(n, 0);
    Map<Integer, Long> crashes = new TreeMap<>();
    Map<Integer, Behavior> behaviors = new TreeMap<>();
    switch (name) {
      case "happy" -> {}
      case "lossy" -> {
        loss = 50 + r.nextInt(250);
        tail = 100;
        gst = 3_000 + r.nextInt(7_000);
      }
      case "partition" -> {
        gst = 2_000 + r.nextInt(8_000);
        partition = split(n, r);
      }
      case "crash" -> crashes = crash(stakes, r, 30_000);
      case "equivocate" -> byzantine(stakes, r, behaviors, Behavior.EQUIVOCATING_LEADER);
      case "double-vote" -> {
        byzantine(stakes, r, behaviors, Behavior.EQUIVOCATING_LEADER);
        for (Map.Entry<Integer, Behavior> e : behaviors.entrySet()) {
          if (r.nextBoolean()) {
            e.setValue(Behavior.DOUBLE_VOTER);
          }
        }
      }
      case "withhold" -> byzantine(stakes, r, behaviors, Behavior.WITHHOLD_VOTES);
      case "stale" -> {
        byzantine(stakes, r, behaviors, Behavior.STALE_REPLAY);
        tail = 150;
      }
      case "skewed-stake" -> {
        stakes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          stakes.add(1L + r.nextInt(1_000));
        }
        byzantine(stakes, r, behaviors, Behavior.EQUIVOCATING_LEADER);
        loss = 50;
        gst = 4_000;
      }
      case "byzantine-mix" -> {
        n = 7 + r.nextInt(10);
        stakes = java.util.Collections.nCopies(n, 100L);
        partition = java.util.Collections.nCopies(n, 0);
        Behavior[] bad = {
          Behavior.EQUIVOCATING_LEADER,
          Behavior.DOUBLE_VOTER,
          Behavior.WITHHOLD_VOTES,
          Behavior.STALE_REPLAY
        };
        byzantine(stakes, r, behaviors, Behavior.HONEST);
        behaviors.replaceAll((i, b) -> bad[r.nextInt(bad.length)]);
        loss = 100;
        tail = 100;
        gst = 3_000 + r.nextInt(5_000);
        partition = split(n, r);
      }
      default ->
          throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    }
    return new Scenario(
        name,
        stakes,
        rtt,
        tail,
        loss,
        gst,
        partition,
        crashes,
        behaviors,
        gst + 40_000,
        simParams());
  }

  private static List<Integer> split(int n, SplittableRandom r) {
    List<Integer> groups = new java.util.ArrayList<>();
    int k = 2 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      groups.add(r.nextInt(k));
    }
    return groups;
  }

  /** Picks faulty validators, at random, while their stake stays below a third. */
  private static void byzantine(
      List<Long> stakes, SplittableRandom r, Map<Integer, Behavior> out, Behavior b) {
    for (int i : pickFaulty(stakes, r)) {
      out.put(i, b);
    }
  }

  private static Map<Integer, Long> crash(List<Long> stakes, SplittableRandom r, long within) {
    Map<Integer, Long> out = new TreeMap<>();
    for (int i : pickFaulty(stakes, r)) {
      out.put(i, (long) r.nextInt((int) within));
    }
    return out;
  }

  private static List<Integer> pickFaulty(List<Long> stakes, SplittableRandom r) {
    long total = stakes.stream().mapToLong(Long::longValue).sum();
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < stakes.size(); i++) {
      order.add(i);
    }
    for (int i = order.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order.get(i);
      order.set(i, order.get(j));
      order.set(j, t);
    }
    List<Integer> out = new java.util.ArrayList<>();
    long faulty = 0;
    for (int i : order) {
      if ((faulty + stakes.get(i)) * 3 < total) {
        faulty += stakes.get(i);
        out.add(i);
      }
    }
    return out;
  }
}
