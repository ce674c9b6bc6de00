package dev.aether.consensus.sim;

import dev.aether.consensus.Action;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.EpochNonce;
import dev.aether.consensus.Event;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.ValidatorSetSource;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
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
import java.util.function.LongFunction;

/**
 * A seeded discrete-event simulation of one {@link Scenario}: every validator runs the real {@link
 * Consensus} state machine; the simulator plays network, clock, executor and adversary. It checks
 * safety after every step and liveness after GST, and throws {@link SimFailure} naming the seed.
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
   * them.
   */
  static final long LIVENESS_BOUND_MS = 30_000;

  /** {@code -Dsim.trace=N} prints validator N's events and actions (debugging a replay). */
  private static final int TRACE = Integer.getInteger("sim.trace", -1);

  private static String brief(Object o) {
    String s = String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private record Item(long at, long seq, int node, LongFunction<Event> event, Runnable run) {}

  private final Scenario sc;
  private final long seed;
  private final SplittableRandom rnd;
  private final dev.aether.consensus.ConsensusCrypto crypto;
  private final ValidatorSet set;
  private final ConsensusConfig config;
  private final List<Consensus> nodes = new ArrayList<>();
  private final List<LocalSigner> signers = new ArrayList<>();
  private final PriorityQueue<Item> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;

  // safety bookkeeping
  private final Map<Long, H256> finalAtHeight = new HashMap<>();
  private final List<List<H256>> committed = new ArrayList<>();
  private final List<List<Long>> commitTimes = new ArrayList<>();
  private final List<SafetyState> persisted = new ArrayList<>();
  private final Map<Integer, Long> revivals = new HashMap<>();
  private final List<Evidence> evidence = new ArrayList<>();
  private final Map<String, Long> rejected = new TreeMap<>();

  // adversary and metrics
  private final Map<Long, List<H256>> adversaryProposals = new HashMap<>();
  private final List<List<Object>> heard = new ArrayList<>();
  private final Map<H256, Long> proposedAt = new HashMap<>();
  private final List<Long> latencies = new ArrayList<>();
  private long messages;
  private long bytes;
  private long steps;

  /**
   * The crypto a simulation runs with: the verifier, each validator's signer, and each validator's
   * public keys (as a {@link Validator} with the given index and stake).
   */
  public record Keys(
      dev.aether.consensus.ConsensusCrypto crypto,
      java.util.function.IntFunction<LocalSigner> signer,
      java.util.function.BiFunction<Integer, Long, Validator> validator) {
    /** The fast hash-based simulation double. */
    public static Keys simulated() {
      return new Keys(
          new SimCrypto(), SimCrypto::signer, (i, stake) -> SimCrypto.validator(i, i, stake));
    }
  }

  public Simulation(Scenario sc, long seed) {
    this(sc, seed, Keys.simulated());
  }

  public Simulation(Scenario sc, long seed, Keys keys) {
    this.sc = sc;
    this.crypto = keys.crypto();
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < sc.n(); i++) {
      vs.add(keys.validator().apply(i, sc.stakes().get(i)));
    }
    this.set = new ValidatorSet(vs);
    Header gh =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            new QuorumCert(0, 0, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    Block genesis = new Block(gh, List.of(), Bytes.EMPTY);
    this.config =
        new ConsensusConfig(
            sc.params(), genesis, EpochNonce.genesis("aether-sim"), ValidatorSetSource.fixed(set));
    for (int i = 0; i < sc.n(); i++) {
      LocalSigner s = keys.signer().apply(i);
      signers.add(s);
      nodes.add(new Consensus(config, crypto, Optional.of(s), SafetyState.INITIAL));
      committed.add(new ArrayList<>(List.of(genesis.id())));
      commitTimes.add(new ArrayList<>(List.of(0L)));
      persisted.add(SafetyState.INITIAL);
      heard.add(new ArrayList<>());
    }
  }

  /** The chain configuration every validator of this run shares. */
  public ConsensusConfig config() {
    return config;
  }

  /** Validator {@code i}'s state machine (read-only queries after {@link #run()}). */
  public Consensus node(int i) {
    return nodes.get(i);
  }

  /** The command that replays this run. */
  public String replayCommand() {
    return "mvn -B -ntp -pl consensus exec:java -Dexec.classpathScope=test"
        + " -Dexec.mainClass=dev.aether.consensus.sim.SimMain"
        + " -Dexec.args=\"--scenario "
        + sc.name()
        + " --seed "
        + seed
        + "\"";
  }

  private SimFailure fail(String what) {
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
    for (int i = 0; i < sc.n(); i++) {
      Consensus c = nodes.get(i);
      b.append(
          String.format(
              "[%d %s%s stake=%d round=%d hqc=%d h=%d] ",
              i,
              sc.behavior(i),
              sc.crashes().containsKey(i) ? " crash@" + sc.crashes().get(i) : "",
              sc.stakes().get(i),
              c.currentRound(),
              c.highQc().round(),
              c.committedHeight()));
    }
    return b.append("rejected=").append(rejected).toString();
  }

  /** Runs to the scenario's end; returns what was measured. */
  public SimResult run() {
    for (int i = 0; i < sc.n(); i++) {
      schedule(0, i, Event.Start::new);
    }
    while (!queue.isEmpty() && queue.peek().at <= sc.durationMs()) {
      Item it = queue.poll();
      now = it.at;
      steps++;
      if (it.run != null) {
        it.run.run();
      } else if (!crashed(it.node, now)) {
        dispatch(it.node, it.event.apply(now));
      }
    }
    now = sc.durationMs();
    checkLiveness();
    return result();
  }

  private boolean crashed(int node, long t) {
    Long at = sc.crashes().get(node);
    Long back = revivals.get(node);
    return at != null && t >= at && (back == null || t < back);
  }

  /**
   * Brings crashed validator {@code node} back at {@code atMs} as a node that lost its data and
   * state-synced: a fresh {@link Consensus} rooted at the latest {@link Checkpoint} of the lowest
   * live honest validator (checked with {@link Checkpoint#verify}), keeping only its persisted
   * safety state. Its final chain continues from the checkpoint's prefix.
   */
  public Simulation resyncAt(int node, long atMs) {
    if (!sc.crashes().containsKey(node) || sc.crashes().get(node) >= atMs) {
      throw new IllegalArgumentException("validator " + node + " must crash before " + atMs);
    }
    revivals.put(node, atMs);
    scheduleRun(
        atMs,
        () -> {
          int from = 0;
          while (from == node || !honestLive(from)) {
            from++;
          }
          Consensus source = nodes.get(from);
          Checkpoint cp = source.checkpointOf(source.committedId()).orElseThrow();
          Optional<String> bad = cp.verify(config, crypto);
          if (bad.isPresent()) {
            throw fail("checkpoint does not verify: " + bad.get());
          }
          nodes.set(
              node,
              new Consensus(
                  config.withRoot(cp),
                  crypto,
                  Optional.of(signers.get(node)),
                  persisted.get(node)));
          List<H256> prefix =
              new ArrayList<>(committed.get(from).subList(0, (int) cp.height() + 1));
          committed.set(node, prefix);
          commitTimes.get(node).add(now);
          schedule(now, node, Event.Start::new);
        });
    return this;
  }

  private boolean honestLive(int i) {
    return !sc.behavior(i).byzantine() && !sc.crashes().containsKey(i);
  }

  private void schedule(long at, int node, LongFunction<Event> ev) {
    queue.add(new Item(Math.max(at, now), seq++, node, ev, null));
  }

  private void scheduleRun(long at, Runnable r) {
    queue.add(new Item(Math.max(at, now), seq++, -1, null, r));
  }

  // ---------------------------------------------------------------- network

  private long latency() {
    long oneWay = sc.rttMs() / 2;
    long l = oneWay * 8 / 10 + rnd.nextLong(oneWay * 4 / 10 + 1);
    if (rnd.nextInt(1000) < sc.tailPerMille()) {
      l += rnd.nextLong(3 * oneWay + 1);
    }
    return Math.max(1, l);
  }

  private boolean dropped(int from, int to) {
    if (now >= sc.gstMs()) {
      return false;
    }
    if (!sc.partition().get(from).equals(sc.partition().get(to))) {
      return true;
    }
    return rnd.nextInt(1000) < sc.lossPerMille();
  }

  private void send(int from, int to, int size, LongFunction<Event> ev) {
    if (from == to) {
      return;
    }
    messages++;
    bytes += size;
    if (dropped(from, to)) {
      return;
    }
    schedule(now + latency(), to, ev);
  }

  private void sendProposal(int from, int to, Block b) {
    send(from, to, Block.CODEC.encode(b).length, t -> new Event.ProposalReceived(b, t));
  }

  private void sendVote(int from, int to, Vote v) {
    send(from, to, Vote.CODEC.encode(v).length, t -> new Event.VoteReceived(v, t));
  }

  private void sendTimeout(int from, int to, Timeout x) {
    send(from, to, Timeout.CODEC.encode(x).length, t -> new Event.TimeoutReceived(x, t));
  }

  // ---------------------------------------------------------------- node actions

  private void dispatch(int node, Event event) {
    if (sc.behavior(node) == Behavior.STALE_REPLAY) {
      remember(node, event);
    }
    List<Action> actions = nodes.get(node).onEvent(event);
    checkPersistFirst(node, actions);
    if (TRACE == node) {
      System.out.println(now + " node" + node + " <- " + brief(event));
      for (Action a : actions) {
        System.out.println("      -> " + brief(a));
      }
    }
    for (Action a : actions) {
      act(node, a);
    }
  }

  private void act(int node, Action a) {
    switch (a) {
      case Action.BroadcastProposal p -> broadcastProposal(node, p.block());
      case Action.BroadcastVote v -> broadcastVote(node, v.vote());
      case Action.BroadcastTimeout t -> broadcastTimeout(node, t.timeout());
      case Action.FetchBlock f ->
          fetch(node, f.blockId(), f.from() == node ? (node + 1) % sc.n() : f.from());
      case Action.RequestPayload r -> {
        Event.PayloadReady ready = payload(node, r.request());
        schedule(now, node, t -> withTime(ready, t));
      }
      case Action.ExecuteBlock x -> execute(node, x.block());
      case Action.SetTimer s -> schedule(s.atMs(), node, t -> new Event.TimerFired(s.timer(), t));
      case Action.CommitBlock c -> onCommit(node, c.block());
      case Action.EvidenceFound e -> onEvidence(node, e.evidence());
      case Action.PersistSafety s -> persisted.set(node, s.state());
      case Action.Rejected r -> rejected.merge(r.error().code(), 1L, Long::sum);
      case Action.EpochStarted e -> {}
    }
  }

  private static Event.PayloadReady withTime(Event.PayloadReady p, long t) {
    return new Event.PayloadReady(
        p.request(), p.txs(), p.txRoot(), p.stateRoot(), p.receiptsRoot(), p.shredRoot(), t);
  }

  /** The simulated mempool and executor: empty blocks whose roots chain deterministically. */
  private Event.PayloadReady payload(int node, dev.aether.consensus.PayloadRequest req) {
    H256 txRoot =
        Hashing.tagged(
            "sim/tx",
            new dev.aether.types.codec.Writer(24)
                .u64(req.slot())
                .u64(req.round())
                .u16(node)
                .toByteArray());
    return new Event.PayloadReady(
        req,
        List.of(),
        txRoot,
        stateRoot(req.parent().header(), txRoot),
        receiptsRoot(txRoot),
        Hashing.tagged("sim/shred", txRoot.toArray()),
        now);
  }

  private static H256 stateRoot(Header parent, H256 txRoot) {
    return Hashing.tagged("sim/state", parent.stateRoot().toArray(), txRoot.toArray());
  }

  private static H256 receiptsRoot(H256 txRoot) {
    return Hashing.tagged("sim/rcpt", txRoot.toArray());
  }

  private void execute(int node, Block b) {
    Header parent = nodes.get(node).block(b.header().parent()).orElseThrow().header();
    H256 sr = stateRoot(parent, b.header().txRoot());
    H256 rr = receiptsRoot(b.header().txRoot());
    H256 id = b.id();
    schedule(now + 2, node, t -> new Event.BlockExecuted(id, sr, rr, t));
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
          if (!crashed(from, now)) {
            nodes.get(from).block(id).ifPresent(b -> sendProposal(from, node, b));
          }
        });
  }

  // ---------------------------------------------------------------- adversary

  private void broadcastProposal(int node, Block b) {
    proposedAt.putIfAbsent(b.id(), now);
    if (sc.behavior(node) == Behavior.EQUIVOCATING_LEADER) {
      Block twin = twin(node, b);
      adversaryProposals.computeIfAbsent(b.header().round(), r -> new ArrayList<>()).add(b.id());
      adversaryProposals.get(b.header().round()).add(twin.id());
      for (int to = 0; to < sc.n(); to++) {
        sendProposal(node, to, to % 2 == 0 ? b : twin);
      }
      return;
    }
    adversaryProposals.computeIfAbsent(b.header().round(), r -> new ArrayList<>()).add(b.id());
    for (int to = 0; to < sc.n(); to++) {
      sendProposal(node, to, b);
    }
    replayStale(node);
  }

  /** A second, different, validly signed block for the same round and slot. */
  private Block twin(int node, Block b) {
    Header h = b.header();
    H256 txRoot = Hashing.tagged("sim/twin", h.txRoot().toArray());
    Header parent = nodes.get(node).block(h.parent()).orElseThrow().header();
    Header t =
        new Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            h.proposer(),
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            txRoot,
            stateRoot(parent, txRoot),
            receiptsRoot(txRoot),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    Bytes sig =
        signers.get(node).signProposal(t.opCert(), t.kesPeriod(), Block.signingBytes(t.id()));
    return new Block(t, b.txs(), sig);
  }

  private void broadcastVote(int node, Vote v) {
    switch (sc.behavior(node)) {
      case WITHHOLD_VOTES -> {
        return;
      }
      case DOUBLE_VOTER -> {
        H256 other =
            adversaryProposals.getOrDefault(v.round(), List.of()).stream()
                .filter(id -> !id.equals(v.blockId()))
                .findFirst()
                .orElse(Hashing.tagged("sim/fake", v.blockId().toArray()));
        Vote v2 =
            new Vote(
                v.epoch(),
                v.round(),
                other,
                node,
                signers.get(node).signVote(Vote.signingBytes(v.epoch(), v.round(), other)));
        for (int to = 0; to < sc.n(); to++) {
          // Both votes to the odd half (as gossip would spread them), the first to the rest.
          sendVote(node, to, v);
          if (to % 2 == 1) {
            sendVote(node, to, v2);
          }
        }
        return;
      }
      default -> {
        for (int to = 0; to < sc.n(); to++) {
          sendVote(node, to, v);
        }
      }
    }
    replayStale(node);
  }

  private void broadcastTimeout(int node, Timeout t) {
    if (sc.behavior(node) == Behavior.WITHHOLD_VOTES) {
      return;
    }
    for (int to = 0; to < sc.n(); to++) {
      sendTimeout(node, to, t);
    }
  }

  private void remember(int node, Event e) {
    Object m =
        switch (e) {
          case Event.ProposalReceived p -> p.block();
          case Event.VoteReceived v -> v.vote();
          case Event.TimeoutReceived t -> t.timeout();
          default -> null;
        };
    if (m != null) {
      List<Object> h = heard.get(node);
      if (h.size() >= 256) {
        h.remove(rnd.nextInt(h.size()));
      }
      h.add(m);
    }
  }

  private void replayStale(int node) {
    if (sc.behavior(node) != Behavior.STALE_REPLAY || heard.get(node).isEmpty()) {
      return;
    }
    List<Object> h = heard.get(node);
    for (int k = 0; k < 3; k++) {
      Object m = h.get(rnd.nextInt(h.size()));
      int to = rnd.nextInt(sc.n());
      switch (m) {
        case Block b -> sendProposal(node, to, b);
        case Vote v -> sendVote(node, to, v);
        case Timeout t -> sendTimeout(node, to, t);
        default -> {}
      }
    }
  }

  // ---------------------------------------------------------------- checks

  /**
   * A vote or timeout may leave only after a safety state covering its epoch and round was
   * persisted.
   */
  private void checkPersistFirst(int node, List<Action> actions) {
    SafetyState covered = persisted.get(node);
    for (Action a : actions) {
      long[] message =
          switch (a) {
            case Action.PersistSafety p -> {
              covered = p.state();
              yield null;
            }
            case Action.BroadcastVote v -> new long[] {v.vote().epoch(), v.vote().round()};
            case Action.BroadcastTimeout t -> new long[] {t.timeout().epoch(), t.timeout().round()};
            default -> null;
          };
      if (message != null
          && (message[0] != covered.epoch() || message[1] > covered.highestVotedRound())) {
        throw fail(
            "validator "
                + node
                + " sent an epoch-"
                + message[0]
                + " round-"
                + message[1]
                + " message before persisting");
      }
    }
  }

  private void onCommit(int node, Block b) {
    List<H256> chain = committed.get(node);
    H256 last = chain.getLast();
    if (!b.header().parent().equals(last) || b.header().height() != chain.size()) {
      throw fail(
          "validator "
              + node
              + " committed block at height "
              + b.header().height()
              + " not extending its last final block (height "
              + (chain.size() - 1)
              + "): a final block was reverted");
    }
    H256 prior = finalAtHeight.putIfAbsent(b.header().height(), b.id());
    if (prior != null && !prior.equals(b.id())) {
      throw fail(
          "conflicting final blocks at height "
              + b.header().height()
              + ": "
              + prior
              + " and "
              + b.id()
              + " (validator "
              + node
              + ")");
    }
    chain.add(b.id());
    commitTimes.get(node).add(now);
    Long t0 = proposedAt.get(b.id());
    if (t0 != null && honestLive(node)) {
      latencies.add(now - t0);
    }
  }

  private void onEvidence(int node, Evidence e) {
    if (!e.verify(set, crypto, sc.params())) {
      throw fail("validator " + node + " reported evidence that does not verify: " + e);
    }
    if (!sc.behavior(e.offender()).byzantine()) {
      throw fail("evidence against honest validator " + e.offender() + ": " + e);
    }
    evidence.add(e);
    // The node gossips evidence (it also goes into a slashing transaction).
    for (int to = 0; to < sc.n(); to++) {
      send(node, to, Evidence.CODEC.encode(e).length, t -> new Event.EvidenceReceived(e, t));
    }
  }

  /** After GST every honest live validator finalizes new blocks, with gaps below the bound. */
  private void checkLiveness() {
    long from = sc.gstMs();
    for (int i = 0; i < sc.n(); i++) {
      if (!honestLive(i)) {
        continue;
      }
      long prev = from;
      for (long t : commitTimes.get(i)) {
        if (t >= from) {
          if (t - prev > LIVENESS_BOUND_MS) {
            throw fail("validator " + i + " finalized nothing for " + (t - prev) + " ms after GST");
          }
          prev = t;
        }
      }
      if (now - prev > LIVENESS_BOUND_MS) {
        throw fail(
            "liveness: validator "
                + i
                + " finalized nothing in the last "
                + (now - prev)
                + " ms (GST at "
                + from
                + " ms, height "
                + (committed.get(i).size() - 1)
                + ")");
      }
    }
  }

  private SimResult result() {
    long finalBlocks = 0;
    long firstAfterGst = Long.MAX_VALUE;
    long allAfterGst = 0;
    for (int i = 0; i < sc.n(); i++) {
      finalBlocks = Math.max(finalBlocks, committed.get(i).size() - 1);
      if (honestLive(i)) {
        long first =
            commitTimes.get(i).stream().filter(t -> t >= sc.gstMs()).findFirst().orElse(now);
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
        sc.durationMs());
  }
}
