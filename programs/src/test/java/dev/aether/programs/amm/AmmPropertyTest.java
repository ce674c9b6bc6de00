package dev.aether.programs.amm;

import static dev.aether.programs.amm.AmmFixture.AIC;
import static dev.aether.programs.amm.AmmFixture.NO_DEADLINE;
import static dev.aether.programs.amm.AmmFixture.SWR;
import static dev.aether.programs.amm.AmmFixture.USDT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.ProgramsChain;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.codec.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of AMM actions — swaps in and out over one and two hops, deposits, withdrawals,
 * pool creation, with amounts from 0 and 1 to far beyond any balance — on two real ledgers (serial
 * and the parallel executor on 2 workers), checking after every block that:
 *
 * <ul>
 *   <li>no value is created: AIC and USDT in accounts + reserves stay exactly what genesis minted
 *       (SWR there only falls: it also pays fees, which epoch ends move into staking), and every
 *       pool's LP supply is what accounts hold plus the locked 1000;
 *   <li>rounding favours the pool: the value of one LP share, {@code sqrt(x·y)/S}, never falls;
 *   <li>every successful swap, deposit and withdrawal moved exactly what an independent reference
 *       model (plain BigInteger formulas, the exact-output inverse by binary search) computes from
 *       the reserves before it, and the model's reserves equal the chain's;
 *   <li>the parallel executor reaches the serial executor's state root.
 * </ul>
 */
class AmmPropertyTest {
  static final int BLOCKS = 60;
  static final AssetId[] ASSETS = {SWR, AIC, USDT};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void randomActionsCreateNoValueRoundForThePoolAndMatchTheReference(long seed) throws Exception {
    new Run(seed).go();
  }

  /** The reference model of one pool: reserves by asset and share supply. */
  static final class ModelPool {
    final TreeMap<AssetId, BigInteger> reserve = new TreeMap<>();
    BigInteger supply = BigInteger.ZERO;
  }

  static final class Run {
    final SplittableRandom rnd;
    final AmmFixture serial;
    final AmmFixture parallel;
    final ParallelExecutor executor = new ParallelExecutor(2);
    final TreeMap<String, ModelPool> model = new TreeMap<>();
    final Map<String, Integer> successes = new HashMap<>();
    final Map<AssetId, BigInteger> supply = new TreeMap<>();

    Run(long seed) {
      rnd = new SplittableRandom(seed);
      ProgramsChain.User provider = ProgramsChain.User.of("amm-user-0");
      List<GenesisConfig.Amm.Pool> pools =
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
                  Amount.of(2_000_000_000L),
                  Amount.of(8_000_000_000L),
                  provider.address()));
      serial = new AmmFixture(6, pools);
      parallel = new AmmFixture(6, pools, executor);
      for (GenesisConfig.Amm.Pool p : pools) {
        ModelPool m = new ModelPool();
        m.reserve.put(p.assetA(), p.amountA().value());
        m.reserve.put(p.assetB(), p.amountB().value());
        m.supply = p.amountA().value().multiply(p.amountB().value()).sqrt();
        model.put(pair(p.assetA(), p.assetB()), m);
      }
    }

    static String pair(AssetId x, AssetId y) {
      return x.compareTo(y) < 0 ? x + "/" + y : y + "/" + x;
    }

    void go() {
      try (executor) {
        for (AssetId a : ASSETS) {
          supply.put(a, total(a));
        }
        for (int b = 0; b < BLOCKS; b++) {
          step();
        }
      }
      assertThat(successes)
          .as("the run reached every action")
          .containsKeys("swap_in", "swap_out", "swap_2hop", "add", "remove", "create");
    }

    BigInteger amount() {
      return switch (rnd.nextInt(8)) {
        case 0 -> BigInteger.ZERO;
        case 1 -> BigInteger.ONE;
        case 2 -> BigInteger.valueOf(rnd.nextInt(1_000));
        case 3 -> BigInteger.ONE.shiftLeft(127).add(BigInteger.valueOf(rnd.nextInt(1000)));
        case 4 ->
            BigInteger.valueOf(rnd.nextLong(1, 1_000_000_000_000_000L))
                .multiply(BigInteger.TEN.pow(10));
        default -> BigInteger.valueOf(rnd.nextLong(1, 50_000_000L));
      };
    }

    AssetId[] route() {
      List<String> pairs = new ArrayList<>(model.keySet());
      if (rnd.nextInt(4) == 0) {
        return new AssetId[] {SWR, AIC, USDT}; // two hops through AIC
      }
      String p = pairs.get(rnd.nextInt(pairs.size()));
      AssetId[] both = model.get(p).reserve.keySet().toArray(AssetId[]::new);
      return rnd.nextBoolean() ? both : new AssetId[] {both[1], both[0]};
    }

    Call action() {
      return switch (rnd.nextInt(10)) {
        case 0, 1, 2 ->
            AmmFixture.swapIn(amount(), rnd.nextInt(5) == 0 ? amount() : BigInteger.ZERO, route());
        case 3, 4 ->
            AmmFixture.swapOut(
                amount(), rnd.nextInt(5) == 0 ? amount() : Amount.MAX_VALUE, route());
        case 5, 6 -> {
          AssetId[] r = route();
          yield AmmCalls.add(
              new AmmCalls.Add(
                  r[0], r[1], amount(), amount(), BigInteger.ZERO, BigInteger.ZERO, NO_DEADLINE));
        }
        case 7, 8 -> {
          AssetId[] r = route();
          yield AmmCalls.remove(
              new AmmCalls.Remove(
                  r[0], r[1], amount(), BigInteger.ZERO, BigInteger.ZERO, NO_DEADLINE));
        }
        default -> AmmCalls.create(SWR, USDT);
      };
    }

    void step() {
      int n = 1 + rnd.nextInt(5);
      List<Integer> who = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
      List<Tx> txs = new ArrayList<>();
      List<Tx> twins = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int u = who.remove(rnd.nextInt(who.size()));
        Call c = action();
        txs.add(serial.tx(serial.user(u), c));
        twins.add(parallel.tx(parallel.user(u), c));
      }
      Map<String, BigInteger[]> before = snapshot();
      List<Receipt> receipts = serial.chain.block(txs);
      parallel.chain.block(twins);
      assertThat(parallel.chain.ledger.head().stateRoot())
          .as("parallel root at slot %d", serial.chain.slot)
          .isEqualTo(serial.chain.ledger.head().stateRoot());
      for (Receipt r : receipts) {
        if (r.status() == Receipt.Status.SUCCESS) {
          follow(r);
        }
      }
      check(before);
    }

    /** Replays a successful receipt on the model, checking its amounts against the reference. */
    void follow(Receipt r) {
      for (Event e : r.events()) {
        String topic = new String(e.topic().toArray());
        Reader in = new Reader(e.data().toArray());
        switch (topic) {
          case "amm.swap" -> {
            List<AssetId> path = in.list("path", 4, AssetId.CODEC);
            boolean exactOut = in.u8("kind") == 1;
            int n = (int) in.u32("amounts");
            List<BigInteger> amounts = new ArrayList<>();
            for (int k = 0; k < n; k++) {
              amounts.add(AmmCalls.u128(in));
            }
            assertThat(amounts).hasSize(path.size());
            if (!exactOut) {
              // Exact in: the reference formula, hop by hop from the input.
              for (int i = 0; i + 1 < path.size(); i++) {
                ModelPool m = model.get(pair(path.get(i), path.get(i + 1)));
                BigInteger want =
                    AmmMathTest.refOut(
                            amounts.get(i),
                            m.reserve.get(path.get(i)),
                            m.reserve.get(path.get(i + 1)),
                            30)
                        .value();
                assertThat(amounts.get(i + 1)).as("hop %d output", i).isEqualTo(want);
              }
            } else {
              // Exact out: the reference inverse (binary search), hop by hop from the output.
              for (int i = path.size() - 2; i >= 0; i--) {
                ModelPool m = model.get(pair(path.get(i), path.get(i + 1)));
                BigInteger want =
                    AmmMathTest.refIn(
                            amounts.get(i + 1),
                            m.reserve.get(path.get(i)),
                            m.reserve.get(path.get(i + 1)),
                            30)
                        .value();
                assertThat(amounts.get(i)).as("hop %d input", i).isEqualTo(want);
              }
            }
            for (int i = 0; i + 1 < path.size(); i++) {
              ModelPool m = model.get(pair(path.get(i), path.get(i + 1)));
              m.reserve.merge(path.get(i), amounts.get(i), BigInteger::add);
              m.reserve.merge(path.get(i + 1), amounts.get(i + 1).negate(), BigInteger::add);
            }
            successes.merge(
                path.size() > 2 ? "swap_2hop" : exactOut ? "swap_out" : "swap_in", 1, Integer::sum);
          }
          case "amm.add" -> {
            AssetId x = AssetId.CODEC.read(in);
            AssetId y = AssetId.CODEC.read(in);
            BigInteger ux = AmmCalls.u128(in);
            BigInteger uy = AmmCalls.u128(in);
            BigInteger shares = AmmCalls.u128(in);
            ModelPool m = model.get(pair(x, y));
            BigInteger rx = m.reserve.get(x);
            BigInteger ry = m.reserve.get(y);
            if (m.supply.signum() == 0) {
              BigInteger root = ux.multiply(uy).sqrt();
              assertThat(shares).isEqualTo(root.subtract(AmmMath.MINIMUM_LIQUIDITY));
              m.supply = root;
            } else {
              // used amounts: one side whole, the other its proportional floor
              assertThat(
                      ux.multiply(ry).divide(rx).equals(uy)
                          || uy.multiply(rx).divide(ry).equals(ux))
                  .isTrue();
              assertThat(shares)
                  .isEqualTo(
                      ux.multiply(m.supply).divide(rx).min(uy.multiply(m.supply).divide(ry)));
              m.supply = m.supply.add(shares);
            }
            m.reserve.merge(x, ux, BigInteger::add);
            m.reserve.merge(y, uy, BigInteger::add);
            successes.merge("add", 1, Integer::sum);
          }
          case "amm.remove" -> {
            AssetId x = AssetId.CODEC.read(in);
            AssetId y = AssetId.CODEC.read(in);
            BigInteger ox = AmmCalls.u128(in);
            BigInteger oy = AmmCalls.u128(in);
            BigInteger shares = AmmCalls.u128(in);
            ModelPool m = model.get(pair(x, y));
            assertThat(ox).isEqualTo(shares.multiply(m.reserve.get(x)).divide(m.supply));
            assertThat(oy).isEqualTo(shares.multiply(m.reserve.get(y)).divide(m.supply));
            m.reserve.merge(x, ox.negate(), BigInteger::add);
            m.reserve.merge(y, oy.negate(), BigInteger::add);
            m.supply = m.supply.subtract(shares);
            successes.merge("remove", 1, Integer::sum);
          }
          case "amm.create" -> {
            AssetId x = AssetId.CODEC.read(in);
            AssetId y = AssetId.CODEC.read(in);
            ModelPool m = new ModelPool();
            m.reserve.put(x, BigInteger.ZERO);
            m.reserve.put(y, BigInteger.ZERO);
            model.put(pair(x, y), m);
            successes.merge("create", 1, Integer::sum);
          }
          default -> throw new AssertionError("unexpected event " + topic);
        }
      }
    }

    Map<String, BigInteger[]> snapshot() {
      Map<String, BigInteger[]> out = new HashMap<>();
      for (Pool p : AmmView.pools(serial.chain.ledger.state())) {
        out.put(
            pair(p.assetA(), p.assetB()),
            new BigInteger[] {p.reserveA(), p.reserveB(), p.lpSupply()});
      }
      return out;
    }

    void check(Map<String, BigInteger[]> before) {
      // AIC and USDT live only in accounts and pools: exactly conserved. SWR also pays fees into
      // the
      // fee pool and treasury, which epoch ends move into staking's custody (rewards): what
      // accounts and pools hold of it can only fall.
      for (AssetId a : List.of(AIC, USDT)) {
        assertThat(total(a))
            .as("supply of %s at slot %d", a, serial.chain.slot)
            .isEqualTo(supply.get(a));
      }
      assertThat(total(SWR))
          .as("SWR at slot %d", serial.chain.slot)
          .isLessThanOrEqualTo(supply.get(SWR));
      for (Pool p : AmmView.pools(serial.chain.ledger.state())) {
        String key = pair(p.assetA(), p.assetB());
        ModelPool m = model.get(key);
        assertThat(p.reserveA()).as("%s reserve A", key).isEqualTo(m.reserve.get(p.assetA()));
        assertThat(p.reserveB()).as("%s reserve B", key).isEqualTo(m.reserve.get(p.assetB()));
        assertThat(p.lpSupply()).as("%s supply", key).isEqualTo(m.supply);
        BigInteger held = BigInteger.ZERO;
        for (ProgramsChain.User u : serial.users) {
          held = held.add(serial.balance(u, p.lpAsset()));
        }
        if (p.lpSupply().signum() > 0) {
          assertThat(held.add(AmmMath.MINIMUM_LIQUIDITY)).as("%s LP", key).isEqualTo(p.lpSupply());
        }
        BigInteger[] b = before.get(key);
        if (b != null && b[2].signum() > 0 && p.lpSupply().signum() > 0) {
          // sqrt(x·y)/S never falls: x'·y'·S² ≥ x·y·S'²
          BigInteger now = p.reserveA().multiply(p.reserveB()).multiply(b[2].pow(2));
          BigInteger then = b[0].multiply(b[1]).multiply(p.lpSupply().pow(2));
          assertThat(now).as("%s value per share", key).isGreaterThanOrEqualTo(then);
        }
      }
    }

    BigInteger total(AssetId a) {
      BigInteger t = BigInteger.ZERO;
      for (ProgramsChain.User u : serial.users) {
        t = t.add(serial.balance(u, a));
      }
      for (Pool p : AmmView.pools(serial.chain.ledger.state())) {
        if (p.assetA().equals(a) || p.assetB().equals(a)) {
          t = t.add(p.reserveOf(a));
        }
      }
      if (a.equals(SWR)) {
        t = t.add(serial.chain.balance(StateKeys.FEE_POOL, a));
        t = t.add(serial.chain.balance(StateKeys.TREASURY, a));
        for (ProgramsChain.Keys k : serial.chain.validators) {
          t = t.add(serial.chain.balance(k.operator(), a));
        }
      }
      return t;
    }
  }
}
