package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.sim.SimCrypto;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.OpCert;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operational-certificate counter rule: once a validator's newer certificate is on the chain, a
 * proposal under an older one (its previous hot key, perhaps stolen) is refused; and the rule
 * really is what refuses it (the same proposal under the newer certificate is accepted).
 */
class OpCertCounterTest {
  private static final int N = FourValidators.N;
  // One KES period per slot: the simulated certificates rotate every 32 periods (counter =
  // period / 32), so slots 32..63 are signed under certificate 1.
  private final FourValidators fixture =
      new FourValidators(ConsensusParams.defaults().withKesSlotsPerPeriod(1));
  private final SimCrypto crypto = fixture.crypto;
  private final ValidatorSet set = fixture.set;
  private final ConsensusConfig config = fixture.config;

  private Consensus node(int i) {
    return fixture.node(i, SafetyState.INITIAL);
  }

  private static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
    return FourValidators.of(actions, type);
  }

  /** A real first proposal in a slot of certificate 1 (33..40). */
  private Block firstProposal() {
    return fixture.firstProposal(33, 41);
  }

  /** A child of {@code parent} by the same proposer under {@code cert}, in a slot it may lead. */
  private Block child(Block parent, java.util.function.IntFunction<OpCert> cert) {
    int p = parent.header().proposer();
    LocalSigner s = SimCrypto.signer(p);
    H256 eta = EpochNonce.genesis(config.genesis());
    for (long slot = parent.header().slot() + 1; slot < 64; slot++) {
      VrfOutput vrf = s.vrfProve(Leadership.vrfInput(eta, slot));
      if (Leadership.rank(set, set.get(p).orElseThrow(), eta, slot, vrf.output(), config.params())
          .isEmpty()) {
        continue;
      }
      List<Bytes> sigs = new ArrayList<>();
      List<Integer> signers = List.of(0, 1, 2);
      for (int v : signers) {
        sigs.add(
            SimCrypto.signer(v)
                .signVote(Vote.signingBytes(0, parent.header().round(), parent.id())));
      }
      QuorumCert qc =
          new QuorumCert(
              0,
              parent.header().round(),
              parent.id(),
              SignerSet.of(signers),
              crypto.aggregate(sigs));
      OpCert c = cert.apply((int) slot);
      H256 r = Hashing.tagged("child", new byte[] {(byte) slot});
      Header h =
          new Header(
              0,
              2,
              slot,
              parent.header().round() + 1,
              parent.id(),
              p,
              vrf.proof(),
              (int) slot,
              c,
              r,
              r,
              r,
              r,
              qc,
              Optional.empty());
      return new Block(h, List.of(), s.signProposal(c, (int) slot, Block.signingBytes(h.id())));
    }
    throw new AssertionError("proposer never leads again before slot 64");
  }

  @Test
  void aProposalUnderAnOlderCertificateThanTheChainUsedIsRefused() {
    Block first = firstProposal();
    int p = first.header().proposer();
    assertThat(first.header().opCert().counter()).isEqualTo(1);
    // The previous certificate (counter 0, periods 0..63) still covers these slots: only the
    // counter rule can refuse it.
    Block stale = child(first, slot -> SimCrypto.signer(p).opCert(0).orElseThrow());
    Block current = child(first, slot -> SimCrypto.signer(p).opCert(slot).orElseThrow());
    assertThat(stale.header().opCert().counter()).isZero();
    assertThat(stale.header().slot()).isEqualTo(current.header().slot());

    Consensus c = node((p + 1) % N);
    long t = stale.header().slot() * 500 + 10;
    assertThat(of(c.onEvent(new Event.ProposalReceived(first, t)), Action.Rejected.class))
        .isEmpty();
    List<Action> refused = c.onEvent(new Event.ProposalReceived(stale, t));
    assertThat(of(refused, Action.Rejected.class))
        .extracting(r -> r.error().code())
        .containsExactly("CONSENSUS_STALE_OPCERT");
    assertThat(c.block(stale.id())).isEmpty();

    List<Action> accepted = c.onEvent(new Event.ProposalReceived(current, t));
    assertThat(of(accepted, Action.Rejected.class)).isEmpty();
    assertThat(c.block(current.id())).isPresent();
  }

  @Test
  void aCertificateNotSignedByTheColdKeyIsRefused() {
    Block first = firstProposal();
    int p = first.header().proposer();
    // Someone else's cold signature on this proposer's certificate.
    Block forged =
        child(
            first,
            slot -> {
              OpCert real = SimCrypto.signer(p).opCert(slot).orElseThrow();
              OpCert other = SimCrypto.signer((p + 1) % N).opCert(slot).orElseThrow();
              return new OpCert(
                  real.hotKey(), real.counter(), real.startPeriod(), other.coldSignature());
            });
    Consensus c = node((p + 2) % N);
    long t = forged.header().slot() * 500 + 10;
    c.onEvent(new Event.ProposalReceived(first, t));
    assertThat(of(c.onEvent(new Event.ProposalReceived(forged, t)), Action.Rejected.class))
        .extracting(r -> r.error().code())
        .containsExactly("CONSENSUS_BAD_SIGNATURE");
  }
}
