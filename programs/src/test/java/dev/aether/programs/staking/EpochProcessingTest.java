package dev.aether.programs.staking;

import static dev.aether.programs.staking.Fixtures.ok;
import static dev.aether.programs.staking.Fixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.programs.staking.StakingChain.Keys;
import dev.aether.programs.staking.StakingChain.User;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Ratio;
import dev.aether.types.Receipt;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Epoch boundaries on a real ledger: rewards, downtime and jail, double-sign slashing. */
class EpochProcessingTest {
  static final BigInteger STAKE = BigInteger.valueOf(StakingChain.GENESIS_STAKE);
  final User alice = User.of("alice");
  final User bob = User.of("bob");
  final User carol = User.of("carol");
  final User dave = User.of("dave");

  private static SignerSet allBut(int n, int missing) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != missing) {
        idx.add(i);
      }
    }
    return SignerSet.of(idx);
  }

  private static BigInteger commission(BigInteger reward) {
    return reward.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
  }

  private static BigInteger at(StakingChain c, User u, Address v) {
    return c.view().stake(u.address(), c.epoch()).delegations().stream()
        .filter(p -> p.validator().equals(v))
        .findFirst()
        .orElseThrow()
        .tokens();
  }

  private static BigInteger credited(StakingChain c, Address op) {
    return new Staking(Store.of(c.ledger.newBlockState())).rewards(op).credited();
  }

  @Test
  void feesAndInflationArePaidByStakeAndParticipationWithCommission() {
    StakingChain c = StakingChain.inMemory(4, alice);
    Address v0 = c.genesisValidators.get(0).operator();
    ok(c.one(c.tx(alice.key(), StakingCalls.delegate(v0, STAKE))));
    c.toEpoch(1);
    // Epoch 1 (sets recorded at genesis: equal stakes). Everyone signs every QC.
    c.block(List.of());
    BigInteger pool = c.feePool();
    assertThat(pool).isPositive(); // alice's fee, kept in the pool when epoch 0 paid out
    List<BigInteger> before = new ArrayList<>();
    for (Keys k : c.genesisValidators) {
      before.add(credited(c, k.operator()));
    }
    BigInteger feesInEpoch = BigInteger.ZERO;
    c.toEpoch(2); // the boundary block: pays epoch 1
    EpochValidatorSet set = c.set(1).orElseThrow();
    BigInteger minted = c.view().params().inflationFor(set.totalStake());
    BigInteger pot = pool.add(feesInEpoch).add(minted);
    BigInteger paid = BigInteger.ZERO;
    for (int i = 0; i < 4; i++) {
      Address op = c.genesisValidators.get(i).operator();
      BigInteger got = credited(c, op).subtract(before.get(i));
      assertThat(got).isEqualTo(pot.divide(BigInteger.valueOf(4))); // equal stake, all signed
      paid = paid.add(got);
    }
    assertThat(c.feePool()).isEqualTo(pot.subtract(paid));
    assertThat(c.view().totals().minted()).isGreaterThanOrEqualTo(minted);
    // v0: 5 % commission to the operator, the rest pro rata by shares. Alice delegated as much
    // as the operator's self-bond in epoch 0's first block, so both held half of v0's shares in
    // both paid epochs: each gets half of what is left after commission, within rounding.
    BigInteger r0 = before.get(0);
    BigInteger r1 = credited(c, v0).subtract(r0);
    BigInteger commission = commission(r0).add(commission(r1));
    BigInteger rest = r0.add(r1).subtract(commission);
    BigInteger alicePending = c.view().stake(alice.address(), 2).pendingRewards();
    BigInteger opPending = c.view().stake(v0, 2).pendingRewards();
    BigInteger half = rest.divide(BigInteger.TWO);
    assertThat(alicePending).isBetween(half.subtract(BigInteger.TWO), half);
    assertThat(opPending.subtract(commission)).isBetween(half.subtract(BigInteger.TWO), half);
    assertThat(alicePending.add(opPending)).isLessThanOrEqualTo(credited(c, v0));
    // claims pay exactly the pending amount
    BigInteger balance = c.swr(alice.address());
    Receipt r = c.one(c.tx(alice.key(), StakingCalls.claim(v0)));
    ok(r);
    assertThat(c.swr(alice.address()))
        .isEqualTo(balance.add(alicePending).subtract(r.feePaid().value()));
    assertThat(c.view().stake(alice.address(), 2).pendingRewards()).isZero();
  }

  @Test
  void missedVotesAboveTheThresholdLeakAndJailUntilUnjail() {
    StakingChain c = StakingChain.inMemory(4, alice);
    c.toEpoch(1);
    EpochValidatorSet set1 = c.set(1).orElseThrow();
    int idx = 2;
    Address lazy = set1.validators().get(idx).operator();
    Keys lazyKeys =
        c.genesisValidators.stream()
            .filter(k -> k.operator().equals(lazy))
            .findFirst()
            .orElseThrow();
    c.signers = n -> allBut(n, idx);
    c.toEpoch(2); // boundary: epoch 1 is processed with its last QC counted
    c.signers = StakingChain::all;
    var info = c.view().validator(lazy, 2).orElseThrow();
    assertThat(info.status()).isEqualTo(StakingView.Status.JAILED);
    assertThat(info.jailedUntil()).isEqualTo(1 + 1 + 1);
    // every QC of epoch 1 lacked it: leak = stake · 1/1000 · missed
    long missed = StakingChain.EPOCH_SLOTS; // blocks 10..19 carry QCs for 9..18, block 20 for 19
    BigInteger leak = STAKE.multiply(BigInteger.valueOf(missed)).divide(BigInteger.valueOf(1000));
    assertThat(info.stake()).isEqualTo(STAKE.subtract(leak));
    // half the leak goes to the treasury ([governance].treasury_slash_share_bps), half is burned
    assertThat(c.view().totals().burned()).isEqualTo(leak.subtract(treasuryShare(leak)));
    // the set recorded at this boundary (epoch 3) leaves it out; epoch 2 still has it
    assertThat(c.set(2).orElseThrow().indexOf(lazy)).isPresent();
    assertThat(c.set(3).orElseThrow().indexOf(lazy)).isEmpty();
    refused(c.one(c.tx(lazyKeys.cold(), StakingCalls.unjail())), StakingError.JAIL_NOT_OVER);
    c.toEpoch(3);
    ok(c.one(c.tx(lazyKeys.cold(), StakingCalls.unjail())));
    c.toEpoch(4);
    assertThat(c.set(5).orElseThrow().indexOf(lazy)).isPresent();
    // those who signed were not touched
    for (Keys k : c.genesisValidators) {
      if (!k.operator().equals(lazy)) {
        assertThat(c.view().validator(k.operator(), 4).orElseThrow().stake()).isEqualTo(STAKE);
      }
    }
  }

  /** The staking program's value events in the own receipt of the chain's last block. */
  private static List<ValueEvent> lastBlockEvents(StakingChain c) {
    return c
        .ledger
        .blockReceipt(c.ledger.head().height())
        .orElseThrow()
        .receipt()
        .valueEvents()
        .stream()
        .filter(e -> e.emitter().equals(StakingProgram.ID))
        .map(ValueEvent.Emitted::event)
        .toList();
  }

  private static BigInteger sum(List<ValueEvent> events, ValueEvent.Kind kind, String cause) {
    return events.stream()
        .filter(e -> e.kind() == kind && e.cause().equals(cause))
        .map(e -> e.amount().value())
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  @Test
  void theBoundaryBlocksReceiptSaysEveryRewardLeakAndBurn() {
    StakingChain c = StakingChain.inMemory(4, alice);
    c.toEpoch(1);
    int idx = 2;
    Address lazy = c.set(1).orElseThrow().validators().get(idx).operator();
    c.signers = n -> allBut(n, idx);
    BigInteger poolBefore = c.feePool();
    BigInteger treasuryBefore = c.swr(dev.aether.ledger.StateKeys.TREASURY);
    c.toEpoch(2); // the boundary block: epoch 1's downtime and rewards
    List<ValueEvent> events = lastBlockEvents(c);
    long missed = StakingChain.EPOCH_SLOTS;
    BigInteger leak = STAKE.multiply(BigInteger.valueOf(missed)).divide(BigInteger.valueOf(1000));
    Bytes epoch1 = EpochProcessor.epochRef(1);
    assertThat(events)
        .contains(
            ValueEvent.slash(lazy, AssetId.SWR, new Amount(leak), "downtime", epoch1),
            ValueEvent.credit(
                dev.aether.ledger.StateKeys.TREASURY,
                AssetId.SWR,
                new Amount(treasuryShare(leak)),
                "downtime",
                epoch1),
            ValueEvent.burn(
                AssetId.SWR, new Amount(leak.subtract(treasuryShare(leak))), "downtime", epoch1));
    // What the slash took is exactly what was credited and burned.
    assertThat(sum(events, ValueEvent.Kind.SLASH, "downtime"))
        .isEqualTo(
            sum(events, ValueEvent.Kind.CREDIT, "downtime")
                .add(sum(events, ValueEvent.Kind.BURN, "downtime")));
    // Inflation into the fee pool, then one reward debit per paid validator, naming it.
    BigInteger minted = sum(events, ValueEvent.Kind.CREDIT, "inflation");
    assertThat(minted).isPositive();
    List<ValueEvent> rewards = events.stream().filter(e -> e.cause().equals("reward")).toList();
    assertThat(rewards).hasSize(3); // the lazy one signed nothing: no reward, no event
    for (ValueEvent r : rewards) {
      assertThat(r.kind()).isEqualTo(ValueEvent.Kind.DEBIT);
      assertThat(r.account()).contains(dev.aether.ledger.StateKeys.FEE_POOL);
      Address named = new Address(H256.of(java.util.Arrays.copyOf(r.ref().toArray(), 32)));
      assertThat(c.set(1).orElseThrow().indexOf(named)).isPresent();
      assertThat(named).isNotEqualTo(lazy);
    }
    // Between the two reads only empty blocks ran: the pool moved by exactly the events.
    assertThat(c.feePool())
        .isEqualTo(poolBefore.add(minted).subtract(sum(events, ValueEvent.Kind.DEBIT, "reward")));
    assertThat(c.swr(dev.aether.ledger.StateKeys.TREASURY))
        .isEqualTo(treasuryBefore.add(treasuryShare(leak)));
  }

  @Test
  void theBlockThatEndsAnEpochCountsForItsConsensusEpochNotItsSlot() {
    StakingChain c = StakingChain.inMemory(4, alice);
    c.toEpoch(1);
    c.consensusEpoch = 1;
    c.blockAt(2 * StakingChain.EPOCH_SLOTS - 1, List.of());
    // the boundary block: past epoch 1's slots, still proposed by epoch 1's member 2
    c.proposer = 2;
    c.blockAt(2 * StakingChain.EPOCH_SLOTS + 3, List.of());
    Store s = Store.of(c.ledger.newBlockState());
    State.Participation one = EpochProcessor.participation(s, 1, 4);
    State.Participation two = EpochProcessor.participation(s, 2, 4);
    // slots 10 and 19 by member 0, then the boundary block by member 2
    assertThat(one.proposed()).containsExactly(2, 0, 1, 0);
    assertThat(two.proposed()[2]).isZero();
    assertThat(c.set(3)).isPresent(); // epoch 1 was processed at that block
    long certifiedInOne = one.certified();
    // the next block is epoch 2's: its QC certifies the boundary block, signed by epoch 1's set
    c.consensusEpoch = 2;
    c.block(List.of());
    s = Store.of(c.ledger.newBlockState());
    assertThat(EpochProcessor.participation(s, 1, 4).certified()).isEqualTo(certifiedInOne + 1);
    assertThat(EpochProcessor.participation(s, 2, 4).certified()).isZero();
  }

  @Test
  void aValidatorSlashedToNothingTakesNoDelegations() {
    StakingChain c = StakingChain.inMemory(4, StakingChain.stakingParams(), new Ratio(1, 1), alice);
    c.toEpoch(1);
    Address lazy = c.set(1).orElseThrow().validators().get(0).operator();
    c.signers = n -> allBut(n, 0);
    c.toEpoch(2);
    assertThat(c.view().validator(lazy, 2).orElseThrow().stake()).isZero();
    refused(c.one(c.tx(alice.key(), StakingCalls.delegate(lazy, STAKE))), StakingError.POOL_EMPTY);
  }

  @Test
  void doubleSigningSlashesBondedUnbondingAndRedelegatedStakeAndTombstones() {
    StakingChain c = StakingChain.inMemory(4, alice, bob, carol, dave);
    Keys g = c.genesisValidators.get(0);
    Address v0 = g.operator();
    Address v1 = c.genesisValidators.get(1).operator();
    BigInteger d = BigInteger.valueOf(10_000_000);
    for (User u : List.of(alice, bob, carol, dave)) {
      ok(c.one(c.tx(u.key(), StakingCalls.delegate(v0, d))));
    }
    ok(c.one(c.tx(dave.key(), StakingCalls.undelegate(v0, StakingCalls.ALL)))); // epoch 0
    c.toEpoch(1);
    ok(c.one(c.tx(bob.key(), StakingCalls.undelegate(v0, StakingCalls.ALL)))); // epoch 1
    ok(c.one(c.tx(carol.key(), StakingCalls.redelegate(v0, v1, StakingCalls.ALL))));
    c.toEpoch(2);
    EpochValidatorSet set2 = c.set(2).orElseThrow();
    int index = set2.indexOf(v0).orElseThrow();
    BigInteger stakeAtOffence = set2.validators().get(index).stake();
    // dave unbonded in epoch 0, before the set of epoch 2 was chosen; bob and carol after
    assertThat(stakeAtOffence).isEqualTo(STAKE.add(d.multiply(BigInteger.valueOf(3))));
    var before = new Staking(Store.of(c.ledger.newBlockState()));
    BigInteger bucket0 =
        before.store.read(State.Bucket.CODEC, StakingKeys.unbonding(v0, 0)).orElseThrow().tokens();
    BigInteger bucket1 =
        before.store.read(State.Bucket.CODEC, StakingKeys.unbonding(v0, 1)).orElseThrow().tokens();
    BigInteger carolAtV1 = at(c, carol, v1);
    BigInteger poolBefore = before.pool(v0).tokens();
    BigInteger reporterBefore = c.swr(alice.address());

    var evidence = Fixtures.doubleVote(g, 2, index, 77);
    Receipt r = c.one(c.tx(alice.key(), StakingCalls.submitEvidence(2, evidence)));
    ok(r);

    var after = new Staking(Store.of(c.ledger.newBlockState()));
    BigInteger target = stakeAtOffence.divide(BigInteger.valueOf(20));
    BigInteger cutBucket1 = bucket1.divide(BigInteger.valueOf(20));
    BigInteger cutCarol = carolAtV1.divide(BigInteger.valueOf(20));
    // unbonding that started before the offence epoch's set was chosen is not touched
    assertThat(
            after
                .store
                .read(State.Bucket.CODEC, StakingKeys.unbonding(v0, 0))
                .orElseThrow()
                .tokens())
        .isEqualTo(bucket0);
    assertThat(
            after
                .store
                .read(State.Bucket.CODEC, StakingKeys.unbonding(v0, 1))
                .orElseThrow()
                .tokens())
        .isEqualTo(bucket1.subtract(cutBucket1));
    BigInteger carolNow = at(c, carol, v1);
    assertThat(carolNow).isEqualTo(carolAtV1.subtract(cutCarol));
    BigInteger fromPool = target.subtract(cutBucket1).subtract(cutCarol);
    assertThat(after.pool(v0).tokens()).isEqualTo(poolBefore.subtract(fromPool));
    BigInteger slashed = target;
    BigInteger reward = slashed.divide(BigInteger.TEN);
    assertThat(c.swr(alice.address()))
        .isEqualTo(reporterBefore.add(reward).subtract(r.feePaid().value()));
    BigInteger rest = slashed.subtract(reward);
    assertThat(c.view().totals().burned()).isEqualTo(rest.subtract(treasuryShare(rest)));
    assertThat(c.view().totals().reporterPaid()).isEqualTo(reward);
    Bytes offence = EpochProcessor.validatorRef(v0, 2);
    assertThat(lastBlockEvents(c))
        .containsExactly(
            ValueEvent.slash(v0, AssetId.SWR, new Amount(slashed), "double_sign", offence),
            ValueEvent.credit(
                alice.address(), AssetId.SWR, new Amount(reward), "reporter_reward", offence),
            ValueEvent.credit(
                dev.aether.ledger.StateKeys.TREASURY,
                AssetId.SWR,
                new Amount(treasuryShare(rest)),
                "double_sign",
                offence),
            ValueEvent.burn(
                AssetId.SWR,
                new Amount(rest.subtract(treasuryShare(rest))),
                "double_sign",
                offence));
    assertThat(c.view().validator(v0, 2).orElseThrow().status())
        .isEqualTo(StakingView.Status.TOMBSTONED);

    // the same evidence twice is refused; other evidence against it slashes nothing more
    refused(
        c.one(c.tx(bob.key(), StakingCalls.submitEvidence(2, evidence))),
        StakingError.DUPLICATE_EVIDENCE);
    BigInteger poolNow = after.pool(v0).tokens();
    ok(
        c.one(
            c.tx(bob.key(), StakingCalls.submitEvidence(2, Fixtures.doubleVote(g, 2, index, 78)))));
    assertThat(c.view().validator(v0, 2).orElseThrow().stake()).isEqualTo(poolNow);
    refused(
        c.one(c.tx(bob.key(), StakingCalls.delegate(v0, d))), StakingError.VALIDATOR_TOMBSTONED);
    refused(
        c.one(c.tx(bob.key(), StakingCalls.redelegate(v1, v0, BigInteger.ONE))),
        StakingError.VALIDATOR_TOMBSTONED);
    refused(c.one(c.tx(g.cold(), StakingCalls.unjail())), StakingError.VALIDATOR_TOMBSTONED);
    // removed from the next recorded set, never to return
    c.toEpoch(3);
    assertThat(c.set(4).orElseThrow().indexOf(v0)).isEmpty();
    c.toEpoch(6);
    assertThat(c.set(7).orElseThrow().indexOf(v0)).isEmpty();
  }

  @Test
  void evidenceRefusals() {
    StakingChain c = StakingChain.inMemory(4, alice);
    c.toEpoch(3);
    Keys g = c.genesisValidators.get(0);
    int i = c.set(3).orElseThrow().indexOf(g.operator()).orElseThrow();
    Keys other = c.genesisValidators.get(1);
    // signed by another key than the named voter's
    refused(
        c.one(
            c.tx(alice.key(), StakingCalls.submitEvidence(3, Fixtures.doubleVote(other, 3, i, 5)))),
        StakingError.EVIDENCE_INVALID);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.submitEvidence(3, Fixtures.doubleVote(g, 3, 9, 5)))),
        StakingError.EVIDENCE_INVALID);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.submitEvidence(4, Fixtures.doubleVote(g, 4, i, 5)))),
        StakingError.EVIDENCE_FROM_FUTURE);
    c.toEpoch(4);
    refused(
        c.one(c.tx(alice.key(), StakingCalls.submitEvidence(1, Fixtures.doubleVote(g, 1, i, 5)))),
        StakingError.EVIDENCE_TOO_OLD);
    long s = 4 * StakingChain.EPOCH_SLOTS;
    refused(
        c.one(
            c.tx(
                alice.key(), StakingCalls.submitEvidence(4, Fixtures.doubleProposal(4, s, s + 1)))),
        StakingError.EVIDENCE_INVALID); // unsigned headers
    refused(
        c.one(
            c.tx(
                alice.key(), StakingCalls.submitEvidence(4, Fixtures.doubleProposal(3, s, s - 1)))),
        StakingError.EVIDENCE_WRONG_EPOCH);
    // nothing was slashed by any of it
    assertThat(c.view().totals().burned()).isZero();
  }

  @Test
  void evidenceInOneBlockIsBounded() {
    // 257 double votes cost ~77 M steps (two BLS checks each): past the default block budget of
    // 20 M steps (issue 18), which now bounds evidence per block first (see the next test). The
    // queue's own bound is checked here under a budget large enough to reach it.
    StakingChain c =
        StakingChain.inMemory(
            4,
            new dev.aether.genesis.GenesisConfig.Limits(
                2_000_000, 4L << 20, 100_000_000, 16, 4096, 65_536, 8),
            alice);
    Keys g = c.genesisValidators.get(0);
    int i = c.set(0).orElseThrow().indexOf(g.operator()).orElseThrow();
    List<Tx> txs = new ArrayList<>();
    long nonce = 0;
    for (int round = 1; round <= State.MAX_SLASH_QUEUE + 1; round++) {
      var body =
          StakingCalls.body(
              StakingChain.CHAIN,
              alice.address(),
              nonce++,
              List.of(StakingCalls.submitEvidence(0, Fixtures.doubleVote(g, 0, i, round))),
              0,
              StakingChain.FEE_CAP,
              Long.MAX_VALUE);
      txs.add(
          new Tx(
              body,
              List.of(
                  new dev.aether.types.TxSignature(
                      dev.aether.types.Bytes.of(alice.key().publicKey().bytes()),
                      dev.aether.types.Bytes.of(new byte[64])))));
    }
    List<Receipt> rs = c.block(txs);
    ok(rs.getFirst());
    refused(rs.getLast(), StakingError.EVIDENCE_QUEUE_FULL);
    assertThat(c.view().validator(g.operator(), 0).orElseThrow().status())
        .isEqualTo(StakingView.Status.TOMBSTONED);
  }

  @Test
  void theBlockStepBudgetBoundsEvidencePerBlock() {
    StakingChain c = StakingChain.inMemory(4, alice);
    Keys g = c.genesisValidators.get(0);
    int i = c.set(0).orElseThrow().indexOf(g.operator()).orElseThrow();
    List<Tx> txs = new ArrayList<>();
    for (int round = 1; round <= 100; round++) {
      var body =
          StakingCalls.body(
              StakingChain.CHAIN,
              alice.address(),
              round - 1,
              List.of(StakingCalls.submitEvidence(0, Fixtures.doubleVote(g, 0, i, round))),
              0,
              StakingChain.FEE_CAP,
              Long.MAX_VALUE);
      txs.add(
          new Tx(
              body,
              List.of(
                  new dev.aether.types.TxSignature(
                      dev.aether.types.Bytes.of(alice.key().publicKey().bytes()),
                      dev.aether.types.Bytes.of(new byte[64])))));
    }
    // 100 proofs (~30 M steps of BLS checks) do not fit one block: validators refuse it.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.block(txs))
        .isInstanceOfSatisfying(
            dev.aether.ledger.LedgerException.class,
            e -> assertThat(e.error().code()).isEqualTo("ledger.block_over_budget"));
  }

  /** The treasury's share of a slash under the default genesis governance section. */
  static BigInteger treasuryShare(BigInteger slashed) {
    return slashed
        .multiply(
            BigInteger.valueOf(
                dev.aether.genesis.GenesisConfig.Governance.DEFAULT.treasurySlashBps()))
        .divide(BigInteger.valueOf(10_000));
  }
}
