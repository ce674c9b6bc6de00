package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.OpCert;
import dev.aether.types.QuorumCert;
import dev.aether.types.Timeout;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Vote;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One node's consensus: VRF-lottery leaders and HotStuff 2-chain (Jolteon / DiemBFT v4) finality as
 * a pure, single-threaded state machine. {@link #onEvent} takes an event and returns the actions to
 * perform, in order; it reads no clock, opens no socket and starts no thread. The protocol is
 * specified in docs/CONSENSUS.md.
 *
 * <p>Validator sets change per consensus epoch (docs/adr/0025): epoch {@code e} ends with its
 * boundary block — its first block whose slot lies past the epoch — and epoch {@code e+1} starts,
 * with its own validator set, rounds and safety state, on top of that block once it is final.
 * Blocks of epoch {@code e} after the boundary block are empty and only serve to finalize it.
 *
 * <p>Not thread-safe: the driver feeds events one at a time.
 */
public final class Consensus {
  /** Blocks kept below the last committed one, to serve peers that catch up. */
  private static final long RETAINED_HEIGHTS = 1024;

  /** Votes more than this many rounds ahead of ours are ignored. */
  static final long VOTE_HORIZON = 8;

  /** Proposals waiting for a missing parent, at most. */
  private static final int MAX_ORPHANS = 1024;

  /** Votes and timeouts of the next epoch kept for when this node gets there, at most. */
  private static final int MAX_EARLY_MESSAGES = 4096;

  /** A proposal of the current round; earlier slot first, then lower lottery value. */
  private record Candidate(H256 id, long slot, BigInteger rank, int proposer, Bytes proposerKey) {}

  private final ConsensusConfig config;
  private final Rules rules;
  private final ConsensusParams params;
  private final ConsensusCrypto crypto;
  private final Optional<LocalSigner> signer;
  private final BlockTree tree;
  private final Certificates certs;
  private final ParticipationTracker participation = new ParticipationTracker();
  private final Equivocations equivocations = new Equivocations();

  /** Per convicted validator (by cold key), the round in which we last gossiped the proof again. */
  private final Map<Bytes, Long> proofResent = new HashMap<>();

  private final Fetcher fetcher = new Fetcher();
  private final Map<Long, ValidatorSet> sets = new HashMap<>();

  private VoteCollector votes = new VoteCollector();
  private TimeoutCollector timeouts = new TimeoutCollector();
  private final TreeMap<Long, List<Candidate>> candidates = new TreeMap<>();
  private final Map<H256, QuorumCert> certified = new HashMap<>();
  private final Map<H256, List<Block>> orphans = new LinkedHashMap<>();
  private final Deque<Block> waitingForSet = new ArrayDeque<>();
  private final java.util.Set<H256> parkedIds = new java.util.HashSet<>();
  private final Deque<Object> earlyMessages = new ArrayDeque<>();

  /**
   * Next-epoch timeout signers per boundary block they name (see {@link #witnessNextEpoch}); at
   * most one entry per block this epoch could end with, cleared on use and on entering an epoch.
   */
  private final Map<H256, Set<Integer>> nextEpochWitnesses = new TreeMap<>();

  // The current consensus epoch.
  private long epoch;
  private ValidatorSet set;
  private OptionalInt me = OptionalInt.empty();
  private Optional<H256> epochRoot;
  private Optional<H256> pendingSwitch = Optional.empty();

  /** Blocks this node voted for in the current round (one, unless a test breaks the rules). */
  private final List<H256> myVotes = new ArrayList<>();

  private SafetyState safety;

  /** What the persisted state says we had reached, replayed once on {@link Event.Start}. */
  private SafetyState.Resume restored;

  private QuorumCert highQc;
  private Optional<TimeoutCert> highTc = Optional.empty();
  private long currentRound;
  private long currentSlot;
  private int consecutiveTimeouts;
  private long windowOpenRound = -1;
  private long windowClosedRound = -1;
  private long windowClosedAt;
  private long deadlineSetRound = -1;
  private Optional<PayloadRequest> pendingPayload = Optional.empty();
  private Optional<OpCert> pendingCert = Optional.empty();
  private Optional<Timeout> myTimeout = Optional.empty();

  /**
   * This validator's last timeout of the epoch it left, carrying the QC that made that epoch's
   * boundary block final here. Validators still in that epoch learn the boundary is final only from
   * such a QC; the others who saw it have moved on and no longer time out in the old epoch, so it
   * is sent again (at most once a slot) whenever one of them is heard from.
   */
  private Optional<Timeout> farewell = Optional.empty();

  private long farewellSentAt;
  private H256 committedId;
  private long committedHeight;
  private long committedRound;
  private Optional<H256> finalTarget = Optional.empty();
  private int finalFrom;
  private boolean committing;
  private long now;

  /**
   * @param signer the local validator's keys, or empty for a non-voting full node
   * @param persisted the safety state last persisted ({@link SafetyState#INITIAL} on first start)
   * @throws IllegalArgumentException if the validator set of the epoch the root starts is unknown
   */
  public Consensus(
      ConsensusConfig config,
      ConsensusCrypto crypto,
      Optional<LocalSigner> signer,
      SafetyState persisted) {
    this(config, crypto, signer, persisted, Rules.JOLTEON);
  }

  /** With other {@link Rules}: only tests use this, to prove that broken rules get caught. */
  Consensus(
      ConsensusConfig config,
      ConsensusCrypto crypto,
      Optional<LocalSigner> signer,
      SafetyState persisted,
      Rules rules) {
    this.config = Objects.requireNonNull(config, "config");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.params = config.params();
    this.crypto = Objects.requireNonNull(crypto, "crypto");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.safety = Objects.requireNonNull(persisted, "persisted");
    this.restored = persisted.resume();
    Checkpoint root = config.root();
    this.tree = new BlockTree(params, root);
    this.certs = new Certificates(crypto, config.genesis().id());
    this.highQc = root.qc();
    this.committedId = root.id();
    this.committedHeight = root.height();
    this.committedRound = root.block().header().round();
    this.currentRound = committedRound + 1;
    this.epoch = root.resumeEpoch(params);
    this.set =
        setFor(epoch)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the validator set of epoch " + epoch + " is not known"));
    this.me = signer.map(s -> set.indexOf(s.coldKey())).orElse(OptionalInt.empty());
    // The block this epoch started from, when the root is it (genesis, or a block that ended the
    // previous epoch); a root in the middle of an epoch does not say.
    this.epochRoot =
        root.height() == 0 || epoch > root.block().header().epoch()
            ? Optional.of(root.id())
            : Optional.empty();
    if (root.height() > 0) {
      certified.put(root.id(), root.qc());
    }
  }

  /**
   * Handles one event and returns what to do, in order. Bad input yields {@link Action.Rejected}.
   */
  public List<Action> onEvent(Event event) {
    now = Math.max(now, event.nowMs());
    List<Action> out = new ArrayList<>();
    switch (event) {
      case Event.Start s -> onStart(out);
      case Event.TimerFired t -> onTimer(t.timer(), out);
      case Event.ProposalReceived p -> onProposal(p.block(), out);
      case Event.VoteReceived v -> onVote(v.vote(), out);
      case Event.TimeoutReceived t -> onTimeout(t.timeout(), out);
      case Event.BlockExecuted x -> onExecuted(x, out);
      case Event.BlockInvalid x -> onInvalid(x.blockId(), out);
      case Event.PayloadReady p -> onPayload(p, out);
      case Event.EvidenceReceived e -> onEvidence(e.evidence(), out);
    }
    return out;
  }

  // ---------------------------------------------------------------- queries (read-only)

  public long currentRound() {
    return currentRound;
  }

  /** The consensus epoch this node is in. */
  public long epoch() {
    return epoch;
  }

  /** The validator set of the current epoch. */
  public ValidatorSet validatorSet() {
    return set;
  }

  public QuorumCert highQc() {
    return highQc;
  }

  public SafetyState safety() {
    return safety;
  }

  public long committedHeight() {
    return committedHeight;
  }

  public H256 committedId() {
    return committedId;
  }

  /**
   * A committed block still in the tree, with what a node needs to resume from it: the QC on it,
   * its epoch nonces and the certificate counters up to it. Empty for blocks not committed, pruned,
   * or whose QC this node never saw.
   */
  public Optional<Checkpoint> checkpointOf(H256 id) {
    Optional<BlockTree.Entry> e = tree.get(id);
    if (e.isEmpty() || e.get().height() > committedHeight || e.get().counters().isEmpty()) {
      return Optional.empty();
    }
    // Any child's parent QC certifies the block too (certified may have pruned an old round's QC).
    Optional<QuorumCert> qc =
        Optional.ofNullable(certified.get(id))
            .or(() -> tree.anyChild(id).map(c -> c.block().header().parentQc()));
    BlockTree.Entry x = e.get();
    return qc.map(q -> new Checkpoint(x.block(), q, x.eta(), x.rho(), x.counters().get()));
  }

  /** A block this node knows (to serve peers' {@link Action.FetchBlock} and execution). */
  public Optional<Block> block(H256 id) {
    return tree.get(id).map(BlockTree.Entry::block);
  }

  /**
   * The epoch nonce a child of {@code parent} proposed in {@code slot} is drawn with (the input of
   * its VRF proof), if this node knows the parent.
   */
  public Optional<H256> nonceFor(H256 parent, long slot) {
    return tree.get(parent).map(p -> tree.etaFor(p, slot));
  }

  /** Rounds for which votes, timeouts and proposal history are held (tests bound memory). */
  int retainedRounds() {
    return votes.rounds() + timeouts.rounds() + equivocations.rounds();
  }

  /** Participation counted from this node's finalized chain, per consensus epoch. */
  public Optional<Participation> participation(long epoch) {
    return participation.of(epoch);
  }

  // ---------------------------------------------------------------- epochs

  /** The validator set of {@code e} if known (sets never change once known, so they are cached). */
  private Optional<ValidatorSet> setFor(long e) {
    ValidatorSet s = sets.get(e);
    if (s != null) {
      return Optional.of(s);
    }
    Optional<ValidatorSet> found = config.validators().forEpoch(e);
    found.ifPresent(
        v -> {
          sets.put(e, v);
          sets.keySet().removeIf(k -> k + 16 < e);
        });
    return found;
  }

  /** Whether this node may sign in the current epoch (votes, timeouts, proposals). */
  private boolean canSign() {
    return signer.isPresent()
        && me.isPresent()
        && pendingSwitch.isEmpty()
        && safety.epoch() == epoch;
  }

  private Bytes coldKeyOf(ValidatorSet s, int index) {
    return s.get(index).map(Validator::coldKey).orElse(Bytes.EMPTY);
  }

  /**
   * Enters epoch {@code next} on top of {@code root}, the final block that ended the current one.
   * Waits (returns false, remembers the switch) while the next epoch's set is not known from final
   * state: consensus never guesses a validator set.
   */
  private boolean enterEpoch(long next, BlockTree.Entry root, List<Action> out) {
    Optional<ValidatorSet> s = setFor(next);
    if (s.isEmpty()) {
      pendingSwitch = Optional.of(root.block().id());
      return false;
    }
    pendingSwitch = Optional.empty();
    nextEpochWitnesses.clear();
    farewell = farewellTimeout(out);
    farewellSentAt = now;
    epoch = next;
    set = s.get();
    me = signer.map(x -> set.indexOf(x.coldKey())).orElse(OptionalInt.empty());
    epochRoot = Optional.of(root.block().id());
    QuorumCert rootQc =
        Optional.ofNullable(certified.get(root.block().id()))
            .or(
                () ->
                    tree.anyChild(root.block().id())
                        .map(c -> c.block().header().parentQc())
                        .filter(q -> q.blockId().equals(root.block().id())))
            .orElseThrow(() -> new IllegalStateException("a final block without a QC"));
    highQc = rootQc;
    highTc = Optional.empty();
    currentRound = root.round() + 1;
    consecutiveTimeouts = 0;
    windowOpenRound = -1;
    windowClosedRound = -1;
    deadlineSetRound = -1;
    pendingPayload = Optional.empty();
    pendingCert = Optional.empty();
    myTimeout = Optional.empty();
    myVotes.clear();
    candidates.clear();
    votes = new VoteCollector();
    timeouts = new TimeoutCollector();
    equivocations.newEpoch();
    if (signer.isPresent() && safety.epoch() < epoch) {
      safety = safety.forEpoch(epoch);
      out.add(new Action.PersistSafety(safety));
    }
    out.add(new Action.EpochStarted(epoch, set, root.block()));
    out.add(new Action.SetTimer(new Timer.RoundTimeout(epoch, currentRound), now + roundTimeout()));
    // Blocks of the new epoch this node accepted while it was still finishing the old one: keep
    // those built on the root, forget the rest (they extend a block that did not end the epoch).
    for (BlockTree.Entry e : tree.ofEpochAbove(epoch, root.height())) {
      if (!tree.descends(e.block().id(), root.block().id())) {
        tree.remove(e.block().id());
        continue;
      }
      Header h = e.block().header();
      checkDoubleProposal(e.block(), out);
      processQc(h.parentQc(), out);
      h.timeoutCert().ifPresent(tc -> processTc(tc, out));
      addCandidate(e, out);
    }
    List<Object> early = new ArrayList<>(earlyMessages);
    earlyMessages.clear();
    for (Object m : early) {
      switch (m) {
        case Vote v -> onVote(v, out);
        case Timeout t -> onTimeout(t, out);
        default -> {}
      }
    }
    retryWaiting(out);
    return true;
  }

  /**
   * Before leaving the current epoch: a timeout of it that carries the QC which proved its boundary
   * block final (our high QC), so that validators still in it can follow — see {@link #farewell}.
   * Signed under the usual timeout rule, in a round this node has reached, and persisted first.
   */
  private Optional<Timeout> farewellTimeout(List<Action> out) {
    if (!canSign() || highQc.epoch() != epoch) {
      return Optional.empty();
    }
    long round = currentRound;
    if (myTimeout.isPresent() && myTimeout.get().round() == round) {
      out.add(new Action.BroadcastTimeout(myTimeout.get()));
      return myTimeout;
    }
    Optional<TimeoutCert> lastTc = highTc.filter(t -> t.round() + 1 == round);
    if (!rules.safeToTimeout(safety, round, highQc.round(), lastTc)) {
      return Optional.empty();
    }
    Timeout t =
        new Timeout(
            epoch,
            round,
            highQc,
            highQc.round() + 1 == round ? Optional.empty() : lastTc,
            me.getAsInt(),
            signer.get().signVote(Timeout.signingBytes(epoch, round, highQc.round())));
    safety = SafetyRules.afterTimeout(safety, round).withResume(resumePoint());
    out.add(new Action.PersistSafety(safety));
    out.add(new Action.BroadcastTimeout(t));
    return Optional.of(t);
  }

  /** A validator of the epoch we left is still in it: send it what proves that epoch's end. */
  private void helpLagging(long messageEpoch, List<Action> out) {
    if (messageEpoch + 1 == epoch
        && farewell.isPresent()
        && now - farewellSentAt >= params.slotMs()) {
      farewellSentAt = now;
      out.add(new Action.BroadcastTimeout(farewell.get()));
    }
  }

  /** Retries a waiting epoch switch and blocks parked until their epoch's set is known. */
  private void retryPending(List<Action> out) {
    if (pendingSwitch.isPresent()) {
      Optional<BlockTree.Entry> root = tree.get(pendingSwitch.get());
      boolean entered = false;
      committing = true; // what entering learns may finalize more; commit it after, in order
      try {
        entered = root.isPresent() && enterEpoch(epoch + 1, root.get(), out);
      } finally {
        committing = false;
      }
      if (entered) {
        tryCommit(out);
      }
    }
    retryWaiting(out);
  }

  private void retryWaiting(List<Action> out) {
    if (waitingForSet.isEmpty()) {
      return;
    }
    List<Block> parked = new ArrayList<>(waitingForSet);
    waitingForSet.clear();
    parkedIds.clear();
    // Parents before children: a child re-parked after its parent needs no fetch.
    parked.sort(Comparator.comparingLong((Block b) -> b.header().height()));
    for (Block b : parked) {
      if (b.header().epoch() >= epoch && b.header().height() > committedHeight) {
        onProposal(b, out);
      }
    }
  }

  private void park(Block b) {
    if (!parkedIds.add(b.id())) {
      return;
    }
    if (waitingForSet.size() >= MAX_ORPHANS) {
      parkedIds.remove(waitingForSet.pollFirst().id());
    }
    waitingForSet.add(b);
    fetcher.arrived(b.id());
  }

  private void keepEarly(Object message) {
    if (earlyMessages.size() >= MAX_EARLY_MESSAGES) {
      earlyMessages.pollFirst();
    }
    earlyMessages.add(message);
  }

  // ---------------------------------------------------------------- start and timers

  private void onStart(List<Action> out) {
    currentSlot = params.slotAt(now);
    if (signer.isPresent() && safety.epoch() < epoch) {
      safety = safety.forEpoch(epoch);
      out.add(new Action.PersistSafety(safety));
    }
    out.add(new Action.EpochStarted(epoch, set, config.root().block()));
    out.add(
        new Action.SetTimer(new Timer.SlotStart(currentSlot + 1), slotStartOf(currentSlot + 1)));
    out.add(new Action.SetTimer(new Timer.RoundTimeout(epoch, currentRound), now + roundTimeout()));
    resume(out);
  }

  /**
   * Back to where the persisted state says we were: the certified blocks above our root (checked
   * like any proposal, and executed again), then the highest QC and TC we had acted on. Without
   * them a restarted validator sits in an older round in which its own persisted rounds forbid it
   * to time out — and if every validator restarted together, the chain would never move again. Each
   * certificate is checked against the validator set of its own epoch; one of an epoch this node
   * has left (or not yet reached) is ignored by {@link #processQc} / {@link #processTc}.
   */
  private void resume(List<Action> out) {
    SafetyState.Resume r = restored;
    restored = SafetyState.Resume.NONE;
    for (Block b : r.blocks()) {
      boolean known = tree.contains(b.id());
      Header h = b.header();
      // Our own blocks are not executed on receipt (acceptProposal's rule): execute them here.
      boolean own = h.epoch() == epoch && me.isPresent() && me.getAsInt() == h.proposer();
      onProposal(b, out);
      if (!known && own && tree.contains(b.id())) {
        out.add(new Action.ExecuteBlock(b));
      }
    }
    r.highQc()
        .filter(qc -> setFor(qc.epoch()).map(s -> certs.verify(qc, s)).orElse(false))
        .ifPresent(qc -> processQc(qc, out));
    r.highTc()
        .filter(tc -> tc.epoch() == epoch && certs.verify(tc, set))
        .ifPresent(tc -> processTc(tc, out));
    tryCommit(out);
  }

  /** The resume point to persist with the next safety state: see {@link SafetyState.Resume}. */
  private SafetyState.Resume resumePoint() {
    List<Block> chain = new ArrayList<>();
    H256 cursor = highQc.blockId();
    while (!cursor.equals(committedId) && chain.size() < SafetyState.MAX_RESUME_BLOCKS) {
      Optional<BlockTree.Entry> e = tree.get(cursor);
      if (e.isEmpty() || e.get().height() <= committedHeight) {
        break;
      }
      chain.add(e.get().block());
      cursor = e.get().block().header().parent();
    }
    return new SafetyState.Resume(
        highQc.round() > 0 ? Optional.of(highQc) : Optional.empty(), highTc, chain.reversed());
  }

  private long slotStartOf(long slot) {
    return params.slotStart(slot);
  }

  private long roundTimeout() {
    return params.roundTimeout(consecutiveTimeouts);
  }

  private void onTimer(Timer timer, List<Action> out) {
    switch (timer) {
      case Timer.SlotStart s -> {
        if (s.slot() > currentSlot) {
          currentSlot = s.slot();
          out.add(
              new Action.SetTimer(
                  new Timer.SlotStart(currentSlot + 1), slotStartOf(currentSlot + 1)));
          retryPending(out);
          retryFetches(out);
          tryPropose(out);
        }
      }
      case Timer.RoundTimeout r -> {
        if (r.epoch() == epoch && r.round() == currentRound) {
          localTimeout(out);
          out.add(
              new Action.SetTimer(
                  new Timer.RoundTimeout(epoch, currentRound), now + roundTimeout()));
        }
      }
      case Timer.VoteWindow w -> {
        if (w.epoch() == epoch && w.round() == currentRound && windowOpenRound == currentRound) {
          if (!hasLiveCandidate(currentRound)) {
            // Everything that opened the window is void (its proposer was convicted meanwhile,
            // or it failed to execute): the next live proposal opens a window of its own, so
            // that honest validators again compare that slot's proposals instead of each voting
            // for whichever arrives first.
            windowOpenRound = -1;
            return;
          }
          windowClosedRound = currentRound;
          windowClosedAt = now;
          tryVote(out);
        }
      }
      case Timer.VoteDeadline d -> {
        if (d.epoch() == epoch && d.round() == currentRound) {
          tryVote(out);
        }
      }
    }
  }

  // ---------------------------------------------------------------- rounds

  private void advanceRound(long round, boolean byTimeout, List<Action> out) {
    if (round <= currentRound) {
      return;
    }
    currentRound = round;
    consecutiveTimeouts = byTimeout ? consecutiveTimeouts + 1 : 0;
    myTimeout = Optional.empty();
    myVotes.clear();
    pendingPayload = Optional.empty();
    pendingCert = Optional.empty();
    out.add(new Action.SetTimer(new Timer.RoundTimeout(epoch, round), now + roundTimeout()));
    candidates.headMap(round).clear();
    votes.pruneBelow(round - 2);
    timeouts.pruneBelow(round - 2);
    certs.pruneBelow(Math.min(highQc.round(), round - 2));
    equivocations.pruneBelow(round);
    if (candidates.containsKey(round)) {
      openVoteWindow(round, out);
    }
  }

  /** A verified QC: raises the high QC and the round (current epoch), or proves finality. */
  private void processQc(QuorumCert qc, List<Action> out) {
    if (qc.round() == 0) {
      return;
    }
    certified.putIfAbsent(qc.blockId(), qc);
    if (qc.epoch() == epoch) {
      if (qc.round() > highQc.round()) {
        highQc = qc;
      }
      advanceRound(qc.round() + 1, false, out);
      // Last: a commit may end the epoch, after which this QC's round means nothing here.
      if (tree.contains(qc.blockId())) {
        onCertified(qc.blockId(), out);
      } else {
        fetch(qc.blockId(), peerFrom(qc.signers().indices(), qc.round()), out);
      }
    } else if (qc.epoch() == epoch + 1) {
      // The next epoch has begun elsewhere: its blocks prove this epoch's end final.
      if (tree.contains(qc.blockId())) {
        onCertified(qc.blockId(), out);
      } else if (!parkedIds.contains(qc.blockId())) {
        fetch(qc.blockId(), peerFrom(List.of(), qc.round()), out);
      }
    }
  }

  private void processTc(TimeoutCert tc, List<Action> out) {
    if (tc.epoch() != epoch) {
      return;
    }
    if (highTc.map(t -> t.round() < tc.round()).orElse(true)) {
      highTc = Optional.of(tc);
    }
    advanceRound(tc.round() + 1, true, out);
  }

  // ---------------------------------------------------------------- proposing

  private void tryPropose(List<Action> out) {
    if (!canSign()
        || pendingPayload.isPresent()
        || safety.highestProposedRound() >= currentRound
        || hasLiveCandidate(currentRound)) {
      return;
    }
    Optional<BlockTree.Entry> parentEntry = tree.get(highQc.blockId());
    if (parentEntry.isEmpty() || currentSlot <= parentEntry.get().slot()) {
      return;
    }
    BlockTree.Entry parent = parentEntry.get();
    Optional<Validator> mine = set.get(me.getAsInt());
    if (mine.isEmpty()) {
      return;
    }
    Optional<OpCert> cert = signer.get().opCert(params.kesPeriodOf(currentSlot));
    if (cert.isEmpty()) {
      return; // no hot key covers this period: the operator must rotate (the node warns)
    }
    H256 eta = tree.etaFor(parent, currentSlot);
    VrfOutput vrf = signer.get().vrfProve(Leadership.vrfInput(eta, currentSlot));
    if (Leadership.rank(set, mine.get(), eta, currentSlot, vrf.output(), params).isEmpty()) {
      return;
    }
    boolean suffix = parent.epoch() == epoch && (parent.boundary() || tree.isSuffix(parent));
    PayloadRequest req =
        new PayloadRequest(
            epoch,
            currentSlot,
            currentRound,
            me.getAsInt(),
            parent.block(),
            highQc,
            vrf.proof(),
            suffix);
    pendingPayload = Optional.of(req);
    pendingCert = cert;
    out.add(new Action.RequestPayload(req));
  }

  /** A proposal for {@code round} that could still be certified (not by a convicted proposer). */
  private boolean hasLiveCandidate(long round) {
    return candidates.getOrDefault(round, List.of()).stream().anyMatch(this::live);
  }

  /** Not by a proposer proven Byzantine (by cold key), and not known to fail execution. */
  private boolean live(Candidate c) {
    return !equivocations.isConvicted(c.proposerKey()) && !tree.isInvalid(c.id());
  }

  private void onPayload(Event.PayloadReady p, List<Action> out) {
    PayloadRequest req = p.request();
    if (pendingPayload.isEmpty()
        || !pendingPayload.get().equals(req)
        || !canSign()
        || req.epoch() != epoch
        || req.round() != currentRound
        || safety.highestProposedRound() >= req.round()
        || !req.parentQc().equals(highQc)
        || pendingCert.isEmpty()
        || (req.empty() && !p.txs().isEmpty())) {
      return;
    }
    pendingPayload = Optional.empty();
    OpCert cert = pendingCert.get();
    pendingCert = Optional.empty();
    Optional<TimeoutCert> tc =
        highQc.round() + 1 == req.round()
            ? Optional.empty()
            : highTc.filter(t -> t.round() + 1 == req.round());
    Header parent = req.parent().header();
    int kesPeriod = params.kesPeriodOf(req.slot());
    Header h =
        new Header(
            epoch,
            parent.height() + 1,
            req.slot(),
            req.round(),
            req.parent().id(),
            me.getAsInt(),
            req.vrfProof(),
            kesPeriod,
            cert,
            p.txRoot(),
            p.stateRoot(),
            p.receiptsRoot(),
            p.shredRoot(),
            req.parentQc(),
            tc);
    Bytes sig = signer.get().signProposal(cert, kesPeriod, Block.signingBytes(h.id()));
    Block block = new Block(h, p.txs(), sig);
    safety = SafetyRules.afterPropose(safety, req.round()).withResume(resumePoint());
    out.add(new Action.PersistSafety(safety));
    out.add(new Action.BroadcastProposal(block));
    onProposal(block, out);
    tree.markExecuted(block.id());
    tryVote(out);
  }

  // ---------------------------------------------------------------- receiving proposals

  private void onProposal(Block block, List<Action> out) {
    Deque<Block> work = new ArrayDeque<>();
    work.add(block);
    while (!work.isEmpty()) {
      Block b = work.poll();
      if (acceptProposal(b, out)) {
        List<Block> waiting = orphans.remove(b.id());
        if (waiting != null) {
          work.addAll(waiting);
        }
        fetcher.arrived(b.id());
      }
    }
    tryCommit(out);
  }

  /** Validates and stores one block; true when it entered the tree. */
  private boolean acceptProposal(Block block, List<Action> out) {
    Header h = block.header();
    H256 id = block.id();
    if (tree.contains(id)) {
      return false;
    }
    // u64 fields at or above 2^63 read as negative longs: as malformed as zero.
    if (h.round() <= 0 || h.height() <= 0 || h.slot() <= 0) {
      return reject(
          new ConsensusError.MalformedProposal("round, height and slot must be > 0"), out);
    }
    // Before anything derives from the slot (epoch, KES period): a slot far ahead is refused
    // outright, whoever claims to have signed it.
    if (h.slot() > params.slotAt(now) + 1) {
      return reject(new ConsensusError.MalformedProposal("slot is in the future"), out);
    }
    if (h.height() <= committedHeight || h.epoch() < epoch) {
      // At or below what this node has committed and not in its tree (an old block, met again
      // while catching up, or below a checkpoint it resumed from, or a dead fork), or a block of
      // an epoch that has ended here. Never fetch its ancestors: that would walk back to genesis.
      return false;
    }
    Optional<ValidatorSet> known = setFor(h.epoch());
    if (known.isEmpty()) {
      // Its epoch's set is not known from final state yet: wait, never guess. A node that is
      // epochs behind learns the sets by committing the chain up to here, so it asks for the
      // parent (the block is not verified yet; the fetcher bounds what that can cost).
      park(block);
      if (!tree.contains(h.parent()) && !parkedIds.contains(h.parent())) {
        fetch(h.parent(), peerFrom(List.of(), h.round()), out);
      }
      certifyFromParked(h, out);
      return false;
    }
    ValidatorSet blockSet = known.get();
    Optional<Validator> proposer = blockSet.get(h.proposer());
    if (proposer.isEmpty()) {
      return reject(new ConsensusError.UnknownValidator(h.proposer()), out);
    }
    if (h.kesPeriod() != params.kesPeriodOf(h.slot())) {
      return reject(new ConsensusError.MalformedProposal("KES period does not match slot"), out);
    }
    OpCert cert = h.opCert();
    if (h.kesPeriod() < cert.startPeriod()
        || (long) h.kesPeriod() - cert.startPeriod() >= ConsensusParams.KES_EVOLUTIONS) {
      return reject(
          new ConsensusError.MalformedProposal("KES period outside its operational certificate"),
          out);
    }
    if (!crypto.verifyProposal(
        proposer.get(), cert, h.kesPeriod(), Block.signingBytes(id), block.proposerSignature())) {
      return reject(new ConsensusError.BadSignature("proposal"), out);
    }
    remindOfConviction(proposer.get().coldKey(), out);
    QuorumCert qc = h.parentQc();
    if (!h.parent().equals(qc.blockId()) || h.round() <= qc.round()) {
      return reject(new ConsensusError.MalformedProposal("parent QC does not match parent"), out);
    }
    if (qc.epoch() != h.epoch() && qc.epoch() + 1 != h.epoch()) {
      return reject(new ConsensusError.WrongEpoch("parent QC of epoch " + qc.epoch()), out);
    }
    if (h.timeoutCert().isPresent()) {
      TimeoutCert tc = h.timeoutCert().get();
      if (tc.epoch() != h.epoch()) {
        return reject(new ConsensusError.WrongEpoch("proposal TC of epoch " + tc.epoch()), out);
      }
      if (tc.round() + 1 != h.round()) {
        return reject(new ConsensusError.MalformedProposal("TC is not of the previous round"), out);
      }
    }
    if (!rules.justified(h.round(), qc.round(), h.timeoutCert())) {
      return reject(
          new ConsensusError.MalformedProposal("round not justified by its QC and TC"), out);
    }
    if (h.timeoutCert().isPresent() && !certs.verify(h.timeoutCert().get(), blockSet)) {
      return reject(new ConsensusError.BadCertificate("proposal TC"), out);
    }
    Optional<ValidatorSet> qcSet = setFor(qc.epoch());
    if (qcSet.isEmpty()) {
      park(block);
      return false;
    }
    if (!certs.verify(qc, qcSet.get())) {
      return reject(new ConsensusError.BadCertificate("proposal QC"), out);
    }
    // Only now, with its certificates checked, is the proposal's round bounded by rounds that
    // really happened: recording it earlier let a proposer fill memory with far-future rounds.
    if (h.epoch() == epoch) {
      checkDoubleProposal(block, out);
    }
    processQc(qc, out);
    if (h.epoch() < epoch) {
      return false; // its QC finalized the end of its epoch: the block itself is of no use now
    }
    if (h.epoch() == epoch) {
      h.timeoutCert().ifPresent(tc -> processTc(tc, out));
    }

    Optional<BlockTree.Entry> parent = tree.get(h.parent());
    if (parent.isEmpty()) {
      if (orphans.size() < MAX_ORPHANS) {
        orphans.computeIfAbsent(h.parent(), p -> new ArrayList<>()).add(block);
      }
      fetch(h.parent(), h.epoch() == epoch ? h.proposer() : peerFrom(List.of(), h.round()), out);
      return false;
    }
    BlockTree.Entry p = parent.get();
    if (h.height() != p.height() + 1 || h.slot() <= p.slot()) {
      return reject(
          new ConsensusError.MalformedProposal("height or slot does not follow parent"), out);
    }
    boolean opening = h.epoch() == p.epoch() + 1;
    if (qc.epoch() != p.epoch() || !(h.epoch() == p.epoch() || (opening && p.boundary()))) {
      return reject(
          new ConsensusError.WrongEpoch(
              "epoch " + h.epoch() + " cannot follow a block of epoch " + p.epoch()),
          out);
    }
    if (opening && h.epoch() == epoch && !epochRoot.map(p.block().id()::equals).orElse(false)) {
      // This epoch started from another block; an opening block on any other is not ours.
      return false;
    }
    if (!opening && (p.boundary() || tree.isSuffix(p)) && !block.txs().isEmpty()) {
      return reject(
          new ConsensusError.MalformedProposal(
              "a block after its epoch's end carries transactions"),
          out);
    }
    H256 eta = tree.etaFor(p, h.slot());
    Optional<Bytes> beta =
        crypto.vrfVerify(proposer.get(), Leadership.vrfInput(eta, h.slot()), h.vrfProof());
    if (beta.isEmpty()) {
      return reject(new ConsensusError.BadSignature("VRF proof"), out);
    }
    Optional<BigInteger> rank =
        Leadership.rank(blockSet, proposer.get(), eta, h.slot(), beta.get(), params);
    if (rank.isEmpty()) {
      return reject(new ConsensusError.NotLeader(h.proposer(), h.slot()), out);
    }
    Bytes coldKey = proposer.get().coldKey();
    Optional<Long> used = tree.highestCounter(p, coldKey);
    if (used.isPresent() && cert.counter() < used.get()) {
      return reject(new ConsensusError.StaleOpCert(h.proposer(), cert.counter(), used.get()), out);
    }
    BlockTree.Entry entry = tree.child(p, block, eta, beta.get(), rank.get(), coldKey);
    tree.put(entry);
    boolean own = h.epoch() == epoch && me.isPresent() && me.getAsInt() == h.proposer();
    if (!own) {
      out.add(new Action.ExecuteBlock(block));
    }
    if (h.epoch() == epoch) {
      // A proposal competes for our vote only if it arrived by the end of the slot after its own.
      // Voters prefer the earliest slot; without this bound, a leader could hold back a proposal
      // for any slot it won since the parent — after a timeout there are many — and send it late
      // to half of the validators, who would all prefer it: votes split, the round times out, and
      // the next round offers even more old slots. Honest proposals are sent when their slot
      // starts. "Arrived" is measured on our own slot timers, not the wall clock, so a validator
      // whose event processing runs late (an overloaded machine) does not refuse everything.
      boolean timely = currentSlot <= h.slot() + 1;
      if (timely) {
        addCandidate(entry, out);
      }
    }
    if (certified.containsKey(id)) {
      onCertified(id, out);
    }
    return true;
  }

  /**
   * Uses the parent QC of a block parked for its epoch's unknown set, when that QC can be checked
   * under its own epoch's set. It may be the only proof that the block which records the parked
   * block's set is final: after a late start or an outage, epochs shrink to their boundary block
   * alone, and the QC of epoch {@code e+1} that finalizes {@code K(e)} (rule 4 of ADR 0025) is
   * carried by the first block of {@code e+2}, whose set {@code K(e)} records. Waiting for that set
   * before reading the QC would wait forever. The QC is verified on its own (a quorum of its epoch
   * signed it), so using it before the block is checked trusts nothing the block says; each
   * certified block's QC is verified once.
   */
  private void certifyFromParked(Header h, List<Action> out) {
    QuorumCert qc = h.parentQc();
    if (qc.round() == 0
        || !qc.blockId().equals(h.parent())
        || (qc.epoch() != epoch && qc.epoch() != epoch + 1)
        || certified.containsKey(qc.blockId())) {
      return;
    }
    Optional<ValidatorSet> qcSet = setFor(qc.epoch());
    if (qcSet.isEmpty()) {
      return;
    }
    if (!certs.verify(qc, qcSet.get())) {
      reject(new ConsensusError.BadCertificate("parent QC of a parked block"), out);
      return;
    }
    processQc(qc, out);
  }

  /**
   * Makes a block of the current epoch a candidate for our vote in its round. The caller applies
   * the timely-proposal rule (docs/adr/0016); blocks of this epoch accepted while the node was
   * still finishing the previous one count as having arrived in time.
   */
  private void addCandidate(BlockTree.Entry e, List<Action> out) {
    Header h = e.block().header();
    if (h.round() < currentRound) {
      return;
    }
    candidates
        .computeIfAbsent(h.round(), r -> new ArrayList<>())
        .add(
            new Candidate(
                e.block().id(), h.slot(), e.rank(), h.proposer(), coldKeyOf(set, h.proposer())));
    if (h.round() == currentRound) {
      openVoteWindow(h.round(), out);
    }
  }

  /** What a header says about its proposer's right to the slot, as far as this node can tell. */
  public enum Eligibility {
    /** The proposer's VRF proof wins the slot (lottery or fallback) under the parent's nonce. */
    ELIGIBLE,
    /** Unknown proposer, invalid VRF proof, or a proof that does not win the slot. */
    NOT_ELIGIBLE,
    /** The parent or the validator set of the header's epoch is not known here yet. */
    UNKNOWN
  }

  /**
   * Checks a header's leader eligibility without accepting it: the same VRF and rank rule {@link
   * Event.ProposalReceived} applies, under the validator set of the header's consensus epoch, so a
   * node can refuse to wait for (and forward) a body whose header could never be accepted. Does not
   * change consensus state.
   */
  public Eligibility eligibility(Header h) {
    Optional<ValidatorSet> known = setFor(h.epoch());
    if (known.isEmpty()) {
      return Eligibility.UNKNOWN;
    }
    ValidatorSet blockSet = known.get();
    Optional<Validator> proposer = blockSet.get(h.proposer());
    if (proposer.isEmpty()) {
      return Eligibility.NOT_ELIGIBLE;
    }
    Optional<BlockTree.Entry> parent = tree.get(h.parent());
    if (parent.isEmpty()) {
      return Eligibility.UNKNOWN;
    }
    H256 eta = tree.etaFor(parent.get(), h.slot());
    Optional<Bytes> beta =
        crypto.vrfVerify(proposer.get(), Leadership.vrfInput(eta, h.slot()), h.vrfProof());
    if (beta.isEmpty()) {
      return Eligibility.NOT_ELIGIBLE;
    }
    return Leadership.rank(blockSet, proposer.get(), eta, h.slot(), beta.get(), params).isPresent()
        ? Eligibility.ELIGIBLE
        : Eligibility.NOT_ELIGIBLE;
  }

  private boolean reject(ConsensusError e, List<Action> out) {
    out.add(new Action.Rejected(e));
    return false;
  }

  private void checkDoubleProposal(Block block, List<Action> out) {
    equivocations.onProposal(block, currentRound).ifPresent(e -> report(e, out));
  }

  /** Evidence gossiped by a peer: once it verifies, the offender's proposals get no vote. */
  private void onEvidence(Evidence e, List<Action> out) {
    Optional<ValidatorSet> s = setFor(e.epoch());
    if (s.isEmpty()) {
      return;
    }
    Bytes offender = coldKeyOf(s.get(), e.offender());
    if (equivocations.isConvicted(offender)) {
      return;
    }
    if (!e.verify(s.get(), crypto, params)) {
      reject(new ConsensusError.BadSignature("evidence"), out);
      return;
    }
    equivocations.convict(e, offender);
  }

  /**
   * A convicted proposer still proposing: gossip the proof against it again, at most once a round.
   * Validators must agree on who is convicted — those that are not sure keep voting for its blocks
   * while the others do not, which splits the votes — and evidence gossiped once can have been lost
   * before GST; the offender's own proposals are what bring it back.
   */
  private void remindOfConviction(Bytes proposerColdKey, List<Action> out) {
    if (!equivocations.isConvicted(proposerColdKey)
        || proofResent.getOrDefault(proposerColdKey, -1L) >= currentRound) {
      return;
    }
    proofResent.put(proposerColdKey, currentRound);
    equivocations.proof(proposerColdKey).ifPresent(e -> out.add(new Action.EvidenceFound(e)));
  }

  private void report(Evidence e, List<Action> out) {
    Optional<ValidatorSet> s = setFor(e.epoch());
    if (s.isPresent() && equivocations.convict(e, coldKeyOf(s.get(), e.offender()))) {
      out.add(new Action.EvidenceFound(e));
    }
  }

  /** A validator from {@code candidates} other than ourselves, varied by {@code salt}. */
  private int peerFrom(List<Integer> candidates, long salt) {
    int mine = me.orElse(-1);
    List<Integer> others = candidates.stream().filter(i -> i != mine).toList();
    if (others.isEmpty()) {
      int n = set.size();
      int pick = (int) Math.floorMod(salt, (long) n);
      return pick == mine && n > 1 ? (pick + 1) % n : pick;
    }
    return others.get((int) Math.floorMod(salt, (long) others.size()));
  }

  private void fetch(H256 id, int from, List<Action> out) {
    fetcher.request(id, from, now).ifPresent(out::add);
  }

  /** Re-sends block requests still open after a slot, to another peer each time. */
  private void retryFetches(List<Action> out) {
    out.addAll(fetcher.retry(now, params.slotMs(), set.size(), me.orElse(-1)));
  }

  // ---------------------------------------------------------------- execution and voting

  private void onExecuted(Event.BlockExecuted x, List<Action> out) {
    Optional<BlockTree.Entry> e = tree.get(x.blockId());
    if (e.isEmpty() || tree.isExecuted(x.blockId())) {
      return;
    }
    Header h = e.get().block().header();
    if (!h.stateRoot().equals(x.stateRoot()) || !h.receiptsRoot().equals(x.receiptsRoot())) {
      onInvalid(x.blockId(), out);
      return;
    }
    tree.markExecuted(x.blockId());
    tryVote(out);
  }

  private void onInvalid(H256 id, List<Action> out) {
    if (tree.contains(id) && !tree.isInvalid(id)) {
      tree.markInvalid(id);
      out.add(new Action.Rejected(new ConsensusError.ExecutionMismatch(id.toHex())));
    }
  }

  /**
   * Votes of a round wait until {@code voteWindowMs} after the start of the slot of its first live
   * proposal, so that every proposal of that slot (sent at slot start) has arrived and all honest
   * validators pick the same best-ranked one. A convicted proposer's proposals open no window:
   * otherwise one that proposes early in every round would close each window before the honest
   * proposals come, and each validator would vote for whichever of those reached it first.
   */
  private void openVoteWindow(long round, List<Action> out) {
    if (windowOpenRound < round) {
      java.util.OptionalLong firstSlot =
          candidates.get(round).stream().filter(this::live).mapToLong(Candidate::slot).min();
      if (firstSlot.isEmpty()) {
        return;
      }
      windowOpenRound = round;
      long at = Math.max(now, params.slotStart(firstSlot.getAsLong()) + params.voteWindowMs());
      out.add(new Action.SetTimer(new Timer.VoteWindow(epoch, round), at));
    }
  }

  /** Once the round's vote window closed: vote for the best-ranked executed, safe proposal. */
  private void tryVote(List<Action> out) {
    long round = currentRound;
    if (!canSign() || windowClosedRound != round || !candidates.containsKey(round)) {
      return;
    }
    List<Header> ranked =
        candidates.get(round).stream()
            .filter(c -> !myVotes.contains(c.id()))
            .filter(c -> !tree.isInvalid(c.id()))
            .filter(c -> !equivocations.isConvicted(c.proposerKey()))
            .sorted(
                Comparator.comparingLong(Candidate::slot)
                    .thenComparing(Candidate::rank)
                    .thenComparingInt(Candidate::proposer))
            .map(c -> tree.get(c.id()).orElseThrow().block().header())
            .filter(h -> rules.safeToVote(safety, h.round(), h.parentQc().round(), h.timeoutCert()))
            .toList();
    if (ranked.isEmpty()) {
      return;
    }
    // Everyone should vote for the same, best-ranked proposal. If it has not finished executing
    // here yet (a big block on a busy validator), wait for it up to one more window rather than
    // vote for a worse one this node happens to have executed — typically its own, which splits
    // the votes when several validators led the slot. onExecuted retries; the deadline timer
    // falls back to the best executed one.
    long deadline = windowClosedAt + params.voteWindowMs();
    if (!tree.isExecuted(ranked.getFirst().id()) && now < deadline) {
      if (deadlineSetRound < round) {
        deadlineSetRound = round;
        out.add(new Action.SetTimer(new Timer.VoteDeadline(epoch, round), deadline));
      }
      return;
    }
    // The best executed one. The rules allow one vote per round, so the loop stops after it
    // (only a deliberately broken rule, in tests, gets further).
    long votingEpoch = epoch;
    for (Header h : ranked) {
      if (currentRound != round
          || epoch != votingEpoch
          || !canSign()
          || !tree.isExecuted(h.id())
          || !rules.safeToVote(safety, h.round(), h.parentQc().round(), h.timeoutCert())) {
        continue;
      }
      LocalSigner s = signer.get();
      Vote vote =
          new Vote(
              epoch,
              round,
              h.id(),
              me.getAsInt(),
              s.signVote(Vote.signingBytes(epoch, round, h.id())));
      safety = SafetyRules.afterVote(safety, round, h.parentQc().round()).withResume(resumePoint());
      myVotes.add(h.id());
      out.add(new Action.PersistSafety(safety));
      out.add(new Action.BroadcastVote(vote));
      countVote(vote, out);
    }
  }

  private void onVote(Vote vote, List<Action> out) {
    if (vote.epoch() != epoch || pendingSwitch.isPresent()) {
      if (vote.epoch() > epoch && vote.epoch() <= epoch + 1) {
        keepEarly(vote); // this node has not finished the previous epoch yet
      }
      helpLagging(vote.epoch(), out);
      return;
    }
    Optional<Validator> voter = set.get(vote.voter());
    if (voter.isEmpty()) {
      reject(new ConsensusError.UnknownValidator(vote.voter()), out);
      return;
    }
    // Votes of rounds long past are useless; votes far ahead come from nobody honest (a validator
    // that far ahead of us shows it in the QCs its proposals and timeouts carry), and keeping
    // them would let one validator fill our memory with rounds that never come.
    if (vote.round() + 2 < currentRound
        || vote.round() > currentRound + VOTE_HORIZON
        || votes.seen(vote)) {
      return;
    }
    if (!crypto.verifyVote(
        voter.get(),
        Vote.signingBytes(vote.epoch(), vote.round(), vote.blockId()),
        vote.signature())) {
      reject(new ConsensusError.BadSignature("vote"), out);
      return;
    }
    countVote(vote, out);
  }

  private void countVote(Vote vote, List<Action> out) {
    switch (votes.add(vote, set)) {
      case VoteCollector.Outcome.Duplicate d -> {}
      case VoteCollector.Outcome.Equivocation e ->
          report(Evidence.DoubleVote.of(e.first(), vote), out);
      case VoteCollector.Outcome.Counted c -> {
        if (c.quorum().isPresent()) {
          processQc(certs.qc(c.quorum().get()), out);
          tryCommit(out);
        } else if (!tree.contains(vote.blockId())
            && set.exceedsOneThird(votes.weight(vote.round(), vote.blockId()))) {
          // An honest validator voted for a block we never saw: fetch it. This is how a
          // proposer that sent different blocks to different validators gets caught.
          fetch(vote.blockId(), vote.voter(), out);
        }
      }
    }
  }

  // ---------------------------------------------------------------- timeouts

  private void localTimeout(List<Action> out) {
    if (!canSign()) {
      return;
    }
    if (myTimeout.isPresent()) {
      // Links may have dropped it before GST: send it again until the round moves on.
      out.add(new Action.BroadcastTimeout(myTimeout.get()));
      return;
    }
    long round = currentRound;
    Optional<TimeoutCert> lastTc = highTc.filter(t -> t.round() + 1 == round);
    if (!rules.safeToTimeout(safety, round, highQc.round(), lastTc)) {
      return;
    }
    LocalSigner s = signer.get();
    // The TC that let us into this round travels with the timeout, so a validator that missed it
    // (lost before GST, say) catches up from any of our timeouts instead of waiting forever.
    Timeout t =
        new Timeout(
            epoch,
            round,
            highQc,
            highQc.round() + 1 == round ? Optional.empty() : lastTc,
            me.getAsInt(),
            s.signVote(Timeout.signingBytes(epoch, round, highQc.round())));
    safety = SafetyRules.afterTimeout(safety, round).withResume(resumePoint());
    myTimeout = Optional.of(t);
    out.add(new Action.PersistSafety(safety));
    out.add(new Action.BroadcastTimeout(t));
    countTimeout(t, out);
  }

  private void onTimeout(Timeout t, List<Action> out) {
    if (t.epoch() != epoch || pendingSwitch.isPresent()) {
      if (t.epoch() > epoch && t.epoch() <= epoch + 1) {
        keepEarly(t);
        if (pendingSwitch.isEmpty()) {
          witnessNextEpoch(t, out);
        }
      }
      helpLagging(t.epoch(), out);
      return;
    }
    Optional<Validator> voter = set.get(t.voter());
    if (voter.isEmpty()) {
      reject(new ConsensusError.UnknownValidator(t.voter()), out);
      return;
    }
    if (timeouts.seen(t)) {
      return;
    }
    if (t.highQc().round() >= t.round()) {
      reject(new ConsensusError.MalformedTimeout("its QC is not below its round"), out);
      return;
    }
    // An honest validator times out of round r only with the QC of r-1 or the TC of r-1 (the
    // timeout rule), and says which: a timeout justified by neither is refused, so nobody can
    // fill our memory with timeouts for rounds that never began.
    if (t.highQc().round() + 1 != t.round()
        && t.lastTc()
            .map(tc -> tc.epoch() != t.epoch() || tc.round() + 1 != t.round())
            .orElse(true)) {
      reject(new ConsensusError.MalformedTimeout("round not justified by its QC or TC"), out);
      return;
    }
    QuorumCert qc = t.highQc();
    boolean rootQc = qc.epoch() + 1 == epoch && epochRoot.map(qc.blockId()::equals).orElse(false);
    if (qc.epoch() != epoch && !rootQc) {
      // A QC of an earlier epoch other than the one this epoch started from: it says nothing here.
      if (epochRoot.isPresent() || qc.epoch() + 1 != epoch) {
        reject(new ConsensusError.WrongEpoch("timeout carries a QC of epoch " + qc.epoch()), out);
      }
      return;
    }
    if (!crypto.verifyVote(
        voter.get(), Timeout.signingBytes(t.epoch(), t.round(), qc.round()), t.signature())) {
      reject(new ConsensusError.BadSignature("timeout"), out);
      return;
    }
    Optional<ValidatorSet> qcSet = setFor(qc.epoch());
    if (qcSet.isEmpty() || !certs.verify(qc, qcSet.get())) {
      reject(new ConsensusError.BadCertificate("timeout QC"), out);
      return;
    }
    if (t.lastTc().isPresent() && !certs.verify(t.lastTc().get(), set)) {
      reject(new ConsensusError.BadCertificate("timeout TC"), out);
      return;
    }
    processQc(qc, out);
    if (t.epoch() == epoch) {
      t.lastTc().ifPresent(tc -> processTc(tc, out));
    }
    tryCommit(out);
    if (t.epoch() != epoch || t.round() < currentRound) {
      return;
    }
    countTimeout(t, out);
  }

  /**
   * A timeout of the next epoch, while this node is still in the current one. Honest validators
   * sign in epoch {@code e+1} only after committing the block that ended epoch {@code e}, so
   * next-epoch timeouts whose signers hold more than a third of the next set's stake — at least one
   * of them honest — prove that block final, as a next-epoch QC does (ADR 0025 rule 4). Without
   * this a validator that missed the one QC proving the boundary (it formed at others only) waited
   * for a next-epoch QC, which the next epoch could not form without its vote: both stalled for
   * good (simulator, {@code fork-vote} seed 76040). Those timeouts carry the QC their signers
   * entered the next epoch on — the boundary's own — so they also name the block; a next-epoch QC
   * in them is used as rule 4 uses it.
   */
  private void witnessNextEpoch(Timeout t, List<Action> out) {
    Optional<ValidatorSet> next = setFor(epoch + 1);
    QuorumCert qc = t.highQc();
    if (next.isEmpty() || next.get().get(t.voter()).isEmpty()) {
      return;
    }
    if (qc.epoch() == epoch + 1) {
      if (!certified.containsKey(qc.blockId()) && certs.verify(qc, next.get())) {
        processQc(qc, out);
        tryCommit(out);
      }
      return;
    }
    if (qc.epoch() != epoch || qc.round() == 0 || committedId.equals(qc.blockId())) {
      return;
    }
    Optional<BlockTree.Entry> boundary = tree.get(qc.blockId());
    if (boundary.isPresent() && !boundary.get().boundary()) {
      return; // not the end of this epoch: nothing to witness
    }
    Set<Integer> known = nextEpochWitnesses.getOrDefault(qc.blockId(), Set.of());
    if (known.contains(t.voter())
        || !crypto.verifyVote(
            next.get().get(t.voter()).orElseThrow(),
            Timeout.signingBytes(t.epoch(), t.round(), qc.round()),
            t.signature())
        || !certs.verify(qc, set)) {
      return;
    }
    Set<Integer> signers = nextEpochWitnesses.computeIfAbsent(qc.blockId(), k -> new TreeSet<>());
    signers.add(t.voter());
    if (!next.get().exceedsOneThird(next.get().weight(List.copyOf(signers)))) {
      return;
    }
    nextEpochWitnesses.clear();
    if (boundary.isEmpty()) {
      fetch(qc.blockId(), t.voter(), out);
      return;
    }
    processQc(qc, out);
    target(qc.blockId(), boundary.get().height(), t.voter());
    tryCommit(out);
  }

  private void countTimeout(Timeout t, List<Action> out) {
    TimeoutCollector.Outcome o = timeouts.add(t, set);
    if (o.quorum().isPresent()) {
      processTc(certs.tc(o.quorum().get()), out);
    } else if (o.overOneThird() && t.round() == currentRound && myTimeout.isEmpty()) {
      // More than a third gave up on this round, so it cannot certify without us: join them.
      localTimeout(out);
    }
  }

  // ---------------------------------------------------------------- finality

  /**
   * A block became certified. 2-chain rule ({@link Rules#finalityDepth}): if its QC'd parent is
   * from the previous round of the same epoch, the parent is final. A certified block of the next
   * epoch also proves final the block that ended this one (honest validators of the next epoch vote
   * only after committing it).
   */
  private void onCertified(H256 id, List<Action> out) {
    BlockTree.Entry e = tree.get(id).orElseThrow();
    Header h = e.block().header();
    if (h.epoch() == epoch + 1) {
      BlockTree.Entry cursor = e;
      while (cursor.epoch() > epoch) {
        Optional<BlockTree.Entry> up = tree.get(cursor.block().header().parent());
        if (up.isEmpty()) {
          break;
        }
        cursor = up.get();
      }
      if (cursor.epoch() == epoch && cursor.boundary()) {
        target(cursor.block().id(), cursor.height(), h.proposer());
      }
    }
    int depth = rules.finalityDepth(h);
    if (h.epoch() >= epoch && depth >= 0 && h.parentQc().epoch() == h.epoch()) {
      target(depth == 0 ? id : h.parent(), h.height() - depth, h.proposer());
    }
    tryCommit(out);
  }

  private void target(H256 id, long height, int from) {
    boolean higher =
        finalTarget
            .flatMap(tree::get)
            .map(f -> height > f.height())
            .orElse(height > committedHeight);
    Optional<BlockTree.Entry> known = tree.get(id);
    if (higher && (known.isEmpty() || known.get().height() == height)) {
      finalTarget = Optional.of(id);
      finalFrom = from;
    }
  }

  private void tryCommit(List<Action> out) {
    if (committing) {
      return; // called back while entering an epoch: the outer call goes round again
    }
    committing = true;
    try {
      while (commitOnce(out)) {
        // entered a new epoch: what was learned while entering may finalize more
      }
    } finally {
      committing = false;
    }
    tree.pruneBelow(committedHeight - RETAINED_HEIGHTS);
    // QCs of rounds well below the last final block can no longer finalize anything new.
    certified
        .values()
        .removeIf(
            q ->
                q.epoch() + 1 < epoch
                    || (q.epoch() == epoch && q.round() + Equivocations.WINDOW < committedRound));
  }

  /** Commits towards the final target; true when it entered a new epoch on the way. */
  private boolean commitOnce(List<Action> out) {
    if (finalTarget.isEmpty() || finalTarget.get().equals(committedId)) {
      finalTarget = Optional.empty();
      return false;
    }
    if (pendingSwitch.isPresent()) {
      return false; // waiting for the next epoch's set; the rest commits once we are in it
    }
    List<BlockTree.Entry> chain = new ArrayList<>();
    H256 cursor = finalTarget.get();
    while (!cursor.equals(committedId)) {
      Optional<BlockTree.Entry> e = tree.get(cursor);
      if (e.isEmpty()) {
        fetch(cursor, finalFrom, out);
        return false;
      }
      if (e.get().height() <= committedHeight) {
        throw new IllegalStateException(
            "finalized chain conflicts with committed block at height " + committedHeight);
      }
      chain.add(e.get());
      cursor = e.get().block().header().parent();
    }
    CertCounters counters = tree.get(committedId).flatMap(BlockTree.Entry::counters).orElseThrow();
    for (BlockTree.Entry e : chain.reversed()) {
      if (e.epoch() != epoch) {
        // A block after the end of an epoch that has ended: never committed (the next epoch
        // builds on the end block instead).
        finalTarget = Optional.empty();
        return false;
      }
      counters = counters.with(e.proposerKey(), e.block().header().opCert().counter());
      BlockTree.Entry done = e.withCounters(counters);
      tree.put(done);
      out.add(new Action.CommitBlock(e.block()));
      Header h = e.block().header();
      participation.onCommit(e.block(), set, setFor(h.parentQc().epoch()).orElse(set));
      committedId = e.block().id();
      committedHeight = e.height();
      committedRound = e.round();
      if (e.boundary()) {
        // The block ends this epoch: the next starts on top of it (or waits for its set).
        return enterEpoch(epoch + 1, done, out);
      }
    }
    return false;
  }
}
