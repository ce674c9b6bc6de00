package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.sim.SimCrypto;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Timeout;
import dev.aether.types.TimeoutCert;
import dev.aether.types.Vote;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the bugs the simulator's adversaries found (docs/CONSENSUS.md §8), each
 * reproduced on one node driven by hand. Every one of them fails on the code before its fix.
 */
class ConsensusRegressionTest {
  private static final int N = FourValidators.N;
  private final FourValidators fixture = new FourValidators();
  private final SimCrypto crypto = fixture.crypto;
  private final ConsensusConfig config = fixture.config;

  private Consensus node(int i, SafetyState s) {
    return fixture.node(i, s);
  }

  private static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
    return FourValidators.of(actions, type);
  }

  private static List<String> codes(List<Action> actions) {
    return of(actions, Action.Rejected.class).stream().map(r -> r.error().code()).toList();
  }

  private Block firstProposal() {
    return fixture.firstProposal();
  }

  private static Block resigned(Block b, long slot) {
    Header h = b.header();
    Header x =
        new Header(
            h.epoch(),
            h.height(),
            slot,
            h.round(),
            h.parent(),
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
    Bytes sig =
        SimCrypto.signer(h.proposer())
            .signProposal(x.opCert(), x.kesPeriod(), Block.signingBytes(x.id()));
    return new Block(x, List.of(), sig);
  }

  @Test
  void aHeaderWithASlotNear2To63IsRejectedInsteadOfThrowing() {
    // Was: the KES period of slot 2^63-1 overflowed an int (ArithmeticException out of onEvent),
    // before the proposal's signature was even checked — any peer could stop consensus.
    Block b = firstProposal();
    Consensus c = node((b.header().proposer() + 1) % N, SafetyState.INITIAL);
    for (long slot : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, -1, Long.MIN_VALUE}) {
      Block bad = resigned(b, slot);
      assertThatCode(() -> c.onEvent(new Event.ProposalReceived(bad, 600)))
          .doesNotThrowAnyException();
      assertThat(codes(c.onEvent(new Event.ProposalReceived(bad, 600))))
          .containsExactly("CONSENSUS_MALFORMED_PROPOSAL");
      assertThat(c.block(bad.id())).isEmpty();
    }
  }

  @Test
  void aProposalArrivingAfterTheSlotAfterItsOwnGetsNoVote() {
    // Was: voters prefer the earliest slot, so a leader could keep a proposal for a slot it won
    // and send it late — after a timeout, for any of many past slots — to half of the
    // validators, splitting the votes round after round.
    Block b = firstProposal();
    int voter = (b.header().proposer() + 1) % N;
    long slot = b.header().slot();
    for (long arrival : new long[] {slot * 500 + 60, (slot + 1) * 500 + 60, (slot + 2) * 500}) {
      Consensus c = node(voter, SafetyState.INITIAL);
      for (long k = 1; k <= arrival / 500; k++) {
        c.onEvent(new Event.TimerFired(new Timer.SlotStart(k), k * 500)); // time goes by
      }
      List<Action> all = new ArrayList<>(c.onEvent(new Event.ProposalReceived(b, arrival)));
      all.addAll(
          c.onEvent(
              new Event.BlockExecuted(
                  b.id(), b.header().stateRoot(), b.header().receiptsRoot(), arrival + 1)));
      all.addAll(c.onEvent(new Event.TimerFired(new Timer.VoteWindow(0, 1), arrival + 500)));
      boolean timely = arrival < (slot + 2) * 500;
      assertThat(of(all, Action.BroadcastVote.class))
          .as("arrival " + arrival)
          .hasSize(timely ? 1 : 0);
      assertThat(c.block(b.id())).as("kept in the tree either way").isPresent();
    }
  }

  /** Validators 0..2 time out of round 1; returns their timeouts. */
  private List<Timeout> roundOneTimeouts(List<Consensus> nodes) {
    List<Timeout> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Action> a =
          nodes.get(i).onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 1), 1_500));
      out.add(of(a, Action.BroadcastTimeout.class).getFirst().timeout());
    }
    return out;
  }

  @Test
  void aValidatorThatMissedATcCatchesUpFromAnyLaterTimeout() {
    // Was: the TC of a round lost before GST was never sent again; validators left behind in
    // that round and those ahead (not a quorum alone) each timed out of a different round
    // forever. Timeouts now carry the TC that let their sender into its round.
    List<Consensus> nodes = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      nodes.add(node(i, SafetyState.INITIAL));
    }
    List<Timeout> t1 = roundOneTimeouts(nodes);
    Consensus ahead = nodes.get(0);
    ahead.onEvent(new Event.TimeoutReceived(t1.get(1), 1_510));
    ahead.onEvent(new Event.TimeoutReceived(t1.get(2), 1_520));
    assertThat(ahead.currentRound()).isEqualTo(2);
    Timeout t2 =
        of(
                ahead.onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 2), 5_000)),
                Action.BroadcastTimeout.class)
            .getFirst()
            .timeout();
    assertThat(t2.lastTc()).map(TimeoutCert::round).contains(1L);

    Consensus behind = nodes.get(3); // heard none of round 1's timeouts
    assertThat(behind.currentRound()).isEqualTo(1);
    assertThat(codes(behind.onEvent(new Event.TimeoutReceived(t2, 5_010)))).isEmpty();
    assertThat(behind.currentRound()).isEqualTo(2);
  }

  @Test
  void aTimeoutForARoundThatNeverBeganIsRefused() {
    // Was: any validator could make every node store timeouts for any future round.
    Consensus c = node(0, SafetyState.INITIAL);
    LocalSigner bad = SimCrypto.signer(3);
    QuorumCert genesis = QuorumCert.genesis(config.genesis().id());
    for (long round : new long[] {2, 1_000, Long.MAX_VALUE}) {
      Timeout t =
          new Timeout(0, round, genesis, 3, bad.signVote(Timeout.signingBytes(0, round, 0)));
      assertThat(codes(c.onEvent(new Event.TimeoutReceived(t, 10))))
          .containsExactly("CONSENSUS_MALFORMED_TIMEOUT");
    }
    assertThat(c.currentRound()).isEqualTo(1);
  }

  @Test
  void oneValidatorCannotFillMemoryWithFutureRounds() {
    // Was: votes for any future round, and signed proposals for any round (recorded for
    // equivocation checks before their certificates were), were kept until that round came.
    Block b = firstProposal();
    int bad = b.header().proposer();
    Consensus c = node((bad + 1) % N, SafetyState.INITIAL);
    LocalSigner s = SimCrypto.signer(bad);
    Header h = b.header();
    for (long round = 2; round < 2_002; round++) {
      H256 id = Hashing.tagged("future", new Writer(8).u64(round).toByteArray());
      c.onEvent(
          new Event.VoteReceived(
              new Vote(0, round, id, bad, s.signVote(Vote.signingBytes(0, round, id))), 10));
      Header x =
          new Header(
              h.epoch(),
              h.height(),
              h.slot(),
              round,
              h.parent(),
              bad,
              h.vrfProof(),
              h.kesPeriod(),
              h.opCert(),
              h.txRoot(),
              h.stateRoot(),
              h.receiptsRoot(),
              h.shredRoot(),
              h.parentQc(),
              h.timeoutCert());
      Block p =
          new Block(
              x, List.of(), s.signProposal(x.opCert(), x.kesPeriod(), Block.signingBytes(x.id())));
      c.onEvent(new Event.ProposalReceived(p, h.slot() * 500));
    }
    assertThat(c.retainedRounds()).isLessThanOrEqualTo((int) Consensus.VOTE_HORIZON + 2);
  }

  @Test
  void aConvictedProposerStillProposingGetsItsProofGossipedAgainAndOpensNoWindow() {
    // Was: evidence was gossiped once; a validator that missed it (lost before GST) kept voting
    // for the offender's blocks while the others did not — with no stake to spare, no round ever
    // reached a quorum again ('skewed-stake' seed 60333). And the offender's early proposals
    // opened (and closed) every vote window before the honest proposals came.
    Block b = firstProposal();
    int bad = b.header().proposer();
    LocalSigner s = SimCrypto.signer(bad);
    H256 x = Hashing.tagged("x", new byte[0]);
    H256 y = Hashing.tagged("y", new byte[0]);
    Evidence e =
        Evidence.DoubleVote.of(
            new Vote(0, 9, x, bad, s.signVote(Vote.signingBytes(0, 9, x))),
            new Vote(0, 9, y, bad, s.signVote(Vote.signingBytes(0, 9, y))));
    Consensus c = node((bad + 1) % N, SafetyState.INITIAL);
    c.onEvent(new Event.EvidenceReceived(e, 10));
    long t = b.header().slot() * 500 + 60;
    List<Action> a = c.onEvent(new Event.ProposalReceived(b, t));
    assertThat(of(a, Action.EvidenceFound.class))
        .extracting(Action.EvidenceFound::evidence)
        .containsExactly(e);
    assertThat(of(a, Action.SetTimer.class))
        .noneMatch(x2 -> x2.timer() instanceof Timer.VoteWindow);
    // At most once a round (another block of the offender in the same round reminds nobody).
    Block again = resigned(b, b.header().slot() + 1);
    assertThat(of(c.onEvent(new Event.ProposalReceived(again, t + 1)), Action.EvidenceFound.class))
        .extracting(Action.EvidenceFound::evidence)
        .doesNotContain(e);
  }

  @Test
  void aRestartedValidatorCanTimeOutOfTheRoundItHadReached() {
    // Was: a restart resumed in the round after the last commit, where the persisted highest
    // voted round forbids a timeout; if all validators restarted together, nothing moved again.
    List<Consensus> nodes = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      nodes.add(node(i, SafetyState.INITIAL));
    }
    List<Timeout> t1 = roundOneTimeouts(nodes);
    Consensus c = nodes.get(0);
    c.onEvent(new Event.TimeoutReceived(t1.get(1), 1_510));
    c.onEvent(new Event.TimeoutReceived(t1.get(2), 1_520));
    List<Action> a = c.onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 2), 5_000));
    SafetyState persisted = of(a, Action.PersistSafety.class).getLast().state();
    assertThat(persisted.highestVotedRound()).isEqualTo(2);
    assertThat(persisted.resume().highTc()).map(TimeoutCert::round).contains(1L);

    // Restart from exactly what was persisted (and the genesis root: nothing was committed).
    Consensus restarted =
        new Consensus(config, crypto, Optional.of(SimCrypto.signer(0)), persisted);
    restarted.onEvent(new Event.Start(6_000));
    assertThat(restarted.currentRound()).isEqualTo(2);
    List<Action> again =
        restarted.onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 2), 9_000));
    assertThat(of(again, Action.BroadcastTimeout.class)).hasSize(1);

    // Without the resume point it would sit in round 1, unable to sign anything.
    Consensus amnesiac =
        new Consensus(
            config,
            crypto,
            Optional.of(SimCrypto.signer(0)),
            new SafetyState(
                persisted.highestVotedRound(),
                persisted.highestQcRound(),
                persisted.highestProposedRound()));
    amnesiac.onEvent(new Event.Start(6_000));
    assertThat(amnesiac.currentRound()).isEqualTo(1);
    assertThat(
            of(
                amnesiac.onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 1), 7_500)),
                Action.BroadcastTimeout.class))
        .isEmpty();
  }

  @Test
  void aRestartReinsertsAndReexecutesTheCertifiedBlocksAboveItsRoot() {
    Block b = firstProposal();
    int me = (b.header().proposer() + 1) % N;
    Consensus c = node(me, SafetyState.INITIAL);
    long t = b.header().slot() * 500 + 60;
    c.onEvent(new Event.ProposalReceived(b, t));
    c.onEvent(
        new Event.BlockExecuted(b.id(), b.header().stateRoot(), b.header().receiptsRoot(), t + 1));
    c.onEvent(new Event.TimerFired(new Timer.VoteWindow(0, 1), t + 100));
    for (int i = 0, n = 0; i < N && n < 2; i++) {
      if (i != me) {
        Vote v =
            new Vote(
                0, 1, b.id(), i, SimCrypto.signer(i).signVote(Vote.signingBytes(0, 1, b.id())));
        c.onEvent(new Event.VoteReceived(v, t + 200));
        n++;
      }
    }
    assertThat(c.highQc().round()).isEqualTo(1);
    List<Action> a = c.onEvent(new Event.TimerFired(new Timer.RoundTimeout(0, 2), t + 5_000));
    SafetyState persisted = of(a, Action.PersistSafety.class).getLast().state();
    assertThat(persisted.resume().blocks()).containsExactly(b);

    Consensus restarted =
        new Consensus(config, crypto, Optional.of(SimCrypto.signer(me)), persisted);
    List<Action> start = restarted.onEvent(new Event.Start(t + 6_000));
    assertThat(of(start, Action.ExecuteBlock.class))
        .extracting(x -> x.block().id())
        .containsExactly(b.id());
    assertThat(restarted.block(b.id())).isPresent();
    assertThat(restarted.highQc().round()).isEqualTo(1);
    assertThat(restarted.currentRound()).isEqualTo(2);
  }

  @Test
  void safetyStateV1StillReadsAndV3RoundTripsWithItsResumePoint() {
    byte[] v1 = new Writer().u8(1).u64(7).u64(5).u64(6).toByteArray();
    assertThat(SafetyState.CODEC.decode(v1)).isEqualTo(new SafetyState(7, 5, 6));

    Block b = firstProposal();
    QuorumCert qc =
        new QuorumCert(0, 1, b.id(), SignerSet.of(List.of(0, 1, 2)), Bytes.of(new byte[96]));
    TimeoutCert tc =
        new TimeoutCert(
            0, 1, SignerSet.of(List.of(0, 1, 3)), List.of(0L, 0L, 0L), Bytes.of(new byte[96]));
    SafetyState s =
        new SafetyState(
            9, 8, 9, new SafetyState.Resume(Optional.of(qc), Optional.of(tc), List.of(b)));
    assertThat(SafetyState.CODEC.decode(SafetyState.CODEC.encode(s))).isEqualTo(s);

    assertThatThrownBy(
            () ->
                new SafetyState.Resume(
                    Optional.empty(),
                    Optional.empty(),
                    Collections.nCopies(SafetyState.MAX_RESUME_BLOCKS + 1, b)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] tooMany =
        new Writer()
            .u8(3)
            .u64(0)
            .u64(1)
            .u64(1)
            .u64(1)
            .u8(0)
            .u8(0)
            .u32(SafetyState.MAX_RESUME_BLOCKS + 1)
            .toByteArray();
    assertThatThrownBy(() -> SafetyState.CODEC.decode(tooMany)).isInstanceOf(CodecException.class);
  }
}
