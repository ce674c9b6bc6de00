package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ChainParams;
import dev.aether.ledger.LinearFeeSchedule;
import dev.aether.ledger.StateObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runtime prices with the chain parameters a block's context carries (docs/adr/0045): rent, the
 * fee formula, and the congestion rule read from the state; its own configuration otherwise.
 */
class ParamsInForceTest {
  static final ChainParams PARAMS =
      new ChainParams(
          1,
          new LinearFeeSchedule(1, 2, 3, 4),
          7,
          3,
          2,
          5_000,
          500,
          1 << 20,
          1_000_000,
          0,
          0,
          Optional.empty());

  @Test
  void rentAndFeesComeFromTheBlocksParametersWhenItHasThem() {
    ContractCalls calls = ContractCalls.genesis(LinearFeeSchedule.GENESIS, 10);
    BlockContext plain = new BlockContext(1, 1, true);
    BlockContext governed = plain.withParams(Optional.of(PARAMS));
    assertThat(calls.rentOf(plain)).isEqualTo(RentSchedule.GENESIS);
    assertThat(calls.rentOf(governed)).isEqualTo(new RentSchedule(7, 3));
    assertThat(plain.feesOr(LinearFeeSchedule.GENESIS)).isEqualTo(LinearFeeSchedule.GENESIS);
    assertThat(governed.feesOr(LinearFeeSchedule.GENESIS)).isEqualTo(PARAMS.fees());
  }

  @Test
  void theCongestionRuleComesFromTheStateWhenItHoldsParameters() {
    CongestionMarket market = new CongestionMarket(CongestionRule.DEFAULT);
    dev.aether.ledger.BlockState none = new dev.aether.ledger.BlockState(key -> Optional.empty());
    assertThat(market.ruleIn(none)).isEqualTo(CongestionRule.DEFAULT);
    dev.aether.ledger.BlockState with =
        new dev.aether.ledger.BlockState(
            key ->
                key.equals(ChainParams.STATE_KEY)
                    ? Optional.<StateObject>of(PARAMS.toState())
                    : Optional.empty());
    assertThat(market.ruleIn(with)).isEqualTo(new CongestionRule(2, 5_000));
  }
}
