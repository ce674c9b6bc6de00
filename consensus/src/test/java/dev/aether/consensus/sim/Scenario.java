package dev.aether.consensus.sim;

import dev.aether.consensus.ConsensusParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated network: validators and their stakes, links ({@link Links}: latency, loss and
 * partitions before GST, cuts after it, asymmetric links), per-validator clocks ({@link Clock}:
 * skew and drift), outages ({@link Outage}: crashes, and restarts from persisted state) and
 * Byzantine behaviours. Built deterministically from a scenario name and a seed, so {@code (name,
 * seed)} replays a run exactly.
 *
 * <p>Validator sets are fixed for a run ({@code stakes} is the genesis set). Scenarios that change
 * the set at epoch boundaries belong here too: the simulator takes its {@code ValidatorSetSource}
 * from the config it builds, which is the one place to plug a per-epoch set in.
 */
public record Scenario(
    String name,
    List<Long> stakes,
    Links links,
    List<Clock> clocks,
    List<Outage> outages,
    Map<Integer, Behavior> behaviors,
    long durationMs,
    ConsensusParams params) {

  public Scenario {
    stakes = List.copyOf(stakes);
    clocks = List.copyOf(clocks);
    outages = List.copyOf(outages);
    behaviors = Map.copyOf(new TreeMap<>(behaviors));
    if (clocks.size() != stakes.size() || links.partition().size() != stakes.size()) {
      throw new IllegalArgumentException("one clock and one partition group per validator");
    }
  }

  public int n() {
    return stakes.size();
  }

  public Behavior behavior(int i) {
    return behaviors.getOrDefault(i, Behavior.HONEST);
  }

  public long gstMs() {
    return links.gstMs();
  }

  public long rttMs() {
    return links.rttMs();
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
          "restart",
          "restart-all",
          "skew",
          "churn",
          "stale-qc",
          "forged-timeout",
          "fork-vote",
          "cross-round",
          "garbage",
          "split",
          "lock-breaker",
          "hidden-qc",
          "lock-storm",
          "restart-storm",
          "byzantine-mix",
          "chaos");

  static ConsensusParams simParams() {
    // Short epochs so runs cross several epoch boundaries (nonce and set lookups per epoch).
    return ConsensusParams.defaults().withEpochSlots(24);
  }

  /** A scenario built field by field (defaults: 100 ms RTT, 2 % tail, no faults, 40 s). */
  public static Builder builder(String name, List<Long> stakes) {
    return new Builder(name, stakes);
  }

  /** This scenario as a builder, to vary it. */
  public Builder toBuilder() {
    Builder b = new Builder(name, stakes);
    b.rtt = links.rttMs();
    b.tail = links.tailPerMille();
    b.loss = links.lossPerMille();
    b.gst = links.gstMs();
    b.partition = new ArrayList<>(links.partition());
    b.cuts.addAll(links.cuts());
    b.hide = links.hidePerMille();
    b.clocks = new ArrayList<>(clocks);
    b.outages.addAll(outages);
    b.behaviors.putAll(behaviors);
    b.duration = durationMs;
    b.params = params;
    return b;
  }

  /** Builds a {@link Scenario}. */
  public static final class Builder {
    private final String name;
    private final List<Long> stakes;
    private long rtt = 100;
    private int tail = 20;
    private int loss;
    private long gst;
    private List<Integer> partition;
    private final List<Links.Cut> cuts = new ArrayList<>();
    private int hide;
    private List<Clock> clocks;
    private final List<Outage> outages = new ArrayList<>();
    private final Map<Integer, Behavior> behaviors = new TreeMap<>();
    private long duration = 40_000;
    private ConsensusParams params = simParams();

    /** The same scenario under another name (for runs derived from a named one). */
    public Builder name(String newName) {
      Builder b = new Builder(newName, stakes);
      b.rtt = rtt;
      b.tail = tail;
      b.loss = loss;
      b.gst = gst;
      b.hide = hide;
      b.partition = new ArrayList<>(partition);
      b.cuts.addAll(cuts);
      b.clocks = new ArrayList<>(clocks);
      b.outages.addAll(outages);
      b.behaviors.putAll(behaviors);
      b.duration = duration;
      b.params = params;
      return b;
    }

    private Builder(String name, List<Long> stakes) {
      this.name = name;
      this.stakes = List.copyOf(stakes);
      this.partition = new ArrayList<>(Collections.nCopies(stakes.size(), 0));
      this.clocks = new ArrayList<>(Collections.nCopies(stakes.size(), Clock.EXACT));
    }

    public Builder rtt(long ms) {
      this.rtt = ms;
      return this;
    }

    public Builder tail(int perMille) {
      this.tail = perMille;
      return this;
    }

    public Builder loss(int perMille) {
      this.loss = perMille;
      return this;
    }

    public Builder gst(long ms) {
      this.gst = ms;
      return this;
    }

    public Builder partition(List<Integer> groups) {
      this.partition = new ArrayList<>(groups);
      return this;
    }

    /** See {@link Links#hidePerMille()}. */
    public Builder hide(int perMille) {
      this.hide = perMille;
      return this;
    }

    public Builder cut(Links.Cut c) {
      cuts.add(c);
      return this;
    }

    public Builder clock(int node, Clock c) {
      clocks.set(node, c);
      return this;
    }

    public Builder outage(Outage o) {
      outages.add(o);
      return this;
    }

    /** Validator {@code node} crashes at {@code atMs} for good. */
    public Builder crash(int node, long atMs) {
      return outage(new Outage(node, atMs, Outage.FOREVER, false));
    }

    public Builder behavior(int node, Behavior b) {
      behaviors.put(node, b);
      return this;
    }

    public Builder behaviors(Map<Integer, Behavior> all) {
      behaviors.clear();
      behaviors.putAll(all);
      return this;
    }

    public Builder duration(long ms) {
      this.duration = ms;
      return this;
    }

    public Builder params(ConsensusParams p) {
      this.params = p;
      return this;
    }

    public Scenario build() {
      return new Scenario(
          name,
          stakes,
          new Links(rtt, tail, loss, gst, partition, cuts, hide),
          clocks,
          outages,
          behaviors,
          duration,
          params);
    }
  }

  /** A plain network of {@code n} equal validators without faults, for measurements. */
  public static Scenario steady(int n, long rttMs, long durationMs) {
    return steady(n, rttMs, durationMs, 10);
  }

  /** As {@link #steady(int, long, long)}, with {@code tailPerMille} messages delayed up to 4x. */
  public static Scenario steady(int n, long rttMs, long durationMs, int tailPerMille) {
    return builder("steady-" + n + "-" + rttMs, Collections.nCopies(n, 100L))
        .rtt(rttMs)
        .tail(tailPerMille)
        .duration(durationMs)
        .params(ConsensusParams.defaults())
        .build();
  }

  /** The named scenario, its free parameters drawn from {@code seed}. */
  public static Scenario of(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ name.hashCode());
    int n = 4 + r.nextInt(7); // 4..10
    if (name.equals("byzantine-mix") || name.equals("chaos")) {
      n = 7 + r.nextInt(10);
    }
    List<Long> stakes = Collections.nCopies(n, 100L);
    if (name.equals("skewed-stake")) {
      stakes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        stakes.add(1L + r.nextInt(1_000));
      }
    }
    Builder b = builder(name, stakes).rtt(60 + r.nextInt(140));
    if (!name.equals("happy")) {
      mildSkew(b, n, r);
    }
    long gst = 0;
    switch (name) {
      case "happy" -> {}
      case "lossy" -> {
        gst = 3_000 + r.nextInt(7_000);
        b.loss(50 + r.nextInt(250)).tail(100);
      }
      case "partition" -> {
        gst = 2_000 + r.nextInt(8_000);
        b.partition(split(n, r));
      }
      case "crash" -> {
        for (int i : pickFaulty(stakes, r)) {
          b.crash(i, r.nextInt(30_000));
        }
      }
      case "equivocate" -> byzantine(b, stakes, r, Behavior.EQUIVOCATING_LEADER);
      case "double-vote" ->
          byzantine(b, stakes, r, Behavior.EQUIVOCATING_LEADER, Behavior.DOUBLE_VOTER);
      case "withhold" -> byzantine(b, stakes, r, Behavior.WITHHOLD_VOTES);
      case "stale" -> {
        byzantine(b, stakes, r, Behavior.STALE_REPLAY);
        b.tail(150);
      }
      case "skewed-stake" -> {
        byzantine(b, stakes, r, Behavior.EQUIVOCATING_LEADER);
        gst = 4_000;
        b.loss(50);
      }
      case "restart" -> {
        List<Integer> replayer = r.nextBoolean() ? List.of(r.nextInt(n)) : List.of();
        replayer.forEach(i -> b.behavior(i, Behavior.STALE_REPLAY));
        restarts(b, n, r, 0, 40_000, replayer);
      }
      case "restart-all" -> {
        // Every validator crashes at the same instant (half of them inside a batch) and comes
        // back from its persisted state: a coordinated restart, two or three times per run.
        for (long t = 3_000 + r.nextInt(5_000); t < 30_000; t += 12_000 + r.nextInt(8_000)) {
          long d = 200 + r.nextInt(3_000);
          for (int i = 0; i < n; i++) {
            b.outage(new Outage(i, t, d, r.nextBoolean()));
          }
        }
      }
      case "skew" -> {
        for (int i = 0; i < n; i++) {
          b.clock(i, new Clock(r.nextInt(151), r.nextInt(4_001) - 2_000));
        }
      }
      case "churn" -> {
        gst = 2_000 + r.nextInt(4_000);
        b.partition(split(n, r));
        b.cut(new Links.Cut(0, gst, split(n, r), true));
        churn(b, n, r, gst, gst + 40_000);
      }
      case "stale-qc" -> {
        gst = 3_000 + r.nextInt(5_000);
        b.loss(100).partition(split(n, r));
        byzantine(
            b,
            stakes,
            r,
            Behavior.STALE_QC_PROPOSER,
            Behavior.TIMEOUT_FORGER,
            Behavior.WITHHOLD_VOTES);
      }
      case "forged-timeout" -> {
        gst = 2_000 + r.nextInt(6_000);
        b.partition(split(n, r));
        byzantine(b, stakes, r, Behavior.TIMEOUT_FORGER);
      }
      case "fork-vote" -> {
        gst = 2_000 + r.nextInt(6_000);
        b.loss(100).tail(100);
        byzantine(b, stakes, r, Behavior.FORK_VOTER, Behavior.STALE_QC_PROPOSER);
      }
      case "cross-round" -> {
        gst = 2_000 + r.nextInt(6_000);
        b.loss(100);
        byzantine(b, stakes, r, Behavior.CROSS_ROUND_EQUIVOCATOR, Behavior.FORK_VOTER);
      }
      case "garbage" -> byzantine(b, stakes, r, Behavior.GARBAGE, Behavior.STALE_REPLAY);
      case "split" -> byzantine(b, stakes, r, Behavior.SPLIT_PROPOSER);
      case "hidden-qc" -> {
        gst = 8_000 + r.nextInt(8_000);
        b.hide(300 + r.nextInt(500)).tail(50);
        byzantine(b, stakes, r, Behavior.LOCK_BREAKER);
      }
      case "lock-storm" -> {
        // lock-breaker with the adversary scheduling the network all run long (no GST: a
        // safety-only scenario), so validators commit at different times.
        b.hide(300).tail(50);
        byzantine(b, stakes, r, Behavior.LOCK_BREAKER);
        return b.gst(40_000).duration(40_000).build();
      }
      case "restart-storm" -> {
        // Crash-and-recover every 1 to 3 s for 50 to 400 ms, always inside a batch, with a
        // replayer that sends old and recent messages to whoever just came back.
        b.behavior(0, Behavior.STALE_REPLAY);
        for (int i = 1; i < n; i++) {
          for (long t = 500 + r.nextInt(2_000); t < 28_000; t += 1_000 + r.nextInt(2_000)) {
            b.outage(new Outage(i, t, 50 + r.nextInt(350), true));
          }
        }
        // Safety only: with most validators down this often, no liveness bound is promised.
        return b.gst(30_000).duration(30_000).build();
      }
      case "lock-breaker" -> {
        gst = 2_000 + r.nextInt(6_000);
        b.loss(150).tail(100);
        byzantine(b, stakes, r, Behavior.LOCK_BREAKER);
      }
      case "byzantine-mix" -> {
        gst = 3_000 + r.nextInt(5_000);
        b.loss(100).tail(100).partition(split(n, r));
        byzantine(b, stakes, r, Behavior.values());
      }
      case "chaos" -> {
        // Everything at once, but with room for one crashed validator next to the Byzantine
        // ones, so that liveness after GST is still owed (restarts come one at a time).
        gst = 3_000 + r.nextInt(5_000);
        b.loss(100).tail(100).partition(split(n, r));
        List<Integer> bad = pickFaulty(stakes, r, 100);
        for (int i : bad) {
          b.behavior(i, Behavior.values()[1 + r.nextInt(Behavior.values().length - 1)]);
        }
        for (int i = 0; i < n; i++) {
          b.clock(i, new Clock(r.nextInt(101), r.nextInt(2_001) - 1_000));
        }
        for (long t = gst + 300 + r.nextInt(4_000); t < gst + 30_000; ) {
          int node = r.nextInt(n);
          long d = 100 + r.nextInt(3_000);
          if (!bad.contains(node)) {
            b.outage(new Outage(node, t, d, r.nextBoolean()));
          }
          t += d + 2_000 + r.nextInt(6_000);
        }
        churn(b, n, r, gst, gst + 40_000);
      }
      default ->
          throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    }
    return b.gst(gst).duration(gst + 40_000).build();
  }

  /** Every validator's clock a little off: up to 30 ms ahead, drifting up to 300 ppm. */
  private static void mildSkew(Builder b, int n, SplittableRandom r) {
    for (int i = 0; i < n; i++) {
      b.clock(i, new Clock(r.nextInt(31), r.nextInt(601) - 300));
    }
  }

  private static List<Integer> split(int n, SplittableRandom r) {
    List<Integer> groups = new ArrayList<>();
    int k = 2 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      groups.add(r.nextInt(k));
    }
    return groups;
  }

  /**
   * Crash-and-recover at random instants in {@code [from, to - 10 s)}: some honest validators (any
   * number, so at times more than a third are down at once) crash one to three times, for 0.1 to 4
   * s each, half of the crashes inside a batch of actions.
   */
  private static void restarts(
      Builder b, int n, SplittableRandom r, long from, long to, List<Integer> byzantine) {
    int k = 1 + r.nextInt(n);
    for (int c = 0; c < k; c++) {
      int node = r.nextInt(n);
      if (byzantine.contains(node)) {
        continue;
      }
      long t = from + 300 + r.nextInt(8_000);
      for (int j = 0, times = 1 + r.nextInt(3); j < times && t < to - 10_000; j++) {
        long d = 100 + r.nextInt(3_900);
        b.outage(new Outage(node, t, d, r.nextBoolean()));
        t += d + 2_000 + r.nextInt(10_000);
      }
    }
  }

  /**
   * Partitions that churn after GST: every 8 to 16 s a cut of 0.3 to 3 s between random groups,
   * half of them one-way (asymmetric links).
   */
  private static void churn(Builder b, int n, SplittableRandom r, long gst, long end) {
    for (long t = gst + 3_000 + r.nextInt(5_000); t < end - 5_000; ) {
      long len = 300 + r.nextInt(2_700);
      b.cut(new Links.Cut(t, t + len, split(n, r), r.nextBoolean()));
      t += len + 8_000 + r.nextInt(8_000);
    }
  }

  /** Picks faulty validators, at random, while their stake stays below a third. */
  private static List<Integer> byzantine(
      Builder b, List<Long> stakes, SplittableRandom r, Behavior... kinds) {
    List<Behavior> bad = new ArrayList<>();
    for (Behavior k : kinds) {
      if (k.byzantine()) {
        bad.add(k);
      }
    }
    List<Integer> picked = pickFaulty(stakes, r);
    for (int i : picked) {
      b.behavior(i, bad.get(r.nextInt(bad.size())));
    }
    return picked;
  }

  private static List<Integer> pickFaulty(List<Long> stakes, SplittableRandom r) {
    return pickFaulty(stakes, r, 0);
  }

  /** As above, keeping {@code reserve} stake of room below the third (for crashes on top). */
  private static List<Integer> pickFaulty(List<Long> stakes, SplittableRandom r, long reserve) {
    long total = stakes.stream().mapToLong(Long::longValue).sum();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < stakes.size(); i++) {
      order.add(i);
    }
    for (int i = order.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      order.set(i, order.set(j, order.get(i)));
    }
    List<Integer> out = new ArrayList<>();
    long faulty = 0;
    for (int i : order) {
      if ((faulty + stakes.get(i) + reserve) * 3 < total) {
        faulty += stakes.get(i);
        out.add(i);
      }
    }
    return out;
  }
}
