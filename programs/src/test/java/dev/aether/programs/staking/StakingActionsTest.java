package dev.aether.programs.staking;

import static dev.aether.programs.staking.Fixtures.ok;
import static dev.aether.programs.staking.Fixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.programs.staking.StakingChain.Keys;
import dev.aether.programs.staking.StakingChain.User;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each staking action on a real ledger, its effect, and every refusal with its stable code. */
class StakingActionsTest {
  static final BigInteger BOND = BigInteger.valueOf(200_000);
  final User alice = User.of("alice");
  final User bob = User.of("bob");
  final StakingChain c = StakingChain.inMemory(4, alice, bob);
  final Address v0 = c.genesisValidators.get(0).operator();
  final Address v1 = c.genesisValidators.get(1).operator();

  private Keys fresh(String name) {
    return Keys.of(name);
  }

  private Receipt register(Keys k, BigInteger bond, int bps, int max, int change) {
    return c.one(c.tx(k.cold(), StakingCalls.register(k.register(bond, bps, max, change))));
  }

  private void fund(Keys k) {
    ok(
        c.one(
            dev.aether.ledger.BankProgram.signed(
                alice.key(),
                dev.aether.ledger.BankProgram.transferBody(
                    StakingChain.CHAIN,
                    alice.address(),
                    c.ledger.account(alice.address()).nonce(),
                    k.operator(),
                    dev.aether.types.Value.of(dev.aether.types.AssetId.SWR, 10_000_000_000L),
                    StakingChain.FEE_CAP,
                    Long.MAX_VALUE))));
  }

  // ---------------------------------------------------------------- register

  @Test
  void registeredValidatorIsPendingThenJoinsTheSetTwoEpochsLater() {
    Keys k = fresh("joiner");
    fund(k);
    BigInteger before = c.swr(k.operator());
    Receipt r = register(k, BOND, 1_000, 2_000, 100);
    ok(r);
    assertThat(c.swr(k.operator())).isEqualTo(before.subtract(BOND).subtract(r.feePaid().value()));
    var info = c.view().validator(k.operator(), c.epoch()).orElseThrow();
    assertThat(info.status()).isEqualTo(StakingView.Status.PENDING);
    assertThat(info.selfBond()).isEqualTo(BOND);
    assertThat(info.commissionBps()).isEqualTo(1_000);
    // Registered in epoch 0: the boundary into epoch 1 records the set of epoch 2.
    c.toEpoch(1);
    assertThat(c.set(1).orElseThrow().indexOf(k.operator())).isEmpty();
    assertThat(c.set(2).orElseThrow().indexOf(k.operator())).isPresent();
    c.toEpoch(2);
    assertThat(c.view().validator(k.operator(), c.epoch()).orElseThrow().status())
        .isEqualTo(StakingView.Status.ACTIVE);
    EpochValidator m =
        c.set(2).orElseThrow().validators().get(c.set(2).orElseThrow().indexOf(k.operator()).get());
    assertThat(m.blsKey()).isEqualTo(Bytes.of(k.bls().publicKey().bytes()));
    assertThat(m.coldKey()).isEqualTo(k.coldKey());
    assertThat(m.stake()).isEqualTo(BOND);
  }

  @Test
  void registerRefusals() {
    Keys k = fresh("joiner");
    fund(k);
    // signed by someone else than the cold key
    refused(
        c.one(c.tx(alice.key(), StakingCalls.register(k.register(BOND, 0, 100, 10)))),
        StakingError.NOT_OPERATOR);
    // proof of possession of another BLS key
    var r = k.register(BOND, 0, 100, 10);
    var badPop =
        new StakingCalls.Register(
            r.name(),
            r.nodeKey(),
            r.blsKey(),
            Bytes.of(fresh("other").bls().provePossession().bytes()),
            r.vrfKey(),
            r.coldKey(),
            0,
            100,
            10,
            BOND);
    refused(
        c.one(c.tx(k.cold(), StakingCalls.register(badPop))),
        StakingError.INVALID_PROOF_OF_POSSESSION);
    refused(register(k, BigInteger.valueOf(99_999), 0, 100, 10), StakingError.SELF_BOND_TOO_LOW);
    refused(register(k, BOND, 0, 6_000, 10), StakingError.COMMISSION_OUT_OF_RANGE);
    refused(register(k, BOND, 300, 200, 10), StakingError.COMMISSION_OUT_OF_RANGE);
    refused(register(k, BOND, 100, 200, 300), StakingError.COMMISSION_OUT_OF_RANGE);
    // reuses validator 0's BLS key (with its valid proof of possession)
    Keys g0 = c.genesisValidators.get(0);
    var stolen =
        new StakingCalls.Register(
            r.name(),
            r.nodeKey(),
            Bytes.of(g0.bls().publicKey().bytes()),
            Bytes.of(g0.bls().provePossession().bytes()),
            r.vrfKey(),
            r.coldKey(),
            0,
            100,
            10,
            BOND);
    refused(c.one(c.tx(k.cold(), StakingCalls.register(stolen))), StakingError.KEY_IN_USE);
    // none of the refusals changed anything
    assertThat(c.view().validator(k.operator(), 0)).isEmpty();
    ok(register(k, BOND, 0, 100, 10));
    refused(register(k, BOND, 0, 100, 10), StakingError.ALREADY_REGISTERED);
  }

  @Test
  void registryIsBoundedByMaxCandidates() {
    var s = StakingChain.stakingParams();
    var tight =
        new dev.aether.genesis.GenesisConfig.Staking(
            s.unbondingEpochs(),
            s.minSelfBond(),
            4,
            4,
            s.maxCommissionBps(),
            s.inflation(),
            s.downtimeThreshold(),
            s.jailEpochs(),
            s.reporterReward());
    StakingChain full = StakingChain.inMemory(4, tight, new dev.aether.types.Ratio(1, 1000), alice);
    Keys k = fresh("fifth");
    ok(
        full.one(
            dev.aether.ledger.BankProgram.signed(
                alice.key(),
                dev.aether.ledger.BankProgram.transferBody(
                    StakingChain.CHAIN,
                    alice.address(),
                    0,
                    k.operator(),
                    dev.aether.types.Value.of(dev.aether.types.AssetId.SWR, 10_000_000_000L),
                    StakingChain.FEE_CAP,
                    Long.MAX_VALUE))));
    refused(
        full.one(full.tx(k.cold(), StakingCalls.register(k.register(BOND, 0, 100, 10)))),
        StakingError.TOO_MANY_CANDIDATES);
  }

  @Test
  void theSetIsTheTopMaxValidatorsByStake() {
    var s = StakingChain.stakingParams();
    var four =
        new dev.aether.genesis.GenesisConfig.Staking(
            s.unbondingEpochs(),
            s.minSelfBond(),
            4,
            8,
            s.maxCommissionBps(),
            s.inflation(),
            s.downtimeThreshold(),
            s.jailEpochs(),
            s.reporterReward());
    StakingChain ch = StakingChain.inMemory(4, four, new dev.aether.types.Ratio(1, 1000), alice);
    Keys k = fresh("whale");
    ok(
        ch.one(
            dev.aether.ledger.BankProgram.signed(
                alice.key(),
                dev.aether.ledger.BankProgram.transferBody(
                    StakingChain.CHAIN,
                    alice.address(),
                    0,
                    k.operator(),
                    dev.aether.types.Value.of(dev.aether.types.AssetId.SWR, 10_000_000_000L),
                    StakingChain.FEE_CAP,
                    Long.MAX_VALUE))));
    BigInteger big = BigInteger.valueOf(2 * StakingChain.GENESIS_STAKE);
    ok(ch.one(ch.tx(k.cold(), StakingCalls.register(k.register(big, 0, 100, 10)))));
    ch.toEpoch(1);
    EpochValidatorSet next = ch.set(2).orElseThrow();
    assertThat(next.size()).isEqualTo(4);
    assertThat(next.indexOf(k.operator())).isPresent();
    // ties broken by operator address: the highest genesis operator is left out
    Address highest =
        ch.genesisValidators.stream().map(Keys::operator).max(Address::compareTo).orElseThrow();
    assertThat(next.indexOf(highest)).isEmpty();
    assertThat(ch.view().validator(highest, 2).orElseThrow().status())
        .isEqualTo(StakingView.Status.PENDING);
    for (int i = 1; i < next.size(); i++) {
      assertThat(next.validators().get(i - 1).operator())
          .isLessThan(next.validators().get(i).operator());
    }
  }

  @Test
  void malformedArgumentsAreRefused() {
    Address payer = alice.address();
    TxBody body =
        StakingCalls.body(
            StakingChain.CHAIN,
            payer,
            0,
            List.of(StakingCalls.claim(v0)),
            0,
            StakingChain.FEE_CAP,
            Long.MAX_VALUE);
    Call garbage = new Call(StakingProgram.ID, StakingCalls.CLAIM, Bytes.of(new byte[] {1, 2, 3}));
    TxBody bad =
        new TxBody(
            body.chainId(),
            body.payer(),
            body.nonce(),
            body.inputs(),
            body.reads(),
            body.writes(),
            body.outputs(),
            List.of(garbage),
            body.mint(),
            body.burn(),
            body.feeCap(),
            body.validFrom(),
            body.validUntil());
    Tx tx =
        new Tx(
            bad,
            List.of(
                new TxSignature(
                    Bytes.of(alice.key().publicKey().bytes()), Bytes.of(new byte[64]))));
    refused(c.one(tx), StakingError.MALFORMED_ARGS);
  }

  // ---------------------------------------------------------------- delegate / undelegate

  @Test
  void delegateUndelegateWithdrawAfterTheDelay() {
    BigInteger start = c.swr(alice.address());
    Receipt d = c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BOND)));
    ok(d);
    assertThat(c.view().stake(alice.address(), 0).delegations().getFirst().tokens())
        .isEqualTo(BOND);
    Receipt u = c.one(c.tx(alice.key(), StakingCalls.undelegate(v0, StakingCalls.ALL)));
    ok(u);
    var unbonding = c.view().stake(alice.address(), 0).unbonding();
    assertThat(unbonding).hasSize(1);
    assertThat(unbonding.getFirst().tokens()).isEqualTo(BOND);
    long mature = unbonding.getFirst().withdrawableFromEpoch();
    assertThat(mature).isEqualTo(0 + 2 + 2);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.withdraw(v0, 0))), StakingError.UNBONDING_NOT_MATURE);
    c.toEpoch(mature - 1);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.withdraw(v0, 0))), StakingError.UNBONDING_NOT_MATURE);
    c.toEpoch(mature);
    BigInteger before = c.swr(alice.address());
    Receipt w = c.one(c.tx(alice.key(), StakingCalls.withdraw(v0, 0)));
    ok(w);
    assertThat(c.swr(alice.address())).isEqualTo(before.add(BOND).subtract(w.feePaid().value()));
    refused(
        c.one(c.tx(alice.key(), StakingCalls.withdraw(v0, 0))), StakingError.NO_UNBONDING_ENTRY);
    assertThat(start).isGreaterThan(c.swr(alice.address())); // only fees were spent
  }

  @Test
  void delegationRefusals() {
    refused(
        c.one(c.tx(alice.key(), StakingCalls.delegate(alice.address(), BOND))),
        StakingError.UNKNOWN_VALIDATOR);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BigInteger.ZERO))),
        StakingError.ZERO_AMOUNT);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.undelegate(v0, BOND))), StakingError.NO_DELEGATION);
    ok(c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BOND))));
    refused(
        c.one(c.tx(alice.key(), StakingCalls.undelegate(v0, BOND.add(BigInteger.ONE)))),
        StakingError.INSUFFICIENT_STAKE);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.redelegate(v0, v0, BOND))),
        StakingError.SAME_VALIDATOR);
    refused(c.one(c.tx(bob.key(), StakingCalls.claim(v0))), StakingError.NOTHING_TO_CLAIM);
    refused(c.one(c.tx(alice.key(), StakingCalls.claim(v0))), StakingError.NOTHING_TO_CLAIM);
  }

  @Test
  void operatorKeepsTheMinimumSelfBondOrLeavesEntirely() {
    Keys g0 = c.genesisValidators.get(0);
    BigInteger self = BigInteger.valueOf(StakingChain.GENESIS_STAKE);
    refused(
        c.one(
            c.tx(
                g0.cold(), StakingCalls.undelegate(v0, self.subtract(BigInteger.valueOf(50_000))))),
        StakingError.SELF_BOND_BELOW_MINIMUM);
    ok(c.one(c.tx(g0.cold(), StakingCalls.undelegate(v0, self.subtract(BOND)))));
    ok(c.one(c.tx(g0.cold(), StakingCalls.undelegate(v0, StakingCalls.ALL))));
    assertThat(c.view().validator(v0, 0).orElseThrow().status())
        .isEqualTo(StakingView.Status.UNBONDING);
    c.toEpoch(1);
    assertThat(c.set(2).orElseThrow().indexOf(v0)).isEmpty();
  }

  // ---------------------------------------------------------------- redelegate

  @Test
  void redelegationMovesStakeAtOnceAndLocksIt() {
    ok(c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BOND))));
    ok(c.one(c.tx(alice.key(), StakingCalls.redelegate(v0, v1, BigInteger.valueOf(50_000)))));
    var stake = c.view().stake(alice.address(), 0);
    assertThat(stake.delegations())
        .extracting(StakingView.Position::validator, StakingView.Position::tokens)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(v0, BigInteger.valueOf(150_000)),
            org.assertj.core.groups.Tuple.tuple(v1, BigInteger.valueOf(50_000)));
    // while still slashable for v0, the stake cannot leave v1
    refused(
        c.one(c.tx(alice.key(), StakingCalls.undelegate(v1, BigInteger.ONE))),
        StakingError.REDELEGATION_LOCKED);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.redelegate(v1, v0, BigInteger.ONE))),
        StakingError.REDELEGATION_LOCKED);
    c.toEpoch(4);
    ok(c.one(c.tx(alice.key(), StakingCalls.undelegate(v1, BigInteger.ONE))));
  }

  @Test
  void redelegationsFromOneValidatorAreBoundedPerEpoch() {
    ok(c.one(c.tx(alice.key(), StakingCalls.delegate(v0, BOND))));
    List<Tx> txs = new java.util.ArrayList<>();
    long nonce = c.ledger.account(alice.address()).nonce();
    for (int i = 0; i <= State.MAX_REDELEGATIONS; i++) {
      TxBody b =
          StakingCalls.body(
              StakingChain.CHAIN,
              alice.address(),
              nonce + i,
              List.of(StakingCalls.redelegate(v0, v1, BigInteger.TEN)),
              0,
              StakingChain.FEE_CAP,
              Long.MAX_VALUE);
      txs.add(
          new Tx(
              b,
              List.of(
                  new TxSignature(
                      Bytes.of(alice.key().publicKey().bytes()), Bytes.of(new byte[64])))));
    }
    List<Receipt> rs = c.block(txs);
    for (int i = 0; i < State.MAX_REDELEGATIONS; i++) {
      ok(rs.get(i));
    }
    refused(rs.getLast(), StakingError.REDELEGATION_QUEUE_FULL);
  }

  // ---------------------------------------------------------------- commission

  @Test
  void commissionMovesWithinItsLimitsOncePerEpoch() {
    Keys g0 = c.genesisValidators.get(0);
    refused(
        c.one(c.tx(g0.cold(), StakingCalls.editCommission(700))),
        StakingError.COMMISSION_CHANGE_TOO_LARGE);
    refused(
        c.one(c.tx(g0.cold(), StakingCalls.editCommission(2_001))),
        StakingError.COMMISSION_OUT_OF_RANGE);
    ok(c.one(c.tx(g0.cold(), StakingCalls.editCommission(600))));
    refused(
        c.one(c.tx(g0.cold(), StakingCalls.editCommission(650))),
        StakingError.COMMISSION_CHANGED_THIS_EPOCH);
    c.toEpoch(1);
    ok(c.one(c.tx(g0.cold(), StakingCalls.editCommission(650))));
    assertThat(c.view().validator(v0, 1).orElseThrow().commissionBps()).isEqualTo(650);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.editCommission(600))), StakingError.UNKNOWN_VALIDATOR);
  }

  @Test
  void unjailRefusedWhenNotJailed() {
    refused(
        c.one(c.tx(c.genesisValidators.get(0).cold(), StakingCalls.unjail())),
        StakingError.NOT_JAILED);
  }
}
