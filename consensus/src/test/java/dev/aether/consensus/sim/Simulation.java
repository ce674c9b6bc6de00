package dev.aether.consensus.sim;

import dev.aether.consensus.Action;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.Event;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Mutant;
import dev.aether.consensus.PayloadRequest;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.ValidatorSetSource;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * A seeded discrete-event simulation of one {@link Scenario}: every honest validator runs the real
 * {@link Consensus} state machine on its own (skewed, drifting) clock; Byzantine validators craft
 * their messages through an {@link Attack}; the simulator plays network, executor, mempool, block
 * server, crashes and restarts from the persisted store. It checks safety after every step ({@link
 * SafetyChecker}) and liveness after GST, and throws {@link SimFailure} naming the seed.
 */
public final class Simulation {
  /** A safety or liveness violation, with the one-line command that replays it. */
  public static final class SimFailure extends AssertionError {
    SimFailure(String message) {
      super(message);
    }
  }

  /**
   * Every honest live validator must see a new final block this long after GST, and keep seeing
   * them (time it was down, links were cut, or faulty stake reached a third is not counted).
   */
  static final long LIVENESS_BOUND_MS = 30_000;

  /** {@code -Dsim.trace=N} prints validator N's events and actions (debugging a replay). */
  private static final int TRACE = Integer.getInteger("sim.trace", -1);

  /**
   * TEST ONLY ways to break the system under test, so that tests can show the checkers fire.
   *
   * @param mutants validators that run deliberately broken consensus rules
   * @param syncAfterSend a driver that makes {@code PersistSafety} durable only after the rest of
   *     the batch was sent — a crash in between loses it (breaks "persist before send")
   */
  public record Options(Map<Integer, Mutant> mutants, boolean syncAfterSend) {
    public static final Options DEFAULT = new Options(Map.of(), false);

    public Options {
      mutants = Map.copyOf(mutants);
    }
  }

  /**
   * The crypto a simulation runs with: the verifier, each validator's signer, and each validator's
   * public keys (as a {@link Validator} with the given index and stake).
   */
  public record Keys(
      ConsensusCrypto crypto,
      IntFunction<LocalSigner> signer,
      BiFunction<Integer, Long, Validator> validator) {
    /** The fast hash-based simulation double. */
    public static Keys simulated() {
      return new Keys(
          new SimCrypto(), SimCrypto::signer, (i, stake) -> SimCrypto.validator(i, i, stake));
    }
  }

  private record Item(long at, long seq, Runnable run) {}

  private final Scenario sc;
  private final long seed;
  private final Options options;
  private final SplittableRandom rnd;
  private final ConsensusCrypto crypto;
  private final ValidatorSet set;
  private final ConsensusConfig config;
  private final Host[] hosts;
  private final List<Integer> honestIndices;
  private final SafetyChecker safety;
  private final Intel intel;
  private final PriorityQueue<Item> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;

  private final List<Evidence> evidence = new ArrayList<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<H256, Long> proposedAt = new HashMap<>();
  private final SplitRounds splitRounds = new SplitRounds();
  private final List<Long> latencies = new ArrayList<>();
  private long messages;
  private long bytes;
  private long steps;
  private long undecodable;

  public Simulation(Scenario sc, long seed) {
    this(sc, seed, Keys.simulated(), Options.DEFAULT);
  }

  public Simulation(Scenario sc, long seed, Keys keys) {
    this(sc, seed, keys, Options.DEFAULT);
  }

  public Simulation(Scenario sc, long seed, Options options) {
    this(sc, seed, Keys.simulated(), options);
  }

  public Simulation(Scenario sc, long seed, Keys keys, Options options) {
    this.sc = sc;
    this.seed = seed;
    this.options = options;
    this.crypto = keys.crypto();
    this.rnd = new SplittableRandom(seed);
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < sc.n(); i++) {
      vs.add(keys.validator().apply(i, sc.stakes().get(i)));
    }
    this.set = new ValidatorSet(vs);
    Block genesis = SimChain.genesis();
    this.config = new ConsensusConfig(sc.params(), genesis, ValidatorSetSource.fixed(set));
    this.safety =
        new SafetyChecker(sc.n(), genesis.id(), i -> !sc.behavior(i).byzantine(), this::fail);
    this.hosts = new Host[sc.n()];
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < sc.n(); i++) {
      if (!sc.behavior(i).byzantine()) {
        honest.add(i);
      }
    }
    this.honestIndices = List.copyOf(honest);
    this.intel = honest.size() < sc.n() ? new Intel(set, crypto) : null;
    Adversary.Net net = new WireNet();
    for (int i = 0; i < sc.n(); i++) {
      Host h =
          new Host(i, sc.clocks().get(i), keys.signer().apply(i), sc.behavior(i), config.root());
      hosts[i] = h;
      if (h.byzantine()) {
        h.consensus = new Consensus(config, crypto, Optional.empty(), SafetyState.INITIAL);
        h.attack = h.behavior.attack();
        h.adversary =
            new Adversary(i, h.key, h.consensus, intel, sc.params(), set, h.clock, net, honest);
      } else {
        h.consensus = honestNode(i, config, SafetyState.INITIAL);
      }
    }
    for (Outage o : sc.outages()) {
      scheduleRun(o.downAtMs(), () -> beginOutage(o));
    }
  }

  private Consensus honestNode(int i, ConsensusConfig cfg, SafetyState state) {
    Mutant m = options.mutants().get(i);
    Optional<LocalSigner> key = Optional.of(hosts[i].key);
    return m == null ? new Consensus(cfg, crypto, key, state) : m.create(cfg, crypto, key, state);
  }

  /** The chain configuration every validator of this run shares. */
  public ConsensusConfig config() {
    return config;
  }

  /** Validator {@code i}'s state machine now (read-only queries after {@link #run()}). */
  public Consensus node(int i) {
    return hosts[i].consensus;
  }

  /** The command that replays this run. */
  public String replayCommand() {
    return "make sim SCENARIO="
        + sc.name()
        + " SEED="
        + seed
        + "   (or SimMain --scenario "
        + sc.name()
        + " --seed "
        + seed
        + ")";
  }

  SimFailure fail(String what) {
    return new SimFailure(
        "SIMULATION FAILURE scenario="
            + sc.name()
            + " seed="
            + seed
            + " t="
            + now
            + "ms: "
            + what
            + "\n  nodes: "
            + nodeSummary()
            + "\n  replay: "
            + replayCommand());
  }

  private String nodeSummary() {
    StringBuilder b = new StringBuilder();
    for (Host h : hosts) {
      Consensus c = h.consensus;
      b.append(
          String.format(
              "[%d %s%s%s stake=%d round=%d hqc=%d h=%d] ",
              h.index,
              h.behavior,
              options.mutants().containsKey(h.index) ? " " + options.mutants().get(h.index) : "",
              h.up ? "" : " DOWN",
              sc.stakes().get(h.index),
              c.currentRound(),
              c.highQc().round(),
              c.committedHeight()));
    }
    return b.append("rejected=").append(rejected).toString();
  }

  private static String brief(Object o) {
    String s = String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** Runs to the scenario's end; returns what was measured. */
  public SimResult run() {
    for (Host h : hosts) {
      deliver(h, h.incarnation, Event.Start::new);
      if (h.byzantine()) {
        tick(h, sc.params().slotAt(h.local(0)) + 1);
      }
    }
    while (!queue.isEmpty() && queue.peek().at <= sc.durationMs()) {
      Item it = queue.poll();
      now = it.at;
      steps++;
      it.run.run();
    }
    now = sc.durationMs();
    checkLiveness();
    return result();
  }

  // ---------------------------------------------------------------- scheduling

  private void scheduleRun(long at, Runnable r) {
    queue.add(new Item(Math.max(at, now), seq++, r));
  }

  /** An event for {@code h}'s state machine at true time {@code at}, if it is still that one. */
  private void schedule(long at, Host h, int incarnation, LongFunction<Event> ev) {
    scheduleRun(at, () -> deliver(h, incarnation, ev));
  }

  private void deliver(Host h, int incarnation, LongFunction<Event> ev) {
    if (!h.up || incarnation != h.incarnation) {
      return;
    }
    Event e = ev.apply(h.local(now));
    if (h.byzantine()) {
      follow(h, e);
    } else {
      dispatch(h, e);
    }
  }

  /** A Byzantine member's slot tick: its attack acts at each slot start of its local clock. */
  private void tick(Host h, long slot) {
    scheduleRun(
        h.clock.trueTimeOf(sc.params().slotStart(slot)),
        () -> {
          if (h.up) {
            h.attack.onSlot(h.adversary, slot);
          }
          tick(h, slot + 1);
        });
  }

  // ---------------------------------------------------------------- honest validators

  private void dispatch(Host h, Event event) {
    int i = h.index;
    List<Action> actions;
    try {
      actions = h.consensus.onEvent(event);
    } catch (IllegalStateException x) {
      if (String.valueOf(x.getMessage()).contains("conflicts with committed block")) {
        // The state machine's own last line of defence: it found itself finalizing a chain that
        // does not contain a block it already committed.
        throw fail("validator " + i + ": a final block was reverted (" + x.getMessage() + ")");
      }
      throw fail("validator " + i + " threw " + x + " on " + brief(event));
    } catch (RuntimeException x) {
      throw fail("validator " + i + " threw " + x + " on " + brief(event));
    }
    safety.persistFirst(i, h.durable, actions);
    if (TRACE == i) {
      System.out.println(now + " node" + i + " <- " + brief(event));
      for (Action a : actions) {
        System.out.println("      -> " + brief(a));
      }
    }
    int limit = actions.size();
    boolean crash = false;
    if (h.crashInNextBatch && actions.stream().anyMatch(Simulation::sends)) {
      limit = rnd.nextInt(actions.size());
      crash = true;
    }
    for (int k = 0; k < limit; k++) {
      act(h, actions.get(k));
    }
    if (crash) {
      crash(h, h.nextOutageMs);
    } else if (h.pending != null) {
      h.durable = h.pending; // the late driver's sync, after everything was sent
      h.pending = null;
    }
  }

  private static boolean sends(Action a) {
    return a instanceof Action.BroadcastVote
        || a instanceof Action.BroadcastTimeout
        || a instanceof Action.BroadcastProposal;
  }

  private void act(Host h, Action a) {
    int i = h.index;
    switch (a) {
      case Action.BroadcastProposal p -> {
        proposedAt.putIfAbsent(p.block().id(), now);
        Header ph = p.block().header();
        splitRounds.activity(ph.epoch(), ph.round(), now);
        splitRounds.certifiedRound(ph.parentQc().epoch(), ph.parentQc().round());
        safety.proposalSent(i, p.block());
        broadcast(i, p.block(), Block.CODEC.encode(p.block()).length);
      }
      case Action.BroadcastVote v -> {
        Optional<Block> voted = h.consensus.block(v.vote().blockId());
        long qcRound = voted.map(b -> b.header().parentQc().round()).orElse(0L);
        voted.ifPresent(b -> splitRounds.certifiedRound(b.header().parentQc().epoch(), qcRound));
        splitRounds.honestVote(
            v.vote().epoch(),
            v.vote().round(),
            voted.map(b -> hosts[b.header().proposer()].byzantine()).orElse(false),
            now);
        safety.voteSent(i, v.vote(), qcRound);
        broadcast(i, v.vote(), Vote.CODEC.encode(v.vote()).length);
      }
      case Action.BroadcastTimeout t -> {
        safety.timeoutSent(i, t.timeout());
        splitRounds.activity(t.timeout().epoch(), t.timeout().round(), now);
        splitRounds.certifiedRound(t.timeout().highQc().epoch(), t.timeout().highQc().round());
        broadcast(i, t.timeout(), Timeout.CODEC.encode(t.timeout()).length);
      }
      case Action.FetchBlock f ->
          fetch(i, f.blockId(), f.from() == i ? (i + 1) % sc.n() : f.from());
      case Action.RequestPayload r -> {
        Event.PayloadReady ready = payload(i, r.request());
        schedule(now, h, h.incarnation, t -> withTime(ready, t));
      }
      case Action.ExecuteBlock x -> execute(h, x.block());
      case Action.SetTimer s ->
          schedule(
              h.clock.trueTimeOf(s.atMs()),
              h,
              h.incarnation,
              t -> new Event.TimerFired(s.timer(), t));
      case Action.CommitBlock c -> {
        safety.commit(i, c.block(), now);
        h.committedBlocks.put(c.block().id(), c.block());
        h.checkpoint = h.consensus.checkpointOf(c.block().id()).orElse(h.checkpoint);
        Long t0 = proposedAt.get(c.block().id());
        if (t0 != null && honestLive(i)) {
          latencies.add(now - t0);
        }
      }
      case Action.EvidenceFound e -> onEvidence(i, e.evidence());
      case Action.PersistSafety s -> {
        if (options.syncAfterSend()) {
          h.pending = s.state();
        } else {
          h.durable = s.state();
        }
      }
      case Action.Rejected r -> rejected.merge(r.error().code(), 1L, Long::sum);
      case Action.EpochStarted e -> {}
    }
  }

  // ---------------------------------------------------------------- Byzantine validators

  /** A Byzantine member's follower handles timers and block fetching/execution, nothing else. */
  private void follow(Host h, Event e) {
    List<Action> actions;
    try {
      actions = h.consensus.onEvent(e);
    } catch (RuntimeException x) {
      throw fail("follower " + h.index + " threw " + x + " on " + brief(e));
    }
    for (Action a : actions) {
      switch (a) {
        case Action.ExecuteBlock x -> execute(h, x.block());
        case Action.FetchBlock f ->
            fetch(h.index, f.blockId(), f.from() == h.index ? (h.index + 1) % sc.n() : f.from());
        case Action.SetTimer s ->
            schedule(
                h.clock.trueTimeOf(s.atMs()),
                h,
                h.incarnation,
                t -> new Event.TimerFired(s.timer(), t));
        default -> {}
      }
    }
  }

  /** The network as Byzantine members use it: everything they send goes through the codec. */
  private final class WireNet implements Adversary.Net {
    @Override
    public long now() {
      return now;
    }

    @Override
    public SplittableRandom rnd() {
      return rnd;
    }

    @Override
    public void send(int from, int to, Object message, long extraMs) {
      byte[] enc = Wire.encode(message);
      Optional<Object> m = Wire.decode(Wire.Topic.of(message), enc);
      if (m.isEmpty()) {
        messages++;
        bytes += enc.length;
        undecodable++;
        return;
      }
      intel.record(m.get(), rnd);
      Simulation.this.send(from, to, enc.length, m.get(), extraMs);
    }

    @Override
    public void sendBytes(int from, int to, Wire.Bytes b) {
      Optional<Object> m = Wire.decode(b.topic(), b.data());
      if (m.isEmpty()) {
        messages++;
        bytes += b.data().length;
        undecodable++;
        return;
      }
      Simulation.this.send(from, to, b.data().length, m.get(), 0);
    }

    @Override
    public void at(long at, Runnable r) {
      scheduleRun(at, r);
    }
  }

  // ---------------------------------------------------------------- network

  private long latency() {
    long oneWay = sc.links().rttMs() / 2;
    long l = oneWay * 8 / 10 + rnd.nextLong(oneWay * 4 / 10 + 1);
    if (rnd.nextInt(1000) < sc.links().tailPerMille()) {
      l += rnd.nextLong(3 * oneWay + 1);
    }
    return Math.max(1, l);
  }

  private boolean dropped(int from, int to) {
    if (sc.links().cut(from, to, now)) {
      return true;
    }
    return now < sc.gstMs() && rnd.nextInt(1000) < sc.links().lossPerMille();
  }

  /**
   * The adversary's scheduling before GST ({@link Links#hidePerMille()}): in a hidden round only
   * its witness receives the round's votes, and blocks or timeouts carrying that round's QC reach
   * only the witness too. Honest senders only (Byzantine ones send what they like anyway).
   */
  private boolean hidden(int from, int to, Object message) {
    if (sc.links().hidePerMille() == 0 || now >= sc.gstMs() || hosts[from].byzantine()) {
      return false;
    }
    long round =
        switch (message) {
          case Vote v -> v.round();
          case Block b -> b.header().parentQc().round();
          case Timeout t -> t.highQc().round();
          default -> -1;
        };
    if (round <= 0) {
      return false;
    }
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round);
    if (r.nextInt(1000) >= sc.links().hidePerMille()) {
      return false;
    }
    return to != honestIndices.get(r.nextInt(honestIndices.size()));
  }

  private void broadcast(int from, Object message, int size) {
    for (int to = 0; to < sc.n(); to++) {
      if (to != from) {
        send(from, to, size, message, 0);
      }
    }
  }

  private void send(int from, int to, int size, Object message, long extraMs) {
    messages++;
    bytes += size;
    if (dropped(from, to) || hidden(from, to, message)) {
      return;
    }
    Host h = hosts[to];
    scheduleRun(now + latency() + extraMs, () -> receive(h, message));
  }

  private void receive(Host h, Object message) {
    if (!h.up) {
      return;
    }
    if (h.byzantine()) {
      intel.record(message, rnd);
      follow(h, eventOf(message, h.local(now)));
      h.attack.onMessage(h.adversary, message);
    } else {
      dispatch(h, eventOf(message, h.local(now)));
    }
  }

  private static Event eventOf(Object message, long t) {
    return switch (message) {
      case Block b -> new Event.ProposalReceived(b, t);
      case Vote v -> new Event.VoteReceived(v, t);
      case Timeout x -> new Event.TimeoutReceived(x, t);
      case Evidence e -> new Event.EvidenceReceived(e, t);
      default -> throw new IllegalArgumentException("not a message: " + message);
    };
  }

  private void fetch(int node, H256 id, int from) {
    messages++;
    bytes += 36;
    if (dropped(node, from)) {
      return;
    }
    scheduleRun(
        now + latency(),
        () -> {
          Host f = hosts[from];
          if (!f.up || (f.byzantine() && !f.attack.servesBlocks())) {
            return;
          }
          f.consensus
              .block(id)
              .or(() -> Optional.ofNullable(f.committedBlocks.get(id)))
              .ifPresent(b -> send(from, node, Block.CODEC.encode(b).length, b, 0));
        });
  }

  // ---------------------------------------------------------------- executor and mempool

  private static Event.PayloadReady withTime(Event.PayloadReady p, long t) {
    return new Event.PayloadReady(
        p.request(), p.txs(), p.txRoot(), p.stateRoot(), p.receiptsRoot(), p.shredRoot(), t);
  }

  private Event.PayloadReady payload(int node, PayloadRequest req) {
    H256 txRoot = SimChain.txRoot(req.slot(), req.round(), node, 0);
    return new Event.PayloadReady(
        req,
        List.of(),
        txRoot,
        SimChain.stateRoot(req.parent().header(), txRoot),
        SimChain.receiptsRoot(txRoot),
        SimChain.shredRoot(txRoot),
        now);
  }

  private void execute(Host h, Block b) {
    Header parent = h.consensus.block(b.header().parent()).orElseThrow().header();
    H256 sr = SimChain.stateRoot(parent, b.header().txRoot());
    H256 rr = SimChain.receiptsRoot(b.header().txRoot());
    H256 id = b.id();
    schedule(now + 2, h, h.incarnation, t -> new Event.BlockExecuted(id, sr, rr, t));
  }

  // ---------------------------------------------------------------- crashes and restarts

  private void beginOutage(Outage o) {
    Host h = hosts[o.node()];
    if (!h.up || h.byzantine()) {
      return; // Byzantine validators do as they please; outages model honest machines
    }
    h.nextOutageMs = o.durationMs();
    if (o.midBatch() && !o.permanent()) {
      h.crashInNextBatch = true;
    } else {
      crash(h, o.durationMs());
    }
  }

  /** Loses everything not on disk: the state machine, timers, an unsynced safety state. */
  private void crash(Host h, long durationMs) {
    h.up = false;
    h.incarnation++;
    h.pending = null;
    h.crashInNextBatch = false;
    long back = durationMs == Outage.FOREVER ? Long.MAX_VALUE : now + durationMs;
    h.downtime.add(new long[] {now, back});
    if (back != Long.MAX_VALUE) {
      scheduleRun(back, () -> restart(h));
    }
  }

  /** Comes back from exactly what was persisted: safety state and last checkpoint. */
  private void restart(Host h) {
    h.up = true;
    h.restarts++;
    h.consensus = honestNode(h.index, config.withRoot(h.checkpoint), h.durable);
    safety.restarted(h.index, h.checkpoint.height());
    deliver(h, h.incarnation, Event.Start::new);
  }

  /**
   * Brings permanently crashed validator {@code node} back at {@code atMs} as a node that lost its
   * data and state-synced: a fresh {@link Consensus} rooted at the latest {@link Checkpoint} of the
   * lowest live honest validator (checked with {@link Checkpoint#verify}), keeping only its
   * persisted safety state. Its final chain continues from the checkpoint's prefix.
   */
  public Simulation resyncAt(int node, long atMs) {
    Optional<Outage> o =
        sc.outages().stream().filter(x -> x.node() == node && x.permanent()).findFirst();
    if (o.isEmpty() || o.get().downAtMs() >= atMs) {
      throw new IllegalArgumentException("validator " + node + " must crash before " + atMs);
    }
    scheduleRun(
        atMs,
        () -> {
          int from = 0;
          while (from == node || !honestLive(from)) {
            from++;
          }
          Consensus source = hosts[from].consensus;
          Checkpoint cp = source.checkpointOf(source.committedId()).orElseThrow();
          Optional<String> bad = cp.verify(config, crypto);
          if (bad.isPresent()) {
            throw fail("checkpoint does not verify: " + bad.get());
          }
          Host h = hosts[node];
          h.up = true;
          h.incarnation++;
          h.checkpoint = cp;
          h.consensus = honestNode(node, config.withRoot(cp), h.durable);
          List<H256> prefix =
              new ArrayList<>(safety.committed.get(from).subList(0, (int) cp.height() + 1));
          safety.committed.set(node, prefix);
          safety.commitTimes.get(node).add(now);
          deliver(h, h.incarnation, Event.Start::new);
        });
    return this;
  }

  private boolean permanentlyDown(int i) {
    return sc.outages().stream().anyMatch(o -> o.node() == i && o.permanent());
  }

  private boolean honestLive(int i) {
    return !sc.behavior(i).byzantine() && !permanentlyDown(i);
  }

  // ---------------------------------------------------------------- checks

  private void onEvidence(int node, Evidence e) {
    if (!e.verify(set, crypto, sc.params())) {
      throw fail("validator " + node + " reported evidence that does not verify: " + e);
    }
    if (!sc.behavior(e.offender()).byzantine() && !options.mutants().containsKey(e.offender())) {
      throw fail("evidence against honest validator " + e.offender() + ": " + e);
    }
    evidence.add(e);
    // The node gossips evidence (it also goes into a slashing transaction).
    broadcast(node, e, Evidence.CODEC.encode(e).length);
  }

  /**
   * After GST every honest live validator finalizes new blocks, with gaps below the bound — not
   * counting time it was down itself, time links were cut after GST, time when Byzantine plus
   * crashed stake reached a third (no quorum could be live then), and rounds a Byzantine leader
   * broke ({@link SplitRounds}: honest validators voted for its proposal and no QC came of it).
   */
  private void checkLiveness() {
    long from = sc.gstMs();
    List<long[]> degraded = degraded();
    List<long[]> split =
        splitRounds.intervals(
            now, sc.params().maxRoundTimeoutMs() + 2 * sc.params().slotMs() + sc.links().rttMs());
    for (int i = 0; i < sc.n(); i++) {
      if (!honestLive(i)) {
        continue;
      }
      long prev = from;
      List<Long> times = new ArrayList<>(safety.commitTimes.get(i));
      times.add(now);
      for (long t : times) {
        if (t < from) {
          continue;
        }
        long excused =
            overlap(hosts[i].downtime, prev, t)
                + sc.links().cutTimeAfterGst(prev, t)
                + overlap(degraded, prev, t)
                + overlap(split, prev, t);
        if (t - prev - excused > LIVENESS_BOUND_MS) {
          throw fail(
              "liveness: validator "
                  + i
                  + " finalized nothing for "
                  + (t - prev)
                  + " ms after GST ("
                  + excused
                  + " ms excused; GST at "
                  + from
                  + " ms, height "
                  + (safety.committed.get(i).size() - 1)
                  + ")");
        }
        prev = t;
      }
    }
  }

  /**
   * Intervals in which Byzantine and down validators together held a third of the stake or more.
   */
  private List<long[]> degraded() {
    long total = set.totalStake();
    long byz = 0;
    TreeMap<Long, Long> delta = new TreeMap<>();
    for (Host h : hosts) {
      long stake = sc.stakes().get(h.index);
      if (h.byzantine()) {
        byz += stake;
        continue;
      }
      for (long[] d : h.downtime) {
        delta.merge(d[0], stake, Long::sum);
        if (d[1] != Long.MAX_VALUE) {
          delta.merge(d[1], -stake, Long::sum);
        }
      }
    }
    List<long[]> out = new ArrayList<>();
    long faulty = byz;
    long start = -1;
    for (Map.Entry<Long, Long> e : delta.entrySet()) {
      faulty += e.getValue();
      boolean bad = faulty * 3 >= total;
      if (bad && start < 0) {
        start = e.getKey();
      } else if (!bad && start >= 0) {
        out.add(new long[] {start, e.getKey()});
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(new long[] {start, Long.MAX_VALUE});
    }
    return out;
  }

  private static long overlap(List<long[]> intervals, long from, long to) {
    long total = 0;
    for (long[] d : intervals) {
      total += Math.max(0, Math.min(to, d[1]) - Math.max(from, d[0]));
    }
    return total;
  }

  private SimResult result() {
    long finalBlocks = 0;
    long firstAfterGst = Long.MAX_VALUE;
    long allAfterGst = 0;
    long restarts = 0;
    for (int i = 0; i < sc.n(); i++) {
      finalBlocks = Math.max(finalBlocks, safety.committed.get(i).size() - 1);
      restarts += hosts[i].restarts;
      if (honestLive(i)) {
        long first =
            safety.commitTimes.get(i).stream().filter(t -> t >= sc.gstMs()).findFirst().orElse(now);
        firstAfterGst = Math.min(firstAfterGst, first - sc.gstMs());
        allAfterGst = Math.max(allAfterGst, first - sc.gstMs());
      }
    }
    return new SimResult(
        sc.name(),
        seed,
        sc.n(),
        steps,
        finalBlocks,
        List.copyOf(latencies),
        messages,
        bytes,
        firstAfterGst,
        allAfterGst,
        List.copyOf(evidence),
        Map.copyOf(rejected),
        sc.durationMs(),
        undecodable,
        restarts);
  }
}
