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
  void aProposalExecutesInAThirdOfTheVoteWindow() {
    PayloadBudget b = new PayloadBudget(150);
    b.executed(1_000, 100 * MS); // 100 µs per transaction, 50 ms of budget
    assertThat(b.maxTxs()).isEqualTo(500);
  }

  @Test
  void slowerExecutionShrinksProposalsButNeverBelowTheFloor() {
    PayloadBudget b = new PayloadBudget(150);
    b.executed(1_000, 100 * MS);
    int before = b.maxTxs();
    b.executed(1_000, 400 * MS);
    assertThat(b.maxTxs()).isLessThan(before).isGreaterThanOrEqualTo(PayloadBudget.MIN_TXS);
    for (int i = 0; i < 50; i++) {
      b.executed(100, 10_000 * MS); // 100 ms per transaction: a machine in trouble
    }
    assertThat(b.maxTxs()).isEqualTo(PayloadBudget.MIN_TXS);
    for (int i = 0; i < 50; i++) {
      b.executed(1_000, 10 * MS); // recovered: 10 µs per transaction
    }
    assertThat(b.maxTxs()).isBetween(4_900, 5_000); // the average converges on 10 µs
  }

  @Test
  void smallBlocksAreNotSamples() {
    PayloadBudget b = new PayloadBudget(150);
    b.executed(PayloadBudget.MIN_SAMPLE_TXS - 1, 1_000 * MS);
    assertThat(b.maxTxs()).isEqualTo(PayloadBudget.MAX_TXS);
    assertThatThrownBy(() -> new PayloadBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
