package dev.aether.programs.staking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Receipt;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void delegateAndCrossAnEpoch() {
    StakingChain.User alice = StakingChain.User.of("alice");
    StakingChain c = StakingChain.inMemory(4, alice);
    assertThat(c.set(0)).isPresent();
    assertThat(c.set(1)).isPresent();
    var v0 = c.genesisValidators.get(0).operator();
    Receipt r = c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BigInteger.valueOf(500_000))));
    assertThat(r.status()).as("error %s", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    c.toEpoch(1);
    assertThat(c.set(2)).isPresent();
    c.toEpoch(2);
    System.out.println(c.view().validators(c.epoch()));
    System.out.println(c.view().stake(alice.address(), c.epoch()));
  }
}
