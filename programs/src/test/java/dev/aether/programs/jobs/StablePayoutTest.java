package dev.aether.programs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The job escrow's stablecoin payout through a real ledger with the AMM: the provider's pay is
 * valued at the AIC/USDT pool's time-weighted average price over at least {@code
 * twap_window_slots}, so a price pushed within the settling block does not move the USDT paid —
 * pushed up, the payout is the same; pushed down, the settlement is refused and nothing changes.
 */
class StablePayoutTest {
  private static final Ed25519KeyPair POSTER = JobsProgramTest.key("poster");
  private static final Ed25519KeyPair TRADER = JobsProgramTest.key("trader");
  private static final TestProvider PROVIDER = new TestProvider("p1");
  private static final BigInteger PRICE = BigInteger.valueOf(100_000);
  private static final BigInteger BOND = BigInteger.valueOf(100_000);
  // 4 AIC per USDT: 0.25 USDT per AIC.
  private static final BigInteger POOL_AIC = BigInteger.valueOf(40_000_000);
  private static final BigInteger POOL_USDT = BigInteger.valueOf(10_000_000);

  private static JobsChain chain() {
    JobsChain c =
        new JobsChain(
            List.of(JobsProgramTest.addr(POSTER), JobsProgramTest.addr(TRADER), PROVIDER.address()),
            true,
            new GenesisConfig.Amm(
                30,
                16,
                List.of(
                    new GenesisConfig.Amm.Pool(
                        AssetId.AIC,
                        AssetId.USDT,
                        new Amount(POOL_AIC),
                        new Amount(POOL_USDT),
                        JobsProgramTest.addr(TRADER)))));
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.register(PROVIDER.registration()))));
    return c;
  }

  private static void ok(Receipt r) {
    assertThat(r.errorCode()).as("receipt error %d", r.errorCode()).isZero();
  }

  private static void refused(Receipt r, int code) {
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(code);
  }

  /** A job posted, accepted and submitted, its challenge window over, a TWAP window behind it. */
  private static H256 settleable(JobsChain c) {
    ok(c.one(c.tx(TRADER, JobsCalls.observePrice())));
    H256 id = c.nextJobId(POSTER);
    ok(
        c.one(
            c.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        10,
                        PRICE,
                        30_000,
                        c.slot + 50,
                        Optional.empty(),
                        Optional.of(TestProvider.SEED))))));
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BOND))));
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.submit(id, PROVIDER.publish(id, 0)))));
    c.toSlot(c.slot + JobsParams.DEFAULT_TWAP_WINDOW_SLOTS);
    return id;
  }

  /**
   * The expected USDT, computed independently: no trade in the window, so the average is the spot
   * price {@code floor(usdt·2^112/aic)}; cost = 100 000 × 1/10, burn 2 → pay 9 998 AIC; 1% haircut.
   */
  private static BigInteger expectedUsdt() {
    BigInteger price = POOL_USDT.shiftLeft(112).divide(POOL_AIC);
    BigInteger pay = BigInteger.valueOf(9_998);
    return pay.multiply(price)
        .multiply(BigInteger.valueOf(9_900))
        .divide(BigInteger.ONE.shiftLeft(112).multiply(BigInteger.valueOf(10_000)));
  }

  @Test
  void thePayoutIsTheTwapValueAndAPriceMoveInsideTheBlockDoesNotChangeIt() {
    // Chain A: the provider settles in USDT in a quiet block.
    JobsChain a = chain();
    H256 ida = settleable(a);
    BigInteger usdtBefore = a.balance(PROVIDER.address(), AssetId.USDT);
    BigInteger aicBefore = a.balance(PROVIDER.address(), AssetId.AIC);
    ok(a.one(a.tx(PROVIDER.key, JobsCalls.settleStable(ida))));
    BigInteger paidA = a.balance(PROVIDER.address(), AssetId.USDT).subtract(usdtBefore);
    assertThat(paidA).isEqualTo(expectedUsdt()).isEqualTo(BigInteger.valueOf(2_474));
    JobRecord ja = a.view().job(ida).orElseThrow();
    assertThat(ja.status()).isEqualTo(JobStatus.SETTLED);
    assertThat(ja.outcome().paid()).isEqualTo(BigInteger.valueOf(9_998));
    // The provider gets its bond and whatever AIC the purchase did not need.
    BigInteger leftoverA = a.balance(PROVIDER.address(), AssetId.AIC).subtract(aicBefore);
    assertThat(leftoverA)
        .isGreaterThanOrEqualTo(BOND)
        .isLessThan(BOND.add(BigInteger.valueOf(9_998)));

    // Chain B, same history: in the settling block a trader first buys a twentieth of the pool's
    // AIC (the spot price of AIC in USDT up ~11%), and sells it back after the settlement.
    JobsChain b = chain();
    H256 idb = settleable(b);
    assertThat(idb).isEqualTo(ida);
    BigInteger usdtBeforeB = b.balance(PROVIDER.address(), AssetId.USDT);
    BigInteger bought = POOL_AIC.divide(BigInteger.valueOf(20));
    List<Receipt> rs =
        b.block(
            List.of(
                b.ammTx(
                    TRADER,
                    AmmCalls.swapExactOut(
                        List.of(AssetId.USDT, AssetId.AIC),
                        bought,
                        BigInteger.valueOf(1_000_000),
                        Long.MAX_VALUE)),
                b.tx(PROVIDER.key, JobsCalls.settleStable(idb)),
                b.ammTx(
                    TRADER,
                    1,
                    AmmCalls.swapExactIn(
                        List.of(AssetId.AIC, AssetId.USDT),
                        bought,
                        BigInteger.ONE,
                        Long.MAX_VALUE))));
    rs.forEach(StablePayoutTest::ok);
    BigInteger paidB = b.balance(PROVIDER.address(), AssetId.USDT).subtract(usdtBeforeB);
    assertThat(paidB).isEqualTo(paidA);
    // The pushed price only made the purchase cheaper: more AIC was left to the provider.
    assertThat(b.balance(PROVIDER.address(), AssetId.AIC))
        .isGreaterThan(a.balance(PROVIDER.address(), AssetId.AIC));
  }

  @Test
  void aPriceDumpedInsideTheBlockDelaysThePayoutAndChangesNothing() {
    JobsChain c = chain();
    H256 id = settleable(c);
    BigInteger usdt = c.balance(PROVIDER.address(), AssetId.USDT);
    BigInteger aic = c.balance(PROVIDER.address(), AssetId.AIC);
    // The trader sells AIC worth a fifth of the pool: the spot price of AIC falls ~30%.
    List<Receipt> rs =
        c.block(
            List.of(
                c.ammTx(
                    TRADER,
                    AmmCalls.swapExactIn(
                        List.of(AssetId.AIC, AssetId.USDT),
                        BigInteger.valueOf(900_000),
                        BigInteger.ONE,
                        Long.MAX_VALUE)),
                c.tx(PROVIDER.key, JobsCalls.settleStable(id))));
    ok(rs.get(0));
    // 900 000 AIC is under a fortieth of the pool: the dip is about 4.4%, beyond the 1% haircut.
    refused(rs.get(1), JobsError.PRICE_DEVIATION.number());
    assertThat(c.view().job(id).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
    assertThat(c.balance(PROVIDER.address(), AssetId.USDT)).isEqualTo(usdt);
    // Only the fee of the refused transaction was taken (in SWR), no AIC moved.
    assertThat(c.balance(PROVIDER.address(), AssetId.AIC)).isEqualTo(aic);
    // The AIC settlement stays open to anyone.
    ok(c.one(c.tx(POSTER, JobsCalls.settle(id))));
  }

  @Test
  void refusals() {
    JobsChain c = chain();
    // No reading yet.
    H256 id = c.nextJobId(POSTER);
    ok(
        c.one(
            c.tx(
                POSTER,
                JobsCalls.post(
                    new JobsCalls.PostJob(
                        TestProvider.MODEL_HASH,
                        TestProvider.CODE_HASH,
                        10,
                        PRICE,
                        30_000,
                        c.slot + 50,
                        Optional.empty(),
                        Optional.of(TestProvider.SEED))))));
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.accept(id, PROVIDER.address(), BOND))));
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.submit(id, PROVIDER.publish(id, 0)))));
    refused(c.one(c.tx(PROVIDER.key, JobsCalls.settleStable(id))), JobsError.WINDOW_OPEN.number());
    c.toSlot(c.slot + JobsChain.WINDOW);
    refused(c.one(c.tx(PROVIDER.key, JobsCalls.settleStable(id))), JobsError.NO_TWAP.number());
    ok(c.one(c.tx(TRADER, JobsCalls.observePrice())));
    refused(c.one(c.tx(TRADER, JobsCalls.observePrice())), JobsError.ORACLE_TOO_SOON.number());
    assertThat(c.view().oracle().readings()).hasSize(1);
    // A reading younger than the window is no base either.
    refused(c.one(c.tx(PROVIDER.key, JobsCalls.settleStable(id))), JobsError.NO_TWAP.number());
    c.toSlot(c.slot + JobsParams.DEFAULT_TWAP_WINDOW_SLOTS);
    refused(c.one(c.tx(POSTER, JobsCalls.settleStable(id))), JobsError.NOT_PROVIDER.number());
    ok(c.one(c.tx(PROVIDER.key, JobsCalls.settleStable(id))));
    refused(c.one(c.tx(PROVIDER.key, JobsCalls.settleStable(id))), JobsError.WRONG_STATUS.number());
  }

  @Test
  void theOracleKeepsEightReadingsAQuarterWindowApart() {
    JobsChain c = chain();
    long spacing = PriceOracle.spacing(JobsParams.DEFAULT_TWAP_WINDOW_SLOTS);
    for (int i = 0; i < PriceOracle.CAPACITY + 3; i++) {
      ok(c.one(c.tx(TRADER, JobsCalls.observePrice())));
      c.toSlot(c.slot + spacing);
    }
    PriceOracle o = c.view().oracle();
    assertThat(o.readings()).hasSize(PriceOracle.CAPACITY);
    for (int i = 1; i < o.readings().size(); i++) {
      assertThat(o.readings().get(i).slot() - o.readings().get(i - 1).slot())
          .isGreaterThanOrEqualTo(spacing);
    }
    PriceOracle.Reading newest = o.newest().orElseThrow();
    long now = newest.slot() + 1;
    assertThat(o.baseFor(now, JobsParams.DEFAULT_TWAP_WINDOW_SLOTS).orElseThrow().slot())
        .isLessThanOrEqualTo(now - JobsParams.DEFAULT_TWAP_WINDOW_SLOTS);
    assertThat(PriceOracle.CODEC.decode(PriceOracle.CODEC.encode(o))).isEqualTo(o);
  }

  @Test
  void stableValueIsOneFloorDivision() {
    BigInteger q = BigInteger.ONE.shiftLeft(112);
    assertThat(Escrow.stableValue(BigInteger.valueOf(3), q, 0)).isEqualTo(BigInteger.valueOf(3));
    assertThat(Escrow.stableValue(BigInteger.valueOf(3), q, 100)).isEqualTo(BigInteger.TWO);
    assertThat(Escrow.stableValue(BigInteger.valueOf(100), q.shiftRight(1), 100))
        .isEqualTo(BigInteger.valueOf(49)); // 49.5, floored once
    BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    assertThat(Escrow.stableValue(max, q, 0)).isEqualTo(max);
  }
}
