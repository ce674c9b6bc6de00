package dev.aether.consensus.sim;

import dev.aether.consensus.Action;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.Event;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.Validator;
import dev.aether.consensus.ValidatorSet;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.codec.Writer;
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
 * A seeded discrete-event simulation of a chain whose validator set changes every epoch: a pool of
 * nodes, each running the real {@link Consensus} from genesis (members vote and propose, the rest
 * follow), and a schedule of sets — validators joining, leaving, changing stake, and a Byzantine
 * equivocator removed two epochs after it offends, as the staking program would slash it.
 *
 * <p>Each node learns an epoch's set the way a node learns it from the ledger: the set of epoch
 * {@code e >= 2} is recorded by the first block of slot-epoch {@code e-1} and readable only once
 * that block is final <em>at that node</em> — so consensus really waits for final state, and a node
 * that lags has to wait. The simulation checks safety after every commit (one block per height
 * across nodes, each commit extending the previous, votes persisted first), that every committed
 * block was proposed by a member of its epoch's set, liveness after GST, and that the chain crossed
 * the scheduled epochs with every joining validator proposing committed blocks.
 */
public final class ReconfigSimulation {
  /** A validator in an epoch's set: pool id and stake. */
  public record Member(int id, long stake) {}

  /**
   * Node {@code node} is cut off from the network from {@code fromMs} until {@code untilMs}: it
   * keeps running (timers fire) but sends and receives nothing, so it comes back epochs behind.
   */
  public record Away(int node, long fromMs, long untilMs) {
    boolean at(int n, long t) {
      return n == node && t >= fromMs && t < untilMs;
    }
  }

  /**
   * One reconfiguration run.
   *
   * @param sets the set of each epoch, from 0; epochs past the list keep the last set
   * @param byzantine pool ids that send twin proposals (must hold less than a third of every set)
   * @param away a node cut off for a while, if any
   * @param startMs when the nodes start (slots run from genesis time 0 all the same): a network
   *     that starts epochs late builds epochs of one boundary block each until it catches up
   */
  public record Plan(
      String name,
      int pool,
      List<List<Member>> sets,
      List<Integer> byzantine,
      long rttMs,
      int lossPerMille,
      long gstMs,
      long durationMs,
      ConsensusParams params,
      Optional<Away> away,
      long startMs) {
    public Plan {
      sets = List.copyOf(sets);
      byzantine = List.copyOf(byzantine);
    }

    List<Member> membersOf(long epoch) {
      return sets.get((int) Math.min(epoch, sets.size() - 1));
    }

    /** Pool ids that are in some epoch's set after epoch 0 but not in epoch 0's. */
    List<Integer> joiners() {
      List<Integer> out = new ArrayList<>();
      for (List<Member> s : sets) {
        for (Member m : s) {
          boolean initial = sets.getFirst().stream().anyMatch(x -> x.id() == m.id());
          if (!initial && !out.contains(m.id())) {
            out.add(m.id());
          }
        }
      }
      return out;
    }
  }

  /** Failure with the seed and a one-line summary. */
  public static final class Failure extends AssertionError {
    Failure(String m) {
      super(m);
    }
  }

  /** What a run measured. */
  public record Result(
      long finalBlocks,
      long finalEpoch,
      Map<Integer, Integer> proposedByJoiners,
      List<Evidence> evidence,
      Map<String, Long> rejected,
      long unknownSetAnswers) {}

  static final long LIVENESS_BOUND_MS = 30_000;

  private record Item(long at, long seq, int node, LongFunction<Event> event, Runnable run) {}

  private final Plan plan;
  private final long seed;
  private final SplittableRandom rnd;
  private final SimCrypto crypto = new SimCrypto();
  private final Map<Long, ValidatorSet> sets = new HashMap<>();
  private final List<Consensus> nodes = new ArrayList<>();
  private final long[] committedSlot;
  private final List<List<H256>> committed = new ArrayList<>();
  private final List<List<Long>> commitTimes = new ArrayList<>();
  private final List<SafetyState> persisted = new ArrayList<>();
  private final Map<Long, H256> finalAtHeight = new HashMap<>();
  private final Map<H256, Block> blocks = new HashMap<>();
  private final List<Evidence> evidence = new ArrayList<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<Integer, Integer> proposedByJoiners = new TreeMap<>();
  private final PriorityQueue<Item> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;
  private long finalEpoch;
  private long unknownSetAnswers;

  public ReconfigSimulation(Plan plan, long seed) {
    this.plan = plan;
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    this.committedSlot = new long[plan.pool()];
    Block genesis = SimChain.genesis();
    for (int i = 0; i < plan.pool(); i++) {
      final int node = i;
      ConsensusConfig config =
          new ConsensusConfig(
              plan.params(),
              genesis,
              epoch -> {
                if (known(node, epoch)) {
                  return Optional.of(setOf(epoch));
                }
                unknownSetAnswers++;
                return Optional.empty();
              });
      nodes.add(
          new Consensus(config, crypto, Optional.of(SimCrypto.signer(i)), SafetyState.INITIAL));
      committed.add(new ArrayList<>(List.of(genesis.id())));
      commitTimes.add(new ArrayList<>(List.of(0L)));
      persisted.add(SafetyState.INITIAL);
    }
    for (long e = 0; e < plan.sets().size() + 4; e++) {
      ValidatorSet s = setOf(e);
      long byz = 0;
      for (Validator v : s.validators()) {
        if (plan.byzantine().contains(idOf(v))) {
          byz += v.stake();
        }
      }
      if (byz * 3 >= s.totalStake()) {
        throw new IllegalArgumentException("a third or more Byzantine stake in epoch " + e);
      }
    }
  }

  /** The set of epoch {@code e}: members in pool-id order. */
  ValidatorSet setOf(long e) {
    return sets.computeIfAbsent(
        e,
        x -> {
          List<Validator> vs = new ArrayList<>();
          for (Member m : plan.membersOf(x)) {
            vs.add(SimCrypto.validator(vs.size(), m.id(), m.stake()));
          }
          return new ValidatorSet(vs);
        });
  }

  /**
   * Whether node {@code node} can read epoch {@code e}'s set from its final state: genesis records
   * epochs 0 and 1, the first block of slot-epoch {@code e-1} records epoch {@code e}.
   */
  private boolean known(int node, long e) {
    return e <= 1 || committedSlot[node] >= (e - 1) * plan.params().epochSlots();
  }

  private static int idOf(Validator v) {
    byte[] b = v.coldKey().toArray();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private Failure fail(String what) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Consensus c = nodes.get(i);
      b.append(
          String.format(
              "[%d e=%d r=%d h=%d] ", i, c.epoch(), c.currentRound(), c.committedHeight()));
    }
    return new Failure(
        "RECONFIG SIMULATION FAILURE plan="
            + plan.name()
            + " seed="
            + seed
            + " t="
            + now
            + "ms: "
            + what
            + "\n  nodes: "
            + b
            + "rejected="
            + rejected);
  }

  // ---------------------------------------------------------------- event loop

  public Result run() {
    for (int i = 0; i < plan.pool(); i++) {
      schedule(plan.startMs(), i, Event.Start::new);
    }
    while (!queue.isEmpty() && queue.peek().at <= plan.durationMs()) {
      Item it = queue.poll();
      now = it.at;
      if (it.run != null) {
        it.run.run();
      } else {
        dispatch(it.node, it.event.apply(now));
      }
    }
    now = plan.durationMs();
    checkLiveness();
    long heights = 0;
    for (List<H256> c : committed) {
      heights = Math.max(heights, c.size() - 1);
    }
    return new Result(
        heights,
        finalEpoch,
        Map.copyOf(proposedByJoiners),
        List.copyOf(evidence),
        Map.copyOf(rejected),
        unknownSetAnswers);
  }

  private void schedule(long at, int node, LongFunction<Event> ev) {
    queue.add(new Item(Math.max(at, now), seq++, node, ev, null));
  }

  private void scheduleRun(long at, Runnable r) {
    queue.add(new Item(Math.max(at, now), seq++, -1, null, r));
  }

  private long latency() {
    long oneWay = plan.rttMs() / 2;
    return Math.max(1, oneWay * 8 / 10 + rnd.nextLong(oneWay * 4 / 10 + 1));
  }

  private boolean away(int node, long t) {
    return plan.away().map(a -> a.at(node, t)).orElse(false);
  }

  private void send(int from, int to, LongFunction<Event> ev) {
    if (from == to || away(from, now)) {
      return;
    }
    if (now < plan.gstMs() && rnd.nextInt(1000) < plan.lossPerMille()) {
      return;
    }
    schedule(now + latency(), to, ev);
  }

  private void toAll(int from, LongFunction<Event> ev) {
    for (int to = 0; to < plan.pool(); to++) {
      send(from, to, ev);
    }
  }

  private void dispatch(int node, Event event) {
    boolean fromNetwork =
        event instanceof Event.ProposalReceived
            || event instanceof Event.VoteReceived
            || event instanceof Event.TimeoutReceived
            || event instanceof Event.EvidenceReceived;
    if (fromNetwork && away(node, now)) {
      return;
    }
    List<Action> actions = nodes.get(node).onEvent(event);
    checkPersistFirst(node, actions);
    for (Action a : actions) {
      act(node, a);
    }
  }

  private void act(int node, Action a) {
    switch (a) {
      case Action.BroadcastProposal p -> propose(node, p.block());
      case Action.BroadcastVote v -> toAll(node, t -> new Event.VoteReceived(v.vote(), t));
      case Action.BroadcastTimeout t -> toAll(node, x -> new Event.TimeoutReceived(t.timeout(), x));
      case Action.FetchBlock f -> fetch(node, f.blockId());
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
      case Action.EpochStarted e -> {
        if (!e.set().equals(setOf(e.epoch()))) {
          throw fail("node " + node + " started epoch " + e.epoch() + " with another set");
        }
      }
    }
  }

  private static Event.PayloadReady withTime(Event.PayloadReady p, long t) {
    return new Event.PayloadReady(
        p.request(), p.txs(), p.txRoot(), p.stateRoot(), p.receiptsRoot(), p.shredRoot(), t);
  }

  private Event.PayloadReady payload(int node, dev.aether.consensus.PayloadRequest req) {
    H256 txRoot =
        Hashing.tagged(
            "sim/tx", new Writer(24).u64(req.slot()).u64(req.round()).u16(node).toByteArray());
    return new Event.PayloadReady(
        req,
        List.of(),
        txRoot,
        stateRoot(req.parent().header(), txRoot),
        Hashing.tagged("sim/rcpt", txRoot.toArray()),
        Hashing.tagged("sim/shred", txRoot.toArray()),
        now);
  }

  private static H256 stateRoot(Header parent, H256 txRoot) {
    return Hashing.tagged("sim/state", parent.stateRoot().toArray(), txRoot.toArray());
  }

  private void execute(int node, Block b) {
    Optional<Block> parent = nodes.get(node).block(b.header().parent());
    if (parent.isEmpty()) {
      return;
    }
    H256 sr = stateRoot(parent.get().header(), b.header().txRoot());
    H256 rr = Hashing.tagged("sim/rcpt", b.header().txRoot().toArray());
    H256 id = b.id();
    schedule(now + 2, node, t -> new Event.BlockExecuted(id, sr, rr, t));
  }

  /** Any node that has the block answers (the node's fetch also asks every connected peer). */
  private void fetch(int node, H256 id) {
    Block b = blocks.get(id);
    if (b != null) {
      send(node == 0 ? 1 : 0, node, t -> new Event.ProposalReceived(b, t));
    }
  }

  private void propose(int node, Block b) {
    blocks.put(b.id(), b);
    if (plan.byzantine().contains(node)) {
      Block twin = twin(node, b);
      blocks.put(twin.id(), twin);
      for (int to = 0; to < plan.pool(); to++) {
        Block sent = to % 2 == 0 ? b : twin;
        send(node, to, t -> new Event.ProposalReceived(sent, t));
      }
      return;
    }
    toAll(node, t -> new Event.ProposalReceived(b, t));
  }

  private Block twin(int node, Block b) {
    Header h = b.header();
    H256 txRoot = Hashing.tagged("sim/twin", h.txRoot().toArray());
    Block parent = nodes.get(node).block(h.parent()).orElseThrow();
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
            stateRoot(parent.header(), txRoot),
            Hashing.tagged("sim/rcpt", txRoot.toArray()),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    Bytes sig =
        SimCrypto.signer(node).signProposal(t.opCert(), t.kesPeriod(), Block.signingBytes(t.id()));
    return new Block(t, b.txs(), sig);
  }

  // ---------------------------------------------------------------- checks

  private void checkPersistFirst(int node, List<Action> actions) {
    SafetyState covered = persisted.get(node);
    for (Action a : actions) {
      long[] m =
          switch (a) {
            case Action.PersistSafety p -> {
              covered = p.state();
              yield null;
            }
            case Action.BroadcastVote v -> new long[] {v.vote().epoch(), v.vote().round()};
            case Action.BroadcastTimeout t -> new long[] {t.timeout().epoch(), t.timeout().round()};
            default -> null;
          };
      if (m != null && (m[0] != covered.epoch() || m[1] > covered.highestVotedRound())) {
        throw fail("node " + node + " sent an epoch-" + m[0] + " round-" + m[1] + " message first");
      }
    }
  }

  private void onCommit(int node, Block b) {
    Header h = b.header();
    List<H256> chain = committed.get(node);
    if (!h.parent().equals(chain.getLast()) || h.height() != chain.size()) {
      throw fail("node " + node + " committed height " + h.height() + " off its final chain");
    }
    H256 prior = finalAtHeight.putIfAbsent(h.height(), b.id());
    if (prior != null && !prior.equals(b.id())) {
      throw fail("conflicting final blocks at height " + h.height());
    }
    // Every final block was proposed by a member of its epoch's set, and its QC signers too.
    ValidatorSet s = setOf(h.epoch());
    Optional<Validator> proposer = s.get(h.proposer());
    if (proposer.isEmpty()) {
      throw fail("final block at height " + h.height() + " by a non-member of " + h.epoch());
    }
    if (prior == null) {
      int id = idOf(proposer.get());
      if (plan.joiners().contains(id)) {
        proposedByJoiners.merge(id, 1, Integer::sum);
      }
    }
    chain.add(b.id());
    commitTimes.get(node).add(now);
    committedSlot[node] = Math.max(committedSlot[node], h.slot());
    finalEpoch = Math.max(finalEpoch, h.epoch());
  }

  private void onEvidence(int node, Evidence e) {
    ValidatorSet s = setOf(e.epoch());
    if (!e.verify(s, crypto, plan.params())) {
      throw fail("node " + node + " reported evidence that does not verify: " + e);
    }
    int offender = idOf(s.get(e.offender()).orElseThrow());
    if (!plan.byzantine().contains(offender)) {
      throw fail("evidence against honest validator " + offender);
    }
    evidence.add(e);
    toAll(node, t -> new Event.EvidenceReceived(e, t));
  }

  private void checkLiveness() {
    for (int i = 0; i < plan.pool(); i++) {
      if (plan.byzantine().contains(i)) {
        continue;
      }
      long prev = plan.gstMs();
      final int node = i;
      long back = plan.away().filter(a -> a.node() == node).map(Away::untilMs).orElse(-1L);
      for (long t : commitTimes.get(i)) {
        if (back >= 0 && t >= back && prev < back) {
          prev = back; // the time it was cut off does not count; catching up after it does
        }
        if (t >= plan.gstMs()) {
          if (t - prev > LIVENESS_BOUND_MS) {
            throw fail("node " + i + " finalized nothing for " + (t - prev) + " ms after GST");
          }
          prev = t;
        }
      }
      if (now - prev > LIVENESS_BOUND_MS) {
        throw fail(
            "liveness: node " + i + " finalized nothing in the last " + (now - prev) + " ms");
      }
    }
  }

  // ---------------------------------------------------------------- plans

  /**
   * A third of the stake changes hands over a few epochs: four equal validators; a fifth joins in
   * epoch 2, a sixth in 3 (with double weight), validator 0 leaves in 4, validator 1's stake drops
   * and validator 6 joins in 5, and Byzantine validator 3 — sending twin proposals all along — is
   * slashed out from epoch 4 (two epochs after the staking program sees its evidence).
   */
  public static Plan churn(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<List<Member>> sets =
        List.of(
            List.of(m(0, 100), m(1, 100), m(2, 100), m(3, 100)),
            List.of(m(0, 100), m(1, 100), m(2, 100), m(3, 100)),
            List.of(m(0, 100), m(1, 100), m(2, 100), m(3, 100), m(4, 100)),
            List.of(m(0, 100), m(1, 100), m(2, 100), m(3, 100), m(4, 100), m(5, 200)),
            List.of(m(1, 100), m(2, 100), m(4, 100), m(5, 200)),
            List.of(m(1, 40), m(2, 100), m(4, 120), m(5, 200), m(6, 150)));
    long gst = 1_000 + r.nextLong(4_000);
    return new Plan(
        "churn",
        7,
        sets,
        List.of(3),
        60 + r.nextLong(60),
        r.nextInt(100),
        gst,
        12 * 24 * 500 + gst,
        ConsensusParams.defaults().withEpochSlots(24),
        Optional.empty(),
        0);
  }

  /**
   * The whole set is replaced, a third at a time: validators 0..2 hand over to 3..5 one per epoch,
   * then 3..5 to 6..8, with stakes drawn from the seed. Node 8, a follower until it joins in epoch
   * 7, is cut off for 30 s (two and a half epochs) before that: it comes back to blocks of epochs
   * whose sets its final state does not hold yet, must wait for them (never guess) while it catches
   * up, and then join on time.
   */
  public static Plan rotation(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<List<Member>> sets = new ArrayList<>();
    int[][] members = {
      {0, 1, 2},
      {0, 1, 2},
      {0, 1, 2, 3},
      {1, 2, 3, 4},
      {2, 3, 4, 5},
      {3, 4, 5, 6},
      {4, 5, 6, 7},
      {5, 6, 7, 8}
    };
    long away = 18_000 + r.nextLong(6_000);
    for (int[] ids : members) {
      List<Member> s = new ArrayList<>();
      for (int id : ids) {
        s.add(m(id, 80 + r.nextInt(60)));
      }
      sets.add(s);
    }
    return new Plan(
        "rotation",
        9,
        sets,
        List.of(),
        60 + r.nextLong(60),
        0,
        0,
        11 * 24 * 500,
        ConsensusParams.defaults().withEpochSlots(24),
        Optional.of(new Away(8, away, away + 30_000)),
        0);
  }

  /**
   * The devnet's late start: the four validators start three and a half epochs after genesis time,
   * so their first blocks are each the boundary block of their epoch (epochs 0, 1 and 2 hold one
   * final block each). Node 4 starts from genesis later still (cut off until then) and must sync
   * that chain: the QC that finalizes each of those blocks rides on a block of an epoch whose set
   * only that commit records. It must catch up, and then join the set in epoch 7 and propose.
   */
  public static Plan lateStart(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long start = 42_000 + r.nextLong(3_000);
    long back = start + 15_000 + r.nextLong(6_000);
    List<List<Member>> sets = new ArrayList<>();
    for (int e = 0; e < 8; e++) {
      List<Member> s = new ArrayList<>();
      for (int id = 0; id < (e < 7 ? 4 : 5); id++) {
        s.add(m(id, 100));
      }
      sets.add(s);
    }
    return new Plan(
        "late-start",
        5,
        sets,
        List.of(),
        60 + r.nextLong(60),
        0,
        start,
        11 * 24 * 500,
        ConsensusParams.defaults().withEpochSlots(24),
        Optional.of(new Away(4, 0, back)),
        start);
  }

  private static Member m(int id, long stake) {
    return new Member(id, stake);
  }
}
