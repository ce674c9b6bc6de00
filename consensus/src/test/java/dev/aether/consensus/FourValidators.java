package dev.aether.consensus;

import dev.aether.consensus.sim.SimCrypto;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.OpCert;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixture of the event-level tests that drive one node by hand: 4 equal validators, default
 * parameters, simulation crypto and an empty genesis block.
 */
final class FourValidators {
  static final int N = 4;

  final SimCrypto crypto = new SimCrypto();
  final ValidatorSet set;
  final ConsensusConfig config;

  FourValidators() {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      vs.add(SimCrypto.validator(i, i, 100));
    }
    set = new ValidatorSet(vs);
    Header genesis =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            OpCert.NONE,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            H256.ZERO,
            new QuorumCert(0, 0, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    config =
        new ConsensusConfig(
            ConsensusParams.defaults(),
            new Block(genesis, List.of(), Bytes.EMPTY),
            ValidatorSetSource.fixed(set));
  }

  /** Validator {@code i}'s state machine, started at time 0 from {@code s}. */
  Consensus node(int i, SafetyState s) {
    Consensus c = new Consensus(config, crypto, Optional.of(SimCrypto.signer(i)), s);
    c.onEvent(new Event.Start(0));
    return c;
  }

  static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The first proposal any validator makes from a fresh start, slot by slot. */
  Block firstProposal() {
    for (long slot = 1; slot < 50; slot++) {
      for (int i = 0; i < N; i++) {
        Consensus c = node(i, SafetyState.INITIAL);
        List<Action> a = c.onEvent(new Event.TimerFired(new Timer.SlotStart(slot), slot * 500));
        for (Action.RequestPayload r : of(a, Action.RequestPayload.class)) {
          H256 tx = Hashing.tagged("t", new byte[] {(byte) slot});
          List<Action> b =
              c.onEvent(new Event.PayloadReady(r.request(), List.of(), tx, tx, tx, tx, slot * 500));
          return of(b, Action.BroadcastProposal.class).getFirst().block();
        }
      }
    }
    throw new AssertionError("no proposer in 50 slots");
  }
}
