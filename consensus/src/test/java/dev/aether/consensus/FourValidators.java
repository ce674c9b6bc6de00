package dev.aether.consensus;

import dev.aether.consensus.sim.SimChain;
import dev.aether.consensus.sim.SimCrypto;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixture of the event-level tests that drive one node by hand: 4 equal validators, simulation
 * crypto and an empty genesis block (default parameters unless given).
 */
final class FourValidators {
  static final int N = 4;

  final SimCrypto crypto = new SimCrypto();
  final ValidatorSet set;
  final ConsensusConfig config;

  FourValidators() {
    this(ConsensusParams.defaults());
  }

  FourValidators(ConsensusParams params) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      vs.add(SimCrypto.validator(i, i, 100));
    }
    set = new ValidatorSet(vs);
    config = new ConsensusConfig(params, SimChain.genesis(), ValidatorSetSource.fixed(set));
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
    return firstProposal(1, 50);
  }

  /** The first proposal any validator makes from a fresh start in slots {@code [from, to)}. */
  Block firstProposal(long from, long to) {
    for (long slot = from; slot < to; slot++) {
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
    throw new AssertionError("no proposer in slots " + from + ".." + (to - 1));
  }
}
