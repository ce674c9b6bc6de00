package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
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
import java.util.TreeMap;

/**
 * One node's consensus: VRF-lottery leaders and HotStuff 2-chain (Jolteon / DiemBFT v4) finality as
 * a pure, single-threaded state machine. {@link #onEvent} takes an event and returns the actions to
 * perform, in order; it reads no clock, opens no socket and starts no thread. The protocol is
 * specified in docs/CONSENSUS.md.
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

  /** A proposal of the current round; earlier slot first, then lower lottery value. */
  private record Candidate(H256 id, long slot, BigInteger rank, int proposer) {}

  private final ConsensusConfig config;
  private final Rules rules;
  private final ConsensusParams params;
  private final ConsensusCrypto crypto;
  private final Optional<LocalSigner> signer;
  private final BlockTree tree;
  private final Certificates certs;
  private final VoteCollector votes = new VoteCollector();
  private final TimeoutCollector timeouts = new TimeoutCollector();
  private final ParticipationTracker participation = new ParticipationTracker();

  private final Equivocations equivocations = new Equivocations();

  /** Per convicted validator, the round in which we last gossiped the proof again. */
  private final Map<Integer, Long> proofResent = new HashMap<>();

  private final Fetcher fetcher = new Fetcher();

  private final TreeMap<Long, List<Candidate>> candidates = new TreeMap<>();
  private final Map<H256, QuorumCert> certified = new HashMap<>();
  private final Map<H256, List<Block>> orphans = new LinkedHashMap<>();

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
  private Optional<Timeout> myTimeout = Optional.empty();
  private H256 committedId;
  private long committedHeight;
  private long committedRound;
  private Optional<H256> finalTarget = Optional.empty();
  private int finalFrom;
  private long now;

  /**
   * @param signer the local validator's keys, or empty for a non-voting full node
   * @param persisted the safety state last persisted ({@link SafetyState#INITIAL} on first start)
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
   * A committed block still in the tree, with what a node needs to resume from it: the QC on it and
   * its epoch nonces. Empty for blocks not committed, pruned, or whose QC this node never saw.
   */
  public Optional<Checkpoint> checkpointOf(H256 id) {
    Optional<BlockTree.Entry> e = tree.get(id);
    if (e.isEmpty() || e.get().height() > committedHeight) {
      return Optional.empty();
    }
    // Any child's parent QC certifies the block too (certified may have pruned an old round's QC).
    Optional<QuorumCert> qc =
        Optional.ofNullable(certified.get(id))
            .or(() -> tree.anyChild(id).map(c -> c.block().header().parentQc()));
    return qc.map(q -> new Checkpoint(e.get().block(), q, e.get().eta(), e.get().rho()));
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

  /** Participation counted from this node's finalized chain. */
  public Optional<Participation> participation(long epoch) {
    return participation.of(epoch);
  }

  // ---------------------------------------------------------------- start and timers

  private void onStart(List<Action> out) {
    currentSlot = params.slotAt(now);
    out.add(
        new Action.SetTimer(new Timer.SlotStart(currentSlot + 1), slotStartOf(currentSlot + 1)));
    out.add(new Action.SetTimer(new Timer.RoundTimeout(currentRound), now + roundTimeout()));
    resume(out);
  }

  /**
   * Back to where the persisted state says we were: the certified blocks above our root (checked
   * like any proposal, and executed again), then the highest QC and TC we had acted on. Without
   * them a restarted validator sits in an older round in which its own persisted rounds forbid it
   * to time out — and if every validator restarted together, the chain would never move again.
   */
  private void resume(List<Action> out) {
    SafetyState.Resume r = restored;
    restored = SafetyState.Resume.NONE;
    int me = signer.map(LocalSigner::index).orElse(-1);
    for (Block b : r.blocks()) {
      boolean known = tree.contains(b.id());
      onProposal(b, out);
      if (!known && b.header().proposer() == me && tree.contains(b.id())) {
        out.add(new Action.ExecuteBlock(b)); // our own blocks are not executed on receipt
      }
    }
    ValidatorSet set = config.validators().forEpoch(params.epochOf(currentSlot));
    r.highQc().filter(qc -> certs.verify(qc, set)).ifPresent(qc -> processQc(qc, out));
    r.highTc().filter(tc -> certs.verify(tc, set)).ifPresent(tc -> processTc(tc, out));
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
          retryFetches(out);
          tryPropose(out);
        }
      }
      case Timer.RoundTimeout r -> {
        if (r.round() == currentRound) {
          localTimeout(out);
          out.add(new Action.SetTimer(new Timer.RoundTimeout(currentRound), now + roundTimeout()));
        }
      }
      case Timer.VoteWindow w -> {
        if (w.round() == currentRound && windowOpenRound == currentRound) {
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
        if (d.round() == currentRound) {
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
    out.add(new Action.SetTimer(new Timer.RoundTimeout(round), now + roundTimeout()));
    candidates.headMap(round).clear();
    votes.pruneBelow(round - 2);
    timeouts.pruneBelow(round - 2);
    certs.pruneBelow(Math.min(highQc.round(), round - 2));
    equivocations.pruneBelow(round);
    if (candidates.containsKey(round)) {
      openVoteWindow(round, out);
    }
  }

  private void processQc(QuorumCert qc, List<Action> out) {
    if (qc.round() == 0) {
      return;
    }
    certified.putIfAbsent(qc.blockId(), qc);
    if (qc.round() > highQc.round()) {
      highQc = qc;
    }
    if (tree.contains(qc.blockId())) {
      onCertified(qc.blockId(), out);
    } else {
      fetch(qc.blockId(), peerFrom(qc.signers().indices(), qc.round()), out);
    }
    advanceRound(qc.round() + 1, false, out);
  }

  private void processTc(TimeoutCert tc, List<Action> out) {
    if (highTc.map(t -> t.round() < tc.round()).orElse(true)) {
      highTc = Optional.of(tc);
    }
    advanceRound(tc.round() + 1, true, out);
  }

  // ---------------------------------------------------------------- proposing

  private void tryPropose(List<Action> out) {
    if (signer.isEmpty()
        || pendingPayload.isPresent()
        || safety.highestProposedRound() >= currentRound
        || hasLiveCandidate(currentRound)) {
      return;
    }
    Optional<BlockTree.Entry> parent = tree.get(highQc.blockId());
    if (parent.isEmpty() || currentSlot <= parent.get().slot()) {
      return;
    }
    ValidatorSet set = config.validators().forEpoch(params.epochOf(currentSlot));
    Optional<Validator> me = set.get(signer.get().index());
    if (me.isEmpty()) {
      return;
    }
    H256 eta = tree.etaFor(parent.get(), currentSlot);
    VrfOutput vrf = signer.get().vrfProve(Leadership.vrfInput(eta, currentSlot));
    if (Leadership.rank(set, me.get(), eta, currentSlot, vrf.output(), params).isEmpty()) {
      return;
    }
    PayloadRequest req =
        new PayloadRequest(currentSlot, currentRound, parent.get().block(), vrf.proof());
    pendingPayload = Optional.of(req);
    out.add(new Action.RequestPayload(req));
  }

  /** A proposal for {@code round} that could still be certified (not by a convicted proposer). */
  private boolean hasLiveCandidate(long round) {
    return candidates.getOrDefault(round, List.of()).stream().anyMatch(this::live);
  }

  /** Not by a proposer proven Byzantine, and not known to fail execution. */
  private boolean live(Candidate c) {
    return !equivocations.isConvicted(c.proposer()) && !tree.isInvalid(c.id());
  }

  private void onPayload(Event.PayloadReady p, List<Action> out) {
    PayloadRequest req = p.request();
    if (pendingPayload.isEmpty()
        || !pendingPayload.get().equals(req)
        || req.round() != currentRound
        || safety.highestProposedRound() >= req.round()
        || !req.parent().id().equals(highQc.blockId())) {
      return;
    }
    pendingPayload = Optional.empty();
    Optional<TimeoutCert> tc =
        highQc.round() + 1 == req.round()
            ? Optional.empty()
            : highTc.filter(t -> t.round() + 1 == req.round());
    Header parent = req.parent().header();
    Header h =
        new Header(
            parent.height() + 1,
            req.slot(),
            req.round(),
            req.parent().id(),
            signer.get().index(),
            req.vrfProof(),
            params.kesPeriodOf(req.slot()),
            p.txRoot(),
            p.stateRoot(),
            p.receiptsRoot(),
            p.shredRoot(),
            highQc,
            tc);
    Bytes sig = signer.get().signProposal(h.kesPeriod(), Block.signingBytes(h.id()));
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
    if (h.height() <= committedHeight) {
      // At or below what this node has committed and not in its tree: an old block (met again
      // while catching up, or below a checkpoint it resumed from) or a dead fork. Never fetch
      // its ancestors: that would walk back to genesis.
      return false;
    }
    ValidatorSet set = config.validators().forEpoch(params.epochOf(h.slot()));
    Optional<Validator> proposer = set.get(h.proposer());
    if (proposer.isEmpty()) {
      return reject(new ConsensusError.UnknownValidator(h.proposer()), out);
    }
    if (h.kesPeriod() != params.kesPeriodOf(h.slot())) {
      return reject(new ConsensusError.MalformedProposal("KES period does not match slot"), out);
    }
    if (!crypto.verifyProposal(
        proposer.get(), h.kesPeriod(), Block.signingBytes(id), block.proposerSignature())) {
      return reject(new ConsensusError.BadSignature("proposal"), out);
    }
    remindOfConviction(h.proposer(), out);
    if (!h.parent().equals(h.parentQc().blockId()) || h.round() <= h.parentQc().round()) {
      return reject(new ConsensusError.MalformedProposal("parent QC does not match parent"), out);
    }
    if (h.timeoutCert().isPresent() && h.timeoutCert().get().round() + 1 != h.round()) {
      return reject(new ConsensusError.MalformedProposal("TC is not of the previous round"), out);
    }
    if (!rules.justified(h.round(), h.parentQc().round(), h.timeoutCert())) {
      return reject(
          new ConsensusError.MalformedProposal("round not justified by its QC and TC"), out);
    }
    if (h.timeoutCert().isPresent() && !certs.verify(h.timeoutCert().get(), set)) {
      return reject(new ConsensusError.BadCertificate("proposal TC"), out);
    }
    if (!certs.verify(h.parentQc(), set)) {
      return reject(new ConsensusError.BadCertificate("proposal QC"), out);
    }
    // Only now, with its certificates checked, is the proposal's round bounded by rounds that
    // really happened: recording it earlier let a proposer fill memory with far-future rounds.
    checkDoubleProposal(block, out);
    processQc(h.parentQc(), out);
    h.timeoutCert().ifPresent(tc -> processTc(tc, out));

    Optional<BlockTree.Entry> parent = tree.get(h.parent());
    if (parent.isEmpty()) {
      if (orphans.size() < MAX_ORPHANS) {
        orphans.computeIfAbsent(h.parent(), p -> new ArrayList<>()).add(block);
      }
      fetch(h.parent(), h.proposer(), out);
      return false;
    }
    BlockTree.Entry p = parent.get();
    if (h.height() != p.height() + 1 || h.slot() <= p.slot()) {
      return reject(
          new ConsensusError.MalformedProposal("height or slot does not follow parent"), out);
    }
    H256 eta = tree.etaFor(p, h.slot());
    Optional<Bytes> beta =
        crypto.vrfVerify(proposer.get(), Leadership.vrfInput(eta, h.slot()), h.vrfProof());
    if (beta.isEmpty()) {
      return reject(new ConsensusError.BadSignature("VRF proof"), out);
    }
    Optional<BigInteger> rank =
        Leadership.rank(set, proposer.get(), eta, h.slot(), beta.get(), params);
    if (rank.isEmpty()) {
      return reject(new ConsensusError.NotLeader(h.proposer(), h.slot()), out);
    }
    tree.put(tree.child(p, block, eta, beta.get(), rank.get()));
    boolean own = signer.map(s -> s.index() == h.proposer()).orElse(false);
    if (!own) {
      out.add(new Action.ExecuteBlock(block));
    }
    // A proposal competes for our vote only if it arrived by the end of the slot after its own.
    // Voters prefer the earliest slot; without this bound, a leader could hold back a proposal
    // for any slot it won since the parent — after a timeout there are many — and send it late to
    // half of the validators, who would all prefer it: votes split, the round times out, and the
    // next round offers even more old slots. Honest proposals are sent when their slot starts.
    // "Arrived" is measured on our own slot timers, not the wall clock, so a validator whose
    // event processing runs late (an overloaded machine) does not refuse everything it sees.
    boolean timely = currentSlot <= h.slot() + 1;
    if (h.round() >= currentRound && timely) {
      candidates
          .computeIfAbsent(h.round(), r -> new ArrayList<>())
          .add(new Candidate(id, h.slot(), rank.get(), h.proposer()));
      if (h.round() == currentRound) {
        openVoteWindow(h.round(), out);
      }
    }
    if (certified.containsKey(id)) {
      onCertified(id, out);
    }
    return true;
  }

  /** What a header says about its proposer's right to the slot, as far as this node can tell. */
  public enum Eligibility {
    /** The proposer's VRF proof wins the slot (lottery or fallback) under the parent's nonce. */
    ELIGIBLE,
    /** Unknown proposer, invalid VRF proof, or a proof that does not win the slot. */
    NOT_ELIGIBLE,
    /** The parent is not known here yet, so the slot's nonce cannot be derived. */
    UNKNOWN
  }

  /**
   * Checks a header's leader eligibility without accepting it: the same VRF and rank rule {@link
   * Event.ProposalReceived} applies, so a node can refuse to wait for (and forward) a body whose
   * header could never be accepted. Pure; does not change state.
   */
  public Eligibility eligibility(dev.aether.types.Header h) {
    ValidatorSet set = config.validators().forEpoch(params.epochOf(h.slot()));
    Optional<Validator> proposer = set.get(h.proposer());
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
    return Leadership.rank(set, proposer.get(), eta, h.slot(), beta.get(), params).isPresent()
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
    if (equivocations.isConvicted(e.offender())) {
      return;
    }
    ValidatorSet set = config.validators().forEpoch(params.epochOf(currentSlot));
    if (!e.verify(set, crypto, params)) {
      reject(new ConsensusError.BadSignature("evidence"), out);
      return;
    }
    equivocations.convict(e);
  }

  /**
   * A convicted proposer still proposing: gossip the proof against it again, at most once a round.
   * Validators must agree on who is convicted — those that are not sure keep voting for its blocks
   * while the others do not, which splits the votes — and evidence gossiped once can have been lost
   * before GST; the offender's own proposals are what bring it back.
   */
  private void remindOfConviction(int proposer, List<Action> out) {
    if (!equivocations.isConvicted(proposer)
        || proofResent.getOrDefault(proposer, -1L) >= currentRound) {
      return;
    }
    proofResent.put(proposer, currentRound);
    equivocations.proof(proposer).ifPresent(e -> out.add(new Action.EvidenceFound(e)));
  }

  private void report(Evidence e, List<Action> out) {
    if (equivocations.convict(e)) {
      out.add(new Action.EvidenceFound(e));
    }
  }

  /** A validator from {@code candidates} other than ourselves, varied by {@code salt}. */
  private int peerFrom(List<Integer> candidates, long salt) {
    int me = signer.map(LocalSigner::index).orElse(-1);
    List<Integer> others = candidates.stream().filter(i -> i != me).toList();
    return others.isEmpty() ? 0 : others.get((int) Math.floorMod(salt, (long) others.size()));
  }

  private void fetch(H256 id, int from, List<Action> out) {
    fetcher.request(id, from, now).ifPresent(out::add);
  }

  /** Re-sends block requests still open after a slot, to another peer each time. */
  private void retryFetches(List<Action> out) {
    int validators = config.validators().forEpoch(params.epochOf(currentSlot)).size();
    out.addAll(
        fetcher.retry(now, params.slotMs(), validators, signer.map(LocalSigner::index).orElse(-1)));
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
      out.add(new Action.SetTimer(new Timer.VoteWindow(round), at));
    }
  }

  /** Once the round's vote window closed: vote for the best-ranked executed, safe proposal. */
  private void tryVote(List<Action> out) {
    long round = currentRound;
    if (signer.isEmpty() || windowClosedRound != round || !candidates.containsKey(round)) {
      return;
    }
    List<Header> ranked =
        candidates.get(round).stream()
            .filter(c -> !myVotes.contains(c.id()))
            .filter(c -> !tree.isInvalid(c.id()))
            .filter(c -> !equivocations.isConvicted(c.proposer()))
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
        out.add(new Action.SetTimer(new Timer.VoteDeadline(round), deadline));
      }
      return;
    }
    // The best executed one. The rules allow one vote per round, so the loop stops after it
    // (only a deliberately broken rule, in tests, gets further).
    for (Header h : ranked) {
      if (currentRound != round
          || !tree.isExecuted(h.id())
          || !rules.safeToVote(safety, h.round(), h.parentQc().round(), h.timeoutCert())) {
        continue;
      }
      LocalSigner s = signer.get();
      Vote vote = new Vote(round, h.id(), s.index(), s.signVote(Vote.signingBytes(round, h.id())));
      safety = SafetyRules.afterVote(safety, round, h.parentQc().round()).withResume(resumePoint());
      myVotes.add(h.id());
      out.add(new Action.PersistSafety(safety));
      out.add(new Action.BroadcastVote(vote));
      countVote(vote, config.validators().forEpoch(params.epochOf(currentSlot)), out);
    }
  }

  private void onVote(Vote vote, List<Action> out) {
    ValidatorSet set = config.validators().forEpoch(params.epochOf(currentSlot));
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
        voter.get(), Vote.signingBytes(vote.round(), vote.blockId()), vote.signature())) {
      reject(new ConsensusError.BadSignature("vote"), out);
      return;
    }
    countVote(vote, set, out);
  }

  private void countVote(Vote vote, ValidatorSet set, List<Action> out) {
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
    if (signer.isEmpty()) {
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
            round,
            highQc,
            highQc.round() + 1 == round ? Optional.empty() : lastTc,
            s.index(),
            s.signVote(Timeout.signingBytes(round, highQc.round())));
    safety = SafetyRules.afterTimeout(safety, round).withResume(resumePoint());
    myTimeout = Optional.of(t);
    out.add(new Action.PersistSafety(safety));
    out.add(new Action.BroadcastTimeout(t));
    countTimeout(t, config.validators().forEpoch(params.epochOf(currentSlot)), out);
  }

  private void onTimeout(Timeout t, List<Action> out) {
    ValidatorSet set = config.validators().forEpoch(params.epochOf(currentSlot));
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
        && t.lastTc().map(tc -> tc.round() + 1 != t.round()).orElse(true)) {
      reject(new ConsensusError.MalformedTimeout("round not justified by its QC or TC"), out);
      return;
    }
    if (!crypto.verifyVote(
        voter.get(), Timeout.signingBytes(t.round(), t.highQc().round()), t.signature())) {
      reject(new ConsensusError.BadSignature("timeout"), out);
      return;
    }
    if (!certs.verify(t.highQc(), set)) {
      reject(new ConsensusError.BadCertificate("timeout QC"), out);
      return;
    }
    if (t.lastTc().isPresent() && !certs.verify(t.lastTc().get(), set)) {
      reject(new ConsensusError.BadCertificate("timeout TC"), out);
      return;
    }
    processQc(t.highQc(), out);
    t.lastTc().ifPresent(tc -> processTc(tc, out));
    tryCommit(out);
    if (t.round() < currentRound) {
      return;
    }
    countTimeout(t, set, out);
  }

  private void countTimeout(Timeout t, ValidatorSet set, List<Action> out) {
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
   * 2-chain rule: a certified block whose QC'd parent is from the previous round makes the parent
   * final ({@link Rules#finalityDepth}).
   */
  private void onCertified(H256 id, List<Action> out) {
    Header h = tree.get(id).orElseThrow().block().header();
    int depth = rules.finalityDepth(h);
    if (depth >= 0) {
      H256 target = depth == 0 ? id : h.parent();
      BlockTree.Entry entry = tree.get(target).orElse(null);
      long targetHeight = h.height() - depth;
      boolean higher =
          finalTarget
              .flatMap(tree::get)
              .map(f -> targetHeight > f.height())
              .orElse(targetHeight > committedHeight);
      if (higher && (entry == null || entry.height() == targetHeight)) {
        finalTarget = Optional.of(target);
        finalFrom = h.proposer();
      }
    }
    tryCommit(out);
  }

  private void tryCommit(List<Action> out) {
    if (finalTarget.isEmpty() || finalTarget.get().equals(committedId)) {
      return;
    }
    List<BlockTree.Entry> chain = new ArrayList<>();
    H256 cursor = finalTarget.get();
    while (!cursor.equals(committedId)) {
      Optional<BlockTree.Entry> e = tree.get(cursor);
      if (e.isEmpty()) {
        fetch(cursor, finalFrom, out);
        return;
      }
      if (e.get().height() <= committedHeight) {
        throw new IllegalStateException(
            "finalized chain conflicts with committed block at height " + committedHeight);
      }
      chain.add(e.get());
      cursor = e.get().block().header().parent();
    }
    for (BlockTree.Entry e : chain.reversed()) {
      out.add(new Action.CommitBlock(e.block()));
      participation.onCommit(e.block(), e.epoch(), config.validators().forEpoch(e.epoch()));
      committedId = e.block().id();
      committedHeight = e.height();
      committedRound = e.round();
    }
    tree.pruneBelow(committedHeight - RETAINED_HEIGHTS);
    // QCs of rounds well below the last final block can no longer finalize anything new.
    certified.values().removeIf(q -> q.round() + Equivocations.WINDOW < committedRound);
  }
}
