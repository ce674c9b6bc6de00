package dev.aether.programs.amm;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.programs.ProgramsChain;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chain with the AMM for tests: funded users, optional genesis pools, transaction builders. */
final class AmmFixture {
  static final BigInteger FUNDS = BigInteger.TEN.pow(24);
  static final long NO_DEADLINE = Long.MAX_VALUE;
  static final AssetId AIC = AssetId.AIC;
  static final AssetId USDT = AssetId.USDT;
  static final AssetId SWR = AssetId.SWR;

  final ProgramsChain chain;
  final List<ProgramsChain.User> users = new ArrayList<>();

  AmmFixture(int userCount, List<GenesisConfig.Amm.Pool> pools) {
    this(userCount, pools, new SerialExecutor());
  }

  AmmFixture(int userCount, List<GenesisConfig.Amm.Pool> pools, BlockExecutor executor) {
    this(userCount, pools, executor, java.util.Optional.empty());
  }

  /** With {@code extra} programs called before the native ones (test probes). */
  AmmFixture(
      int userCount,
      List<GenesisConfig.Amm.Pool> pools,
      BlockExecutor executor,
      java.util.Optional<dev.aether.runtime.Programs> extra) {
    Map<Address, Map<AssetId, BigInteger>> balances = new LinkedHashMap<>();
    for (int i = 0; i < userCount; i++) {
      ProgramsChain.User u = ProgramsChain.User.of("amm-user-" + i);
      users.add(u);
      balances.put(u.address(), Map.of(SWR, FUNDS, AIC, FUNDS, USDT, FUNDS));
    }
    GenesisConfig g =
        ProgramsChain.config(
            List.of(ProgramsChain.Keys.of("v0")),
            balances,
            new GenesisConfig.Amm(30, 1024, pools),
            GenesisConfig.Governance.DEFAULT);
    LedgerConfig lc = LedgerConfig.fromGenesis(g);
    dev.aether.runtime.Programs programs =
        extra
            .map(e -> e.orElse(dev.aether.programs.NativePrograms.programs()))
            .orElse(dev.aether.programs.NativePrograms.programs());
    this.chain =
        new ProgramsChain(
            g,
            List.of(ProgramsChain.Keys.of("v0")),
            new MemoryStateStore(),
            executor,
            lc,
            new dev.aether.runtime.ContractCalls(
                lc.fees(),
                dev.aether.runtime.StepCosts.V2,
                dev.aether.runtime.RentSchedule.GENESIS,
                ProgramsChain.EPOCH_SLOTS,
                programs));
  }

  ProgramsChain.User user(int i) {
    return users.get(i);
  }

  Tx tx(ProgramsChain.User u, Call... calls) {
    return chain.tx(
        u.key(),
        nonce ->
            AmmCalls.body(
                ProgramsChain.CHAIN,
                u.address(),
                nonce,
                List.of(calls),
                ProgramsChain.FEE_CAP,
                Long.MAX_VALUE));
  }

  Receipt run(ProgramsChain.User u, Call... calls) {
    return chain.one(tx(u, calls));
  }

  Pool pool(AssetId x, AssetId y) {
    return AmmView.pool(chain.ledger.state(), x, y).orElseThrow();
  }

  BigInteger balance(ProgramsChain.User u, AssetId a) {
    return chain.balance(u.address(), a);
  }

  static Call swapIn(BigInteger amount, BigInteger minOut, AssetId... path) {
    return AmmCalls.swapExactIn(List.of(path), amount, minOut, NO_DEADLINE);
  }

  static Call swapOut(BigInteger amount, BigInteger maxIn, AssetId... path) {
    return AmmCalls.swapExactOut(List.of(path), amount, maxIn, NO_DEADLINE);
  }

  static Call add(AssetId a, AssetId b, BigInteger da, BigInteger db) {
    return AmmCalls.add(
        new AmmCalls.Add(a, b, da, db, BigInteger.ZERO, BigInteger.ZERO, NO_DEADLINE));
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
