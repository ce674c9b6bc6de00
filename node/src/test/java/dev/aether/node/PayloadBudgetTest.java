package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadBudgetTest {
  private static final long MS = 1_000_000;

  @Test
  void unmeasuredItAllowsTheFullBlock() {
    assertThat(new PayloadBudget(150).maxTxs()).isEqualTo(PayloadBudget.MAX_TXS);
  }

  @Test
  void aProposalExecutesWithinOneVoteWindow() {
    PayloadBudget b = new PayloadBudget(150);
    b.executed(1_000, 100 * MS); // 100 µs per transaction, 150 ms of budget
    assertThat(b.maxTxs()).isEqualTo(1_500);
  }

  @Test
  void oneSlowBlockDoesNotShrinkTheNextProposals() {
    PayloadBudget b = new PayloadBudget(150);
    for (int i = 0; i < 5; i++) {
      b.executed(1_000, 100 * MS);
    }
    b.executed(100, 2_000 * MS); // 20 ms per transaction: a GC pause
    assertThat(b.maxTxs()).isEqualTo(1_500);
  }

  @Test
  void slowerExecutionShrinksProposalsButNeverBelowTheFloor() {
    PayloadBudget b = new PayloadBudget(150);
    for (int i = 0; i < PayloadBudget.SAMPLES; i++) {
      b.executed(1_000, 300 * MS);
    }
    assertThat(b.maxTxs()).isEqualTo(500);
    for (int i = 0; i < PayloadBudget.SAMPLES; i++) {
      b.executed(100, 10_000 * MS); // 100 ms per transaction: a machine in trouble
    }
    assertThat(b.maxTxs()).isEqualTo(PayloadBudget.MIN_TXS);
    for (int i = 0; i < PayloadBudget.SAMPLES; i++) {
      b.executed(1_000, 10 * MS); // recovered: 10 µs per transaction
    }
    assertThat(b.maxTxs()).isEqualTo(PayloadBudget.MAX_TXS);
  }

  @Test
  void smallBlocksAreNotSamples() {
    PayloadBudget b = new PayloadBudget(150);
    b.executed(PayloadBudget.MIN_SAMPLE_TXS - 1, 1_000 * MS);
    assertThat(b.maxTxs()).isEqualTo(PayloadBudget.MAX_TXS);
    assertThatThrownBy(() -> new PayloadBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
