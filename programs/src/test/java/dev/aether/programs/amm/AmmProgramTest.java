package dev.aether.programs.amm;

import static dev.aether.programs.amm.AmmFixture.AIC;
import static dev.aether.programs.amm.AmmFixture.NO_DEADLINE;
import static dev.aether.programs.amm.AmmFixture.SWR;
import static dev.aether.programs.amm.AmmFixture.USDT;
import static dev.aether.programs.amm.AmmFixture.add;
import static dev.aether.programs.amm.AmmFixture.big;
import static dev.aether.programs.amm.AmmFixture.swapIn;
import static dev.aether.programs.amm.AmmFixture.swapOut;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.ProgramsChain;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each AMM action on a real ledger, its exact effect, and every refusal with its stable code. */
class AmmProgramTest {
  static final BigInteger TEN_K = big(10_000);

  static BigInteger out(BigInteger dx, BigInteger x, BigInteger y, int fee) {
    BigInteger f = dx.multiply(TEN_K.subtract(big(fee))).divide(TEN_K);
    return f.multiply(y).divide(x.add(f));
  }

  static void refused(Receipt r, AmmError e) {
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).as("expected %s", e.code()).isEqualTo(e.number());
  }

  static void ok(Receipt r) {
    assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
  }

  @Test
  void genesisPoolsAreFundedAndTheirProviderHoldsTheFirstShares() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            1,
            List.of(
                new GenesisConfig.Amm.Pool(
                    AIC, USDT, Amount.of(4_000_000), Amount.of(1_000_000), provider.address())));
    Pool p = f.pool(USDT, AIC);
    assertThat(p.reserveOf(AIC)).isEqualTo(big(4_000_000));
    assertThat(p.reserveOf(USDT)).isEqualTo(big(1_000_000));
    assertThat(p.lpSupply()).isEqualTo(big(2_000_000)); // sqrt(4e12)
    assertThat(p.feeBps()).isEqualTo(30);
    assertThat(f.balance(provider, p.lpAsset())).isEqualTo(big(2_000_000 - 1_000));
    assertThat(AmmView.pools(f.chain.ledger.state())).containsExactly(p);
  }

  @Test
  void createAddSwapAndRemoveMoveExactlyTheAmountsTheFormulasGive() {
    AmmFixture f = new AmmFixture(2, List.of());
    ProgramsChain.User lp = f.user(0);
    ProgramsChain.User trader = f.user(1);
    ok(f.run(lp, AmmCalls.create(USDT, AIC)));
    Pool empty = f.pool(AIC, USDT);
    assertThat(empty.lpSupply()).isZero();

    // First deposit: all of both, sqrt(a·b) shares of which 1000 are locked.
    BigInteger aicBefore = f.balance(lp, AIC);
    ok(f.run(lp, add(AIC, USDT, big(1_000_000), big(4_000_000))));
    Pool p = f.pool(AIC, USDT);
    AssetId lpToken = p.lpAsset();
    assertThat(f.balance(lp, lpToken)).isEqualTo(big(1_999_000));
    assertThat(p.lpSupply()).isEqualTo(big(2_000_000));
    assertThat(aicBefore.subtract(f.balance(lp, AIC))).isEqualTo(big(1_000_000));

    // A proportional deposit takes 2e6 USDT of the 5e6 offered; the excess stays.
    BigInteger usdtBefore = f.balance(lp, USDT);
    ok(f.run(lp, add(AIC, USDT, big(500_000), big(5_000_000))));
    assertThat(usdtBefore.subtract(f.balance(lp, USDT))).isEqualTo(big(2_000_000));
    assertThat(f.balance(lp, lpToken)).isEqualTo(big(2_999_000));
    p = f.pool(AIC, USDT);
    assertThat(p.reserveOf(AIC)).isEqualTo(big(1_500_000));
    assertThat(p.reserveOf(USDT)).isEqualTo(big(6_000_000));

    // Exact input: the brief's formula, to the unit.
    BigInteger expected = out(big(10_000), big(1_500_000), big(6_000_000), 30);
    BigInteger traderUsdt = f.balance(trader, USDT);
    BigInteger traderAic = f.balance(trader, AIC);
    ok(f.run(trader, swapIn(big(10_000), expected, AIC, USDT)));
    assertThat(f.balance(trader, USDT).subtract(traderUsdt)).isEqualTo(expected);
    assertThat(traderAic.subtract(f.balance(trader, AIC))).isEqualTo(big(10_000));
    p = f.pool(AIC, USDT);
    assertThat(p.reserveOf(USDT)).isEqualTo(big(6_000_000).subtract(expected));

    // Exact output: the smallest input that yields the amount, and exactly the amount paid.
    BigInteger want = big(25_000);
    BigInteger x = p.reserveOf(USDT);
    BigInteger y = p.reserveOf(AIC);
    BigInteger need = AmmMath.amountIn(want, x, y, 30);
    assertThat(out(need, x, y, 30)).isGreaterThanOrEqualTo(want);
    assertThat(out(need.subtract(BigInteger.ONE), x, y, 30)).isLessThan(want);
    traderAic = f.balance(trader, AIC);
    traderUsdt = f.balance(trader, USDT);
    ok(f.run(trader, swapOut(want, need, USDT, AIC)));
    assertThat(f.balance(trader, AIC).subtract(traderAic)).isEqualTo(want);
    assertThat(traderUsdt.subtract(f.balance(trader, USDT))).isEqualTo(need);

    // Remove every share: floor(shares·reserve/supply) of each; the locked 1000 stay.
    p = f.pool(AIC, USDT);
    BigInteger shares = f.balance(lp, lpToken);
    BigInteger outA = shares.multiply(p.reserveOf(AIC)).divide(p.lpSupply());
    BigInteger outU = shares.multiply(p.reserveOf(USDT)).divide(p.lpSupply());
    aicBefore = f.balance(lp, AIC);
    ok(f.run(lp, AmmCalls.remove(new AmmCalls.Remove(AIC, USDT, shares, outA, outU, NO_DEADLINE))));
    assertThat(f.balance(lp, AIC).subtract(aicBefore)).isEqualTo(outA);
    assertThat(f.balance(lp, lpToken)).isZero();
    Pool after = f.pool(AIC, USDT);
    assertThat(after.lpSupply()).isEqualTo(AmmMath.MINIMUM_LIQUIDITY);
    assertThat(after.reserveOf(AIC)).isPositive();
    assertThat(after.reserveOf(USDT)).isPositive();
  }

  @Test
  void aMultiHopRouteSwapsThroughEveryPoolInOneTransaction() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            2,
            List.of(
                new GenesisConfig.Amm.Pool(
                    SWR, AIC, Amount.of(50_000_000), Amount.of(200_000_000), provider.address()),
                new GenesisConfig.Amm.Pool(
                    AIC, USDT, Amount.of(300_000_000), Amount.of(90_000_000), provider.address())));
    ProgramsChain.User trader = f.user(1);
    BigInteger hop1 = out(big(1_000_000), big(50_000_000), big(200_000_000), 30);
    BigInteger hop2 = out(hop1, big(300_000_000), big(90_000_000), 30);
    BigInteger aic = f.balance(trader, AIC);
    BigInteger usdt = f.balance(trader, USDT);
    Receipt r = f.run(trader, swapIn(big(1_000_000), hop2, SWR, AIC, USDT));
    ok(r);
    assertThat(f.balance(trader, USDT).subtract(usdt)).isEqualTo(hop2);
    assertThat(f.balance(trader, AIC)).isEqualTo(aic); // the middle asset never touched it
    assertThat(f.pool(SWR, AIC).reserveOf(AIC)).isEqualTo(big(200_000_000).subtract(hop1));
    assertThat(f.pool(AIC, USDT).reserveOf(AIC)).isEqualTo(big(300_000_000).add(hop1));
    // A route is refused as a whole when its last hop falls short of min_out.
    refused(
        f.run(trader, swapIn(big(1_000_000), big(10).pow(12), SWR, AIC, USDT)),
        AmmError.INSUFFICIENT_OUTPUT);
  }

  @Test
  void everyRefusalHasItsCodeAndChangesNothingButTheFee() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            2,
            List.of(
                new GenesisConfig.Amm.Pool(
                    AIC, USDT, Amount.of(4_000_000), Amount.of(1_000_000), provider.address())));
    ProgramsChain.User u = f.user(1);
    Pool before = f.pool(AIC, USDT);
    BigInteger aic = f.balance(u, AIC);
    refused(f.run(u, AmmCalls.create(AIC, AIC)), AmmError.SAME_ASSET);
    refused(f.run(u, AmmCalls.create(USDT, AIC)), AmmError.POOL_EXISTS);
    refused(f.run(u, swapIn(big(10), BigInteger.ZERO, SWR, USDT)), AmmError.UNKNOWN_POOL);
    refused(f.run(u, swapIn(BigInteger.ZERO, BigInteger.ZERO, AIC, USDT)), AmmError.ZERO_AMOUNT);
    BigInteger fair = out(big(1_000), big(4_000_000), big(1_000_000), 30);
    refused(
        f.run(u, swapIn(big(1_000), fair.add(BigInteger.ONE), AIC, USDT)),
        AmmError.INSUFFICIENT_OUTPUT);
    BigInteger need = AmmMath.amountIn(big(1_000), big(4_000_000), big(1_000_000), 30);
    refused(
        f.run(u, swapOut(big(1_000), need.subtract(BigInteger.ONE), AIC, USDT)),
        AmmError.EXCESSIVE_INPUT);
    refused(
        f.run(u, swapOut(big(1_000_000), big(10).pow(20), AIC, USDT)),
        AmmError.INSUFFICIENT_LIQUIDITY);
    refused(
        f.run(u, AmmCalls.swapExactIn(List.of(AIC, USDT), big(10), BigInteger.ZERO, f.chain.slot)),
        AmmError.EXPIRED);
    refused(f.run(u, swapIn(big(10), BigInteger.ZERO, AIC, USDT, AIC)), AmmError.BAD_PATH);
    refused(f.run(u, swapIn(big(10), BigInteger.ZERO, AIC)), AmmError.BAD_PATH);
    refused(
        f.run(
            u,
            AmmCalls.add(
                new AmmCalls.Add(
                    AIC, USDT, big(4_000), big(1_000), big(4_000), big(1_001), NO_DEADLINE))),
        AmmError.DEPOSIT_BELOW_MINIMUM);
    refused(
        f.run(
            u,
            AmmCalls.remove(
                new AmmCalls.Remove(
                    AIC, USDT, big(1), BigInteger.ZERO, BigInteger.ZERO, NO_DEADLINE))),
        AmmError.INSUFFICIENT_LIQUIDITY_BURNED);
    ok(f.run(u, AmmCalls.create(SWR, USDT)));
    refused(
        f.run(u, add(SWR, USDT, big(1_000), big(1_000))), AmmError.INSUFFICIENT_LIQUIDITY_MINTED);
    Call garbage = new Call(AmmProgram.ID, AmmCalls.SWAP_EXACT_IN, Bytes.of(new byte[] {1, 2}));
    refused(
        f.chain.one(
            f.chain.tx(
                u.key(),
                nonce ->
                    new TxBody(
                        ProgramsChain.CHAIN,
                        u.address(),
                        nonce,
                        List.of(),
                        List.of(),
                        List.copyOf(
                            new java.util.TreeSet<>(
                                List.of(StateKeys.account(u.address()), AmmKeys.pool(AIC, USDT)))),
                        List.of(),
                        List.of(garbage),
                        dev.aether.types.Value.EMPTY,
                        dev.aether.types.Value.EMPTY,
                        Amount.of(ProgramsChain.FEE_CAP),
                        0,
                        Long.MAX_VALUE))),
        AmmError.MALFORMED_ARGS);
    // More LP shares than the account holds: the ledger's insufficient funds.
    Receipt tooMany =
        f.run(
            u,
            AmmCalls.remove(
                new AmmCalls.Remove(
                    AIC, USDT, big(1_000_000), BigInteger.ZERO, BigInteger.ZERO, NO_DEADLINE)));
    assertThat(tooMany.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(tooMany.errorCode()).isEqualTo(305);
    // None of it changed the pool or the trader's tokens.
    assertThat(f.pool(AIC, USDT)).isEqualTo(before);
    assertThat(f.balance(u, AIC)).isEqualTo(aic);
  }

  @Test
  void aSwapThatDoesNotDeclareItsPoolFailsWithAnAccessViolation() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            2,
            List.of(
                new GenesisConfig.Amm.Pool(
                    AIC, USDT, Amount.of(4_000_000), Amount.of(1_000_000), provider.address())));
    ProgramsChain.User u = f.user(1);
    Call swap = swapIn(big(1_000), BigInteger.ZERO, AIC, USDT);
    Tx undeclared =
        f.chain.tx(
            u.key(),
            nonce -> {
              TxBody b =
                  AmmCalls.body(
                      ProgramsChain.CHAIN,
                      u.address(),
                      nonce,
                      List.of(swap),
                      ProgramsChain.FEE_CAP,
                      Long.MAX_VALUE);
              return new TxBody(
                  b.chainId(),
                  b.payer(),
                  b.nonce(),
                  b.inputs(),
                  b.reads(),
                  List.of(StateKeys.account(u.address())),
                  b.outputs(),
                  b.calls(),
                  b.mint(),
                  b.burn(),
                  b.feeCap(),
                  b.validFrom(),
                  b.validUntil());
            });
    Receipt r = f.chain.one(undeclared);
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(301); // ledger.access_violation
    // The pool key and the payer's account are all a swap declares.
    assertThat(f.tx(u, swap).body().writes())
        .containsExactlyInAnyOrder(StateKeys.account(u.address()), AmmKeys.pool(AIC, USDT));
  }

  @Test
  void thePriceAccumulatorCountsEachSlotAtThePriceItBeganWith() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            2,
            List.of(
                new GenesisConfig.Amm.Pool(
                    AIC, USDT, Amount.of(4_000_000), Amount.of(1_000_000), provider.address())));
    ProgramsChain.User u = f.user(1);
    f.chain.toSlot(9);
    ok(f.run(u, swapIn(big(40_000), BigInteger.ZERO, AIC, USDT))); // slot 10
    Pool p1 = f.pool(AIC, USDT);
    // slots 0..10 at the genesis price 1e6/4e6 (USDT per AIC), 2^112 fixed point
    BigInteger genesisPrice = big(1_000_000).shiftLeft(112).divide(big(4_000_000));
    assertThat(p1.lastSlot()).isEqualTo(10);
    assertThat(p1.cumulativeOf(AIC)).isEqualTo(genesisPrice.multiply(big(10)));
    assertThat(p1.cumulativeOf(USDT))
        .isEqualTo(big(4_000_000).shiftLeft(112).divide(big(1_000_000)).multiply(big(10)));
    // Two swaps in one later slot: only the price at the slot's start is counted.
    f.chain.toSlot(14);
    f.chain.block(
        List.of(
            f.tx(u, swapIn(big(1_000), BigInteger.ZERO, AIC, USDT)),
            f.tx(f.user(0), swapIn(big(1_000), BigInteger.ZERO, USDT, AIC)))); // slot 15
    Pool p2 = f.pool(AIC, USDT);
    BigInteger priceAfterFirst = p1.reserveB().shiftLeft(112).divide(p1.reserveA());
    if (!p1.assetA().equals(AIC)) {
      priceAfterFirst = p1.reserveA().shiftLeft(112).divide(p1.reserveB());
    }
    assertThat(p2.cumulativeOf(AIC))
        .isEqualTo(p1.cumulativeOf(AIC).add(priceAfterFirst.multiply(big(5))));
    assertThat(p2.lastSlot()).isEqualTo(15);
    // A reader's TWAP over the window is that price exactly.
    Amm.Observation a = new Amm.Observation(AIC, USDT, p1.cumulativeOf(AIC), 10);
    Amm.Observation b = new Amm.Observation(AIC, USDT, p2.cumulativeOf(AIC), 15);
    assertThat(Amm.twap(a, b)).isEqualTo(priceAfterFirst);
  }

  @Test
  void aHotPoolPaysTheCongestionMultiplierWhileAnotherPoolDoesNot() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    AmmFixture f =
        new AmmFixture(
            72,
            List.of(
                new GenesisConfig.Amm.Pool(
                    AIC,
                    USDT,
                    Amount.of(4_000_000_000L),
                    Amount.of(1_000_000_000L),
                    provider.address()),
                new GenesisConfig.Amm.Pool(
                    SWR,
                    AIC,
                    Amount.of(1_000_000_000L),
                    Amount.of(1_000_000_000L),
                    provider.address())));
    // 70 swaps on AIC/USDT in one block: above the target of 64 writers per object.
    List<Tx> hot = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      hot.add(f.tx(f.user(i), swapIn(big(1_000), BigInteger.ZERO, AIC, USDT)));
    }
    f.chain.block(hot).forEach(AmmProgramTest::ok);
    Tx hotTx = f.tx(f.user(70), swapIn(big(1_000), BigInteger.ZERO, AIC, USDT));
    Tx calmTx = f.tx(f.user(71), swapIn(big(1_000), BigInteger.ZERO, SWR, AIC));
    List<Receipt> next = f.chain.block(List.of(hotTx, calmTx));
    Receipt onHot = next.get(0);
    Receipt onCalm = next.get(1);
    ok(onHot);
    ok(onCalm);
    // The calm pool's swap pays the 1x fee for its usage; the hot pool's pays more than 1x.
    assertThat(onCalm.feePaid()).isEqualTo(baseFee(calmTx, onCalm));
    assertThat(onHot.feePaid().value()).isGreaterThan(baseFee(hotTx, onHot).value());
  }

  static Amount baseFee(Tx tx, Receipt r) {
    return dev.aether.ledger.Fees.of(
        dev.aether.ledger.LinearFeeSchedule.GENESIS,
        dev.aether.ledger.FeeMultipliers.NONE,
        tx,
        tx.sizeBytes(),
        r.steps(),
        r.memBytes());
  }

  @Test
  void anotherProgramSwapsFromItsCustodyAndReadsTheTwapThroughTheApi() {
    ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
    EscrowProbe probe = new EscrowProbe();
    AmmFixture f = EscrowProbe.fixture(probe, provider);
    ProgramsChain.User poster = f.user(1);
    ProgramsChain.User payee = ProgramsChain.User.of("payee");
    // The probe takes 50_000 AIC into custody and pays them out as USDT through the pool.
    BigInteger expected = out(big(50_000), big(4_000_000), big(1_000_000), 30);
    BigInteger aic = f.balance(poster, AIC);
    Receipt r = f.chain.one(probe.payTx(f, poster, payee.address(), big(50_000), expected));
    ok(r);
    assertThat(aic.subtract(f.balance(poster, AIC))).isEqualTo(big(50_000));
    assertThat(f.chain.balance(payee.address(), USDT)).isEqualTo(expected);
    assertThat(f.pool(AIC, USDT).reserveOf(AIC)).isEqualTo(big(4_050_000));
    // A minimum above what the pool pays refuses the whole transaction.
    refused(
        f.chain.one(
            probe.payTx(f, poster, payee.address(), big(50_000), expected.multiply(big(2)))),
        AmmError.INSUFFICIENT_OUTPUT);
    // Observations at two slots give the TWAP between them.
    ok(f.chain.one(probe.observeTx(f, poster)));
    long first = f.chain.slot;
    f.chain.toSlot(first + 7);
    Receipt twap = f.chain.one(probe.observeTx(f, poster));
    ok(twap);
    Pool p = f.pool(AIC, USDT);
    BigInteger price = p.reserveOf(USDT).shiftLeft(112).divide(p.reserveOf(AIC));
    assertThat(EscrowProbe.twapIn(twap)).isEqualTo(price);
  }

  static H256 unused() {
    return H256.ZERO;
  }
}
