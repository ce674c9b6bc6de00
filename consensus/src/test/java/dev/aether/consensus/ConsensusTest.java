package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.sim.SimCrypto;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event-level tests of one node, driven by hand (4 equal validators, simulation crypto). */
class ConsensusTest {
  private static final int N = FourValidators.N;
  private final FourValidators fixture = new FourValidators();
  private final SimCrypto crypto = fixture.crypto;
  private final ValidatorSet set = fixture.set;
  private final ConsensusConfig config = fixture.config;

  private Consensus node(int i, SafetyState s) {
    return fixture.node(i, s);
  }

  private static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
    return FourValidators.of(actions, type);
  }

  private Block firstProposal() {
    return fixture.firstProposal();
  }

  private List<Action> receiveAndVote(Consensus c, Block b) {
    long t = b.header().slot() * 500 + 60;
    List<Action> all = new ArrayList<>(c.onEvent(new Event.ProposalReceived(b, t)));
    H256 root = b.header().stateRoot();
    all.addAll(c.onEvent(new Event.BlockExecuted(b.id(), root, b.header().receiptsRoot(), t + 1)));
    all.addAll(
        c.onEvent(new Event.TimerFired(new Timer.VoteWindow(0, b.header().round()), t + 500)));
    return all;
  }

  private int notProposer(Block b) {
    return (b.header().proposer() + 1) % N;
  }

  @Test
  void persistsSafetyStateBeforeTheVoteLeaves() {
    Block b = firstProposal();
    List<Action> actions = receiveAndVote(node(notProposer(b), SafetyState.INITIAL), b);
    int persist = -1;
    int vote = -1;
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof Action.PersistSafety p && p.state().highestVotedRound() >= 1) {
        persist = persist < 0 ? i : persist;
      }
      if (actions.get(i) instanceof Action.BroadcastVote v) {
        vote = i;
        assertThat(v.vote().blockId()).isEqualTo(b.id());
      }
    }
    assertThat(vote).isPositive();
    assertThat(persist).isBetween(0, vote - 1);
  }

  /** Two proposals of the first slot with two leaders (about 40 % of slots have several). */
  private List<Block> twoLeaderSlot() {
    for (long slot = 1; slot < 200; slot++) {
      List<Block> found = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        Consensus c = node(i, SafetyState.INITIAL);
        List<Action> a = c.onEvent(new Event.TimerFired(new Timer.SlotStart(slot), slot * 500));
        for (Action.RequestPayload r : of(a, Action.RequestPayload.class)) {
          H256 tx = Hashing.tagged("t", new byte[] {(byte) slot, (byte) i});
          List<Action> b =
              c.onEvent(new Event.PayloadReady(r.request(), List.of(), tx, tx, tx, tx, slot * 500));
          found.add(of(b, Action.BroadcastProposal.class).getFirst().block());
        }
      }
      if (found.size() >= 2) {
        return found.subList(0, 2);
      }
    }
    throw new AssertionError("no slot with two leaders in 200 slots");
  }

  private int voterFor(List<Block> blocks) {
    for (int i = 0; i < N; i++) {
      final int v = i;
      if (blocks.stream().noneMatch(b -> b.header().proposer() == v)) {
        return i;
      }
    }
    throw new AssertionError();
  }

  /** Delivers both, executes {@code executed}, closes the window; returns the actions. */
  private List<Action> deliver(Consensus c, List<Block> blocks, List<Block> executed, long t) {
    List<Action> all = new ArrayList<>();
    for (Block b : blocks) {
      all.addAll(c.onEvent(new Event.ProposalReceived(b, t)));
    }
    for (Block b : executed) {
      H256 root = b.header().stateRoot();
      all.addAll(
          c.onEvent(new Event.BlockExecuted(b.id(), root, b.header().receiptsRoot(), t + 1)));
    }
    all.addAll(
        c.onEvent(
            new Event.TimerFired(
                new Timer.VoteWindow(0, blocks.getFirst().header().round()), t + 2)));
    return all;
  }

  @Test
  void waitsForTheBestProposalToExecuteBeforeVotingForAWorseOne() {
    List<Block> two = twoLeaderSlot();
    int me = voterFor(two);
    long t = two.getFirst().header().slot() * 500 + 60;
    // Reference: with both executed, the node votes for the best-ranked one.
    H256 best =
        of(deliver(node(me, SafetyState.INITIAL), two, two, t), Action.BroadcastVote.class)
            .getFirst()
            .vote()
            .blockId();
    Block bestBlock = two.stream().filter(b -> b.id().equals(best)).findFirst().orElseThrow();
    Block other = two.stream().filter(b -> !b.id().equals(best)).findFirst().orElseThrow();

    // Only the worse one executed when the window closes: no vote yet, a deadline is set.
    Consensus c = node(me, SafetyState.INITIAL);
    List<Action> waiting = deliver(c, two, List.of(other), t);
    assertThat(of(waiting, Action.BroadcastVote.class)).isEmpty();
    Action.SetTimer deadline =
        of(waiting, Action.SetTimer.class).stream()
            .filter(x -> x.timer() instanceof Timer.VoteDeadline)
            .findFirst()
            .orElseThrow();
    // The best one finishes executing before the deadline: the vote goes to it.
    List<Action> late =
        c.onEvent(
            new Event.BlockExecuted(
                best, bestBlock.header().stateRoot(), bestBlock.header().receiptsRoot(), t + 50));
    assertThat(of(late, Action.BroadcastVote.class).getFirst().vote().blockId()).isEqualTo(best);

    // It never does: at the deadline the node votes for the best executed one.
    Consensus d = node(me, SafetyState.INITIAL);
    deliver(d, two, List.of(other), t);
    List<Action> fallback = d.onEvent(new Event.TimerFired(deadline.timer(), deadline.atMs()));
    assertThat(of(fallback, Action.BroadcastVote.class).getFirst().vote().blockId())
        .isEqualTo(other.id());
  }

  @Test
  void restartedNodeDoesNotVoteTwiceInARound() {
    Block b = firstProposal();
    int me = notProposer(b);
    List<Action> first = receiveAndVote(node(me, SafetyState.INITIAL), b);
    SafetyState persisted = of(first, Action.PersistSafety.class).getLast().state();
    List<Action> again = receiveAndVote(node(me, persisted), b);
    assertThat(of(again, Action.BroadcastVote.class)).isEmpty();
  }

  @Test
  void rejectsAForgedProposalSignatureAndKeepsNothing() {
    Block b = firstProposal();
    Block forged = new Block(b.header(), b.txs(), Bytes.of(new byte[64]));
    Consensus c = node(notProposer(b), SafetyState.INITIAL);
    List<Action> a = c.onEvent(new Event.ProposalReceived(forged, 600));
    assertThat(of(a, Action.Rejected.class))
        .extracting(r -> r.error().code())
        .containsExactly("CONSENSUS_BAD_SIGNATURE");
    assertThat(c.block(b.id())).isEmpty();
    assertThat(of(a, Action.ExecuteBlock.class)).isEmpty();
  }

  @Test
  void rejectsAProposalFromANonLeader() {
    Block b = firstProposal();
    int other = notProposer(b);
    // Re-sign the same header as another validator: signature is valid, VRF proof is not theirs.
    Header h = b.header();
    Header h2 =
        new Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            other,
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    Block b2 =
        new Block(
            h2,
            List.of(),
            SimCrypto.signer(other)
                .signProposal(h2.opCert(), h2.kesPeriod(), Block.signingBytes(h2.id())));
    List<Action> a =
        node((other + 1) % N, SafetyState.INITIAL).onEvent(new Event.ProposalReceived(b2, 600));
    assertThat(of(a, Action.Rejected.class))
        .extracting(r -> r.error().code())
        .containsExactly("CONSENSUS_BAD_SIGNATURE");
  }

  @Test
  void headerEligibilityIsJudgedBeforeTheBodyArrivesAndChangesNothing() {
    Block b = firstProposal();
    Consensus c = node(notProposer(b), SafetyState.INITIAL);
    assertThat(c.eligibility(b.header())).isEqualTo(Consensus.Eligibility.ELIGIBLE);
    assertThat(c.block(b.id())).as("judging is not accepting").isEmpty();

    // The same header claimed by another validator: its VRF proof is not theirs.
    Header h = b.header();
    int other = notProposer(b);
    Header stolen =
        new Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            other,
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    assertThat(c.eligibility(stolen)).isEqualTo(Consensus.Eligibility.NOT_ELIGIBLE);

    // A parent this node has never seen: the slot's nonce is unknown, so it cannot tell.
    Header orphan =
        new Header(
            h.epoch(),
            h.height() + 5,
            h.slot(),
            h.round(),
            Hashing.tagged("unknown parent", new byte[0]),
            h.proposer(),
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    assertThat(c.eligibility(orphan)).isEqualTo(Consensus.Eligibility.UNKNOWN);
    Header nobody =
        new Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            N + 3,
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            h.parentQc(),
            h.timeoutCert());
    assertThat(c.eligibility(nobody)).isEqualTo(Consensus.Eligibility.NOT_ELIGIBLE);
  }

  @Test
  void doubleVoteYieldsEvidenceAnyoneCanVerify() {
    Consensus c = node(0, SafetyState.INITIAL);
    LocalSigner bad = SimCrypto.signer(3);
    H256 x = Hashing.tagged("x", new byte[0]);
    H256 y = Hashing.tagged("y", new byte[0]);
    Vote v1 = new Vote(0, 1, x, 3, bad.signVote(Vote.signingBytes(0, 1, x)));
    Vote v2 = new Vote(0, 1, y, 3, bad.signVote(Vote.signingBytes(0, 1, y)));
    assertThat(of(c.onEvent(new Event.VoteReceived(v1, 10)), Action.EvidenceFound.class)).isEmpty();
    List<Action.EvidenceFound> ev =
        of(c.onEvent(new Event.VoteReceived(v2, 11)), Action.EvidenceFound.class);
    assertThat(ev).hasSize(1);
    Evidence e = ev.getFirst().evidence();
    assertThat(e.offender()).isEqualTo(3);
    assertThat(e.verify(set, crypto, config.params())).isTrue();
    assertThat(Evidence.CODEC.decode(Evidence.CODEC.encode(e))).isEqualTo(e);
    // Swapping in a vote by someone else breaks it.
    Vote other = new Vote(0, 1, y, 2, SimCrypto.signer(2).signVote(Vote.signingBytes(0, 1, y)));
    Evidence fake = Evidence.DoubleVote.of(v1, other);
    assertThat(fake.verify(set, crypto, config.params())).isFalse();
  }

  @Test
  void quorumOfVotesAdvancesTheRound() {
    Block b = firstProposal();
    Consensus c = node(notProposer(b), SafetyState.INITIAL);
    receiveAndVote(c, b);
    assertThat(c.currentRound()).isEqualTo(1);
    int counted = 0;
    for (int i = 0; i < N && counted < 2; i++) {
      if (i != notProposer(b)) {
        Vote v =
            new Vote(
                0, 1, b.id(), i, SimCrypto.signer(i).signVote(Vote.signingBytes(0, 1, b.id())));
        c.onEvent(new Event.VoteReceived(v, 700 + i));
        counted++;
      }
    }
    // Own vote + 2 others = 3 of 4: 300 * 3 >= 400 * 2.
    assertThat(c.highQc().round()).isEqualTo(1);
    assertThat(c.currentRound()).isEqualTo(2);
  }

  @Test
  void noVoteForAProposerConvictedByGossipedEvidence() {
    Block b = firstProposal();
    int bad = b.header().proposer();
    LocalSigner s = SimCrypto.signer(bad);
    H256 x = Hashing.tagged("x", new byte[0]);
    H256 y = Hashing.tagged("y", new byte[0]);
    Evidence e =
        Evidence.DoubleVote.of(
            new Vote(0, 9, x, bad, s.signVote(Vote.signingBytes(0, 9, x))),
            new Vote(0, 9, y, bad, s.signVote(Vote.signingBytes(0, 9, y))));
    Consensus c = node(notProposer(b), SafetyState.INITIAL);
    assertThat(c.onEvent(new Event.EvidenceReceived(e, 10))).isEmpty();
    assertThat(of(receiveAndVote(c, b), Action.BroadcastVote.class)).isEmpty();
  }

  @Test
  void forgedEvidenceIsRejectedAndConvictsNobody() {
    Block b = firstProposal();
    int victim = b.header().proposer();
    H256 x = Hashing.tagged("x", new byte[0]);
    H256 y = Hashing.tagged("y", new byte[0]);
    Evidence forged =
        Evidence.DoubleVote.of(
            new Vote(0, 9, x, victim, Bytes.of(new byte[96])),
            new Vote(0, 9, y, victim, Bytes.of(new byte[96])));
    Consensus c = node(notProposer(b), SafetyState.INITIAL);
    assertThat(of(c.onEvent(new Event.EvidenceReceived(forged, 10)), Action.Rejected.class))
        .hasSize(1);
    assertThat(of(receiveAndVote(c, b), Action.BroadcastVote.class)).hasSize(1);
  }
}
