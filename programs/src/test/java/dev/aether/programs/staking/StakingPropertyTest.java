package dev.aether.programs.staking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.staking.StakingChain.Keys;
import dev.aether.programs.staking.StakingChain.User;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Address;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.Receipt;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.codec.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of staking actions (valid and invalid), random participation and double-sign
 * evidence over many epochs, on two real ledgers — one with the runtime's parallel executor, one
 * serial — checking after every block:
 *
 * <ul>
 *   <li>supply: balances + bonded + unbonding + rewards not yet claimed change only by recorded
 *       inflation and slashes;
 *   <li>no pool, bucket or balance negative (the exact integers never wrap);
 *   <li>no withdrawal succeeds before its entry's maturity;
 *   <li>a slash cuts every unbonding bucket still bonded at the offence by exactly the fraction;
 *   <li>rewards credited equal what the fee pool paid plus what was minted, and claims plus what
 *       delegators are owed never exceed what was credited (the gap is rounding dust);
 *   <li>the parallel executor reaches the same state root as serial execution.
 * </ul>
 */
class StakingPropertyTest {
  static final int BLOCKS = 110;
  static final Map<String, Integer> TOTAL = new java.util.concurrent.ConcurrentHashMap<>();

  @org.junit.jupiter.api.AfterAll
  static void theSeedsTogetherReachedWithdrawalsAndSlashes() {
    assertThat(TOTAL.get("withdraw")).isPositive();
    assertThat(TOTAL.get("slashes")).isPositive();
    assertThat(TOTAL.get("slashedBuckets")).isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void invariantsHoldOverRandomActions(long seed) throws Exception {
    new Run(seed).go();
  }

  static final class Run {
    final SplittableRandom rnd;
    final List<User> users = new ArrayList<>();
    final List<Keys> validators = new ArrayList<>();
    final Keys newcomer = Keys.of("newcomer");
    final StakingChain serial;
    final StakingChain parallel;
    final ParallelExecutor executor = new ParallelExecutor(3);
    final Map<Address, BigInteger> claimed = new HashMap<>();
    final TreeSet<Address> everDelegated = new TreeSet<>();
    final TreeSet<Address> slashedThisBlock = new TreeSet<>();
    final Map<String, Integer> successes = new HashMap<>();
    int slashedBuckets;
    BigInteger initialSupply;

    Run(long seed) {
      rnd = new SplittableRandom(seed);
      for (int i = 0; i < 5; i++) {
        users.add(User.of("user" + i));
      }
      for (int i = 0; i < 4; i++) {
        validators.add(Keys.of("v" + i));
      }
      List<Address> funded = new ArrayList<>();
      users.forEach(u -> funded.add(u.address()));
      validators.forEach(k -> funded.add(k.operator()));
      funded.add(newcomer.operator());
      var config = StakingChain.config(validators, funded, StakingChain.stakingParams());
      serial = new StakingChain(config, validators, new MemoryStateStore());
      parallel = new StakingChain(config, validators, new MemoryStateStore(), executor);
    }

    List<Address> operators() {
      List<Address> ops = new ArrayList<>();
      validators.forEach(k -> ops.add(k.operator()));
      ops.add(newcomer.operator());
      return ops;
    }

    List<Address> accounts() {
      List<Address> as = new ArrayList<>();
      users.forEach(u -> as.add(u.address()));
      as.addAll(operators());
      as.add(StateKeys.FEE_POOL);
      as.add(StateKeys.TREASURY); // its share of fees and slashes stays in the supply
      return as;
    }

    void go() throws Exception {
      try (executor) {
        initialSupply = supply(serial);
        for (int b = 0; b < BLOCKS; b++) {
          step();
        }
      }
      // the run did reach the interesting places
      assertThat(serial.epoch()).isGreaterThanOrEqualTo(10);
      assertThat(serial.view().totals().minted()).isPositive();
      assertThat(successes)
          .containsKeys(
              StakingCalls.DELEGATE,
              StakingCalls.UNDELEGATE,
              StakingCalls.CLAIM,
              StakingCalls.REGISTER);
      TOTAL.merge("withdraw", successes.getOrDefault(StakingCalls.WITHDRAW, 0), Integer::sum);
      TOTAL.merge("slashes", successes.getOrDefault(StakingCalls.SUBMIT_EVIDENCE, 0), Integer::sum);
      TOTAL.merge("slashedBuckets", slashedBuckets, Integer::sum);
    }

    private BigInteger big(long bound) {
      return BigInteger.valueOf(1 + rnd.nextLong(bound));
    }

    private Address anyValidator() {
      List<Address> ops = operators();
      return ops.get(rnd.nextInt(ops.size()));
    }

    private Call randomCall(Address payer, boolean isOperator) {
      Address v = anyValidator();
      // mostly act on a validator the payer has stake with, so actions get past the basic checks
      var mine = serial.view().stake(payer, serial.epoch()).delegations();
      if (!mine.isEmpty() && rnd.nextInt(4) != 0) {
        v = mine.get(rnd.nextInt(mine.size())).validator();
      }
      int kind = rnd.nextInt(isOperator ? 10 : 8);
      return switch (kind) {
        case 0, 1 -> StakingCalls.delegate(v, big(50_000_000));
        case 2 ->
            StakingCalls.undelegate(v, rnd.nextBoolean() ? StakingCalls.ALL : big(30_000_000));
        case 3 -> StakingCalls.redelegate(v, anyValidator(), big(20_000_000));
        case 4 -> StakingCalls.withdraw(v, Math.max(0, serial.epoch() - rnd.nextInt(7)));
        case 5, 6 -> StakingCalls.claim(v);
        case 7 -> {
          long o = serial.epoch();
          EpochValidatorSet set = serial.set(o).orElseThrow();
          int i = rnd.nextInt(set.size());
          // prefer an offender with stake unbonding since the epoch before: slashes must reach it
          Map<String, BigInteger> bs = buckets(serial);
          for (int j = 0; j < set.size(); j++) {
            Address op = set.validators().get(j).operator();
            if (bs.containsKey(op + "/" + o) || bs.containsKey(op + "/" + (o - 1))) {
              i = j;
            }
          }
          final int idx = i;
          Keys k =
              validators.stream()
                  .filter(x -> x.operator().equals(set.validators().get(idx).operator()))
                  .findFirst()
                  .orElse(newcomer);
          yield StakingCalls.submitEvidence(o, Fixtures.doubleVote(k, o, idx, 1 + rnd.nextInt(3)));
        }
        case 8 -> StakingCalls.editCommission(rnd.nextInt(2_200));
        default -> StakingCalls.unjail();
      };
    }

    void step() {
      List<Tx> txs = new ArrayList<>();
      List<Call> calls = new ArrayList<>();
      int n = serial.slot == 3 ? 1 : rnd.nextInt(5);
      Map<Address, Long> nonces = new HashMap<>();
      for (int i = 0; i < n; i++) {
        boolean operator = rnd.nextInt(4) == 0;
        var key =
            operator
                ? validators.get(rnd.nextInt(validators.size())).cold()
                : users.get(rnd.nextInt(users.size())).key();
        if (serial.slot == 3) {
          key = newcomer.cold();
        }
        Address payer = Address.ofPublicKey(key.publicKey().bytes());
        Call call =
            serial.slot == 3
                ? StakingCalls.register(
                    newcomer.register(BigInteger.valueOf(300_000), 100, 1_000, 50))
                : randomCall(payer, operator);
        if (call.method().equals(StakingCalls.SUBMIT_EVIDENCE) && rnd.nextInt(6) != 0) {
          continue; // evidence is rare
        }
        long nonce = nonces.getOrDefault(payer, serial.ledger.account(payer).nonce());
        nonces.put(payer, nonce + 1);
        txs.add(withNonce(key, call, nonce));
        calls.add(call);
      }
      // participation: usually everyone; sometimes one validator is offline for a while
      int offline = serial.epoch() % 4 == 1 ? (int) (serial.epoch() % 3) : -1;
      serial.signers = size -> signers(size, offline);
      parallel.signers = serial.signers;
      serial.proposer = rnd.nextInt(4);
      parallel.proposer = serial.proposer;

      BigInteger creditedBefore = totalCredited(serial);
      BigInteger feePoolBefore = serial.feePool();
      var totalsBefore = serial.view().totals();
      Map<String, BigInteger> bucketsBefore = buckets(serial);
      Map<Address, Boolean> tombstonedBefore = new HashMap<>();
      for (Address op : operators()) {
        tombstonedBefore.put(
            op,
            serial
                .view()
                .validator(op, serial.epoch())
                .map(x -> x.status() == StakingView.Status.TOMBSTONED)
                .orElse(false));
      }
      List<Receipt> receipts = serial.block(txs);
      List<Receipt> preceipts = parallel.block(txs);
      assertThat(parallel.ledger.head().stateRoot())
          .as("parallel == serial at slot %d", serial.slot)
          .isEqualTo(serial.ledger.head().stateRoot());
      assertThat(preceipts).isEqualTo(receipts);

      long epoch = serial.epoch();
      BigInteger fees = BigInteger.ZERO;
      for (int i = 0; i < receipts.size(); i++) {
        Receipt r = receipts.get(i);
        fees = fees.add(r.feePaid().value());
        Call call = calls.get(i);
        Address payer = txs.get(i).body().payer();
        if (r.status() != Receipt.Status.SUCCESS) {
          if (call.method().equals(StakingCalls.WITHDRAW)) {
            System.out.println(
                "DEBUG withdraw refused "
                    + StakingError.ofNumber(r.errorCode())
                    + " "
                    + r.errorCode());
          }
          continue;
        }
        switch (call.method()) {
          case StakingCalls.WITHDRAW -> {
            long entryEpoch = StakingCalls.withdrawArgs(new Reader(call.args().toArray())).epoch();
            assertThat(epoch)
                .as("withdrawal before maturity")
                .isGreaterThanOrEqualTo(
                    entryEpoch + 2 + StakingChain.stakingParams().unbondingEpochs());
          }
          case StakingCalls.CLAIM -> {
            Address v = Address.CODEC.read(new Reader(call.args().toArray()));
            claimed.merge(v, eventAmount(r), BigInteger::add);
          }
          case StakingCalls.DELEGATE, StakingCalls.REDELEGATE, StakingCalls.REGISTER -> {
            everDelegated.add(payer);
          }
          case StakingCalls.SUBMIT_EVIDENCE -> {
            var e = StakingCalls.evidenceArgs(new Reader(call.args().toArray()));
            Address offender =
                serial
                    .set(e.offenceEpoch())
                    .orElseThrow()
                    .validators()
                    .get(e.evidence().offender())
                    .operator();
            if (!tombstonedBefore.get(offender) && slashedThisBlock.add(offender)) {
              for (long c = Math.max(0, e.offenceEpoch() - 1); c <= epoch; c++) {
                BigInteger b = bucketsBefore.get(offender + "/" + c);
                if (b != null) {
                  assertThat(buckets(serial).get(offender + "/" + c))
                      .as("slash reaches the unbonding bucket of epoch %d", c)
                      .isEqualTo(b.subtract(b.divide(BigInteger.valueOf(20))));
                  slashedBuckets++;
                }
              }
            }
          }
          default -> {}
        }
      }
      var totals = serial.view().totals();
      // supply changes only by inflation and slashes
      assertThat(supply(serial))
          .as("supply at slot %d", serial.slot)
          .isEqualTo(initialSupply.add(totals.minted()).subtract(totals.burned()));
      // what was credited to validators is exactly what the fee pool paid plus what was minted
      BigInteger creditedNow = totalCredited(serial);
      assertThat(creditedNow.subtract(creditedBefore))
          .isEqualTo(
              feePoolBefore
                  .add(fees.subtract(treasuryShareOf(fees)))
                  .add(totals.minted().subtract(totalsBefore.minted()))
                  .subtract(serial.feePool()));
      // claims plus what is owed never exceed what was credited; the gap is rounding dust
      for (Address op : operators()) {
        BigInteger owed = BigInteger.ZERO;
        for (Address d : accounts()) {
          owed = owed.add(owedBy(serial, op, d));
        }
        BigInteger gap =
            credited(serial, op).subtract(owed).subtract(claimed.getOrDefault(op, BigInteger.ZERO));
        assertThat(gap).as("reward escrow of %s", op).isNotNegative();
        assertThat(gap)
            .isLessThanOrEqualTo(BigInteger.valueOf(2L * everDelegated.size() + epoch + 2));
      }
      assertThat(totals.burned()).isGreaterThanOrEqualTo(totalsBefore.burned());
      slashedThisBlock.clear();
      if (receipts.stream().anyMatch(r -> r.status() == Receipt.Status.SUCCESS)) {
        successes.merge("any", 1, Integer::sum);
      }
      for (int i = 0; i < receipts.size(); i++) {
        if (receipts.get(i).status() == Receipt.Status.SUCCESS) {
          successes.merge(calls.get(i).method(), 1, Integer::sum);
        }
      }
    }

    Map<String, BigInteger> buckets(StakingChain c) {
      Staking st = new Staking(Store.of(c.ledger.newBlockState()));
      Map<String, BigInteger> out = new HashMap<>();
      for (Address op : operators()) {
        for (long e = 0; e <= c.epoch(); e++) {
          var b = st.store.read(State.Bucket.CODEC, StakingKeys.unbonding(op, e));
          if (b.isPresent()) {
            out.put(op + "/" + e, b.get().tokens());
          }
        }
      }
      return out;
    }

    private static BigInteger eventAmount(Receipt r) {
      Event e = r.events().getFirst();
      Reader in = new Reader(e.data().toArray());
      Address.CODEC.read(in);
      return Num.read(in, "amount");
    }

    private Tx withNonce(dev.aether.crypto.Ed25519KeyPair key, Call call, long nonce) {
      Address payer = Address.ofPublicKey(key.publicKey().bytes());
      var body =
          StakingCalls.body(
              StakingChain.CHAIN,
              payer,
              nonce,
              List.of(call),
              (serial.slot + 1) / StakingChain.EPOCH_SLOTS,
              StakingChain.FEE_CAP,
              Long.MAX_VALUE);
      return new Tx(
          body,
          List.of(
              new dev.aether.types.TxSignature(
                  dev.aether.types.Bytes.of(key.publicKey().bytes()),
                  dev.aether.types.Bytes.of(new byte[64]))));
    }

    private static SignerSet signers(int size, int offline) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        if (i != offline) {
          idx.add(i);
        }
      }
      return SignerSet.of(idx);
    }

    BigInteger supply(StakingChain c) {
      Staking st = new Staking(Store.of(c.ledger.newBlockState()));
      BigInteger total = BigInteger.ZERO;
      for (Address a : accounts()) {
        total = total.add(c.swr(a));
      }
      for (Address op : operators()) {
        State.Pool p = st.pool(op);
        assertThat(p.tokens()).isNotNegative();
        assertThat(p.shares()).isNotNegative();
        total = total.add(p.tokens()).add(st.rewards(op).credited());
        total = total.subtract(claimed.getOrDefault(op, BigInteger.ZERO));
        for (long e = 0; e <= c.epoch(); e++) {
          var b = st.store.read(State.Bucket.CODEC, StakingKeys.unbonding(op, e));
          if (b.isPresent()) {
            assertThat(b.get().tokens()).isNotNegative();
            total = total.add(b.get().tokens());
          }
        }
      }
      return total;
    }

    BigInteger totalCredited(StakingChain c) {
      BigInteger t = BigInteger.ZERO;
      for (Address op : operators()) {
        t = t.add(credited(c, op));
      }
      return t;
    }

    static BigInteger credited(StakingChain c, Address op) {
      return new Staking(Store.of(c.ledger.newBlockState())).rewards(op).credited();
    }

    static BigInteger owedBy(StakingChain c, Address op, Address d) {
      Staking st = new Staking(Store.of(c.ledger.newBlockState()));
      return st.delegation(op, d)
          .map(x -> x.settle(st.rewards(op).acc()).unclaimed())
          .orElse(BigInteger.ZERO);
    }
  }

  /** What of a block's fees the ledger pays the treasury (default genesis governance section). */
  static BigInteger treasuryShareOf(BigInteger fees) {
    return fees.multiply(
            BigInteger.valueOf(
                dev.aether.genesis.GenesisConfig.Governance.DEFAULT.treasuryFeeBps()))
        .divide(BigInteger.valueOf(10_000));
  }
}
