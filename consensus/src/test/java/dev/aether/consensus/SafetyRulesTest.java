package dev.aether.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Bytes;
import dev.aether.types.SignerSet;
import dev.aether.types.TimeoutCert;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {
  private static TimeoutCert tc(long round, long... highQcRounds) {
    Integer[] idx = new Integer[highQcRounds.length];
    Long[] rounds = new Long[highQcRounds.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      rounds[i] = highQcRounds[i];
    }
    return new TimeoutCert(
        0, round, SignerSet.of(List.of(idx)), List.of(rounds), Bytes.of(new byte[96]));
  }

  @Test
  void votesOnlyForNewRoundsExtendingThePreviousQc() {
    SafetyState s = new SafetyState(0, 4, 3, 0);
    assertThat(SafetyRules.safeToVote(s, 5, 4, Optional.empty())).isTrue();
    assertThat(SafetyRules.safeToVote(s, 4, 3, Optional.empty())).isFalse(); // voted already
    assertThat(SafetyRules.safeToVote(s, 6, 4, Optional.empty())).isFalse(); // gap, no TC
  }

  @Test
  void afterATimeoutVotesOnlyForBlocksCarryingTheHighestQcOfTheTc() {
    SafetyState s = new SafetyState(0, 5, 3, 0);
    assertThat(SafetyRules.safeToVote(s, 6, 4, Optional.of(tc(5, 3, 4, 2)))).isTrue();
    assertThat(SafetyRules.safeToVote(s, 6, 3, Optional.of(tc(5, 3, 4, 2)))).isFalse();
    assertThat(SafetyRules.safeToVote(s, 7, 4, Optional.of(tc(5, 4)))).isFalse();
  }

  @Test
  void timeoutNeverCarriesAQcBelowTheLock() {
    SafetyState s = new SafetyState(0, 5, 4, 0);
    assertThat(SafetyRules.safeToTimeout(s, 5, 4, Optional.empty())).isTrue();
    assertThat(SafetyRules.safeToTimeout(s, 5, 3, Optional.of(tc(4, 3)))).isFalse();
    assertThat(SafetyRules.safeToTimeout(s, 7, 4, Optional.of(tc(6, 4)))).isTrue();
    assertThat(SafetyRules.safeToTimeout(new SafetyState(0, 7, 4, 0), 5, 4, Optional.empty()))
        .isFalse();
  }

  @Test
  void stateOnlyMovesForward() {
    SafetyState s = SafetyRules.afterVote(new SafetyState(0, 9, 7, 2), 5, 3);
    assertThat(s).isEqualTo(new SafetyState(0, 9, 7, 2));
    assertThat(SafetyRules.afterTimeout(s, 12).highestVotedRound()).isEqualTo(12);
    assertThat(SafetyRules.afterPropose(s, 10).highestProposedRound()).isEqualTo(10);
  }

  @Test
  void safetyStateRoundTripsThroughItsCodec() {
    SafetyState s = new SafetyState(0, 11, 10, 9);
    assertThat(SafetyState.CODEC.decode(SafetyState.CODEC.encode(s))).isEqualTo(s);
  }
}
