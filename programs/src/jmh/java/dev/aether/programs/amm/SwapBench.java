package dev.aether.programs.amm;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.SerialExecutor;
import dev.aether.programs.ProgramsChain;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Swaps per second on the real ledger (native programs, declared access sets, state root): one
 * block of {@link #SWAPS} exact-input swaps from distinct traders, all on one pool or spread over
 * {@code pools} pools (AIC against a token per pool), executed by the serial executor or the
 * parallel one with 2 workers. Swaps on one pool all write it, so they form one chain of conflicts
 * and run one after another whatever the executor; swaps on different pools touch disjoint keys.
 * Baseline in the same run: the serial executor on the same block.
 *
 * <p>{@code tryBlock} executes on the committed head without committing, so every invocation runs
 * the same block on the same state (signatures counted as verified, as after the mempool).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SwapBench {
  static final int SWAPS = 256;

  @Param({"1", "16", "256"})
  int pools;

  @Param({"serial", "parallel2"})
  String executor;

  AmmFixture fixture;
  BlockExecutor exec;
  List<Tx> block;

  static AssetId token(int k) {
    return new AssetId(
        Hashing.tagged("bench/token", Integer.toString(k).getBytes(StandardCharsets.US_ASCII)));
  }

  @Setup(Level.Trial)
  public void setUp() {
    exec = executor.equals("serial") ? new SerialExecutor() : new ParallelExecutor(2);
    List<GenesisConfig.Amm.Pool> ps = new ArrayList<>();
    BigInteger reserve = BigInteger.TEN.pow(18);
    for (int k = 0; k < pools; k++) {
      ps.add(
          new GenesisConfig.Amm.Pool(
              AssetId.AIC,
              token(k),
              new Amount(reserve),
              new Amount(reserve),
              // one provider per pool: an account holds at most 64 assets (LP shares are assets)
              ProgramsChain.User.of("bench-provider-" + k).address()));
    }
    fixture = new AmmFixture(SWAPS, ps, exec);
    block = new ArrayList<>();
    for (int i = 0; i < SWAPS; i++) {
      block.add(
          fixture.tx(
              fixture.user(i),
              AmmFixture.swapIn(
                  BigInteger.valueOf(1_000_000), BigInteger.ONE, AssetId.AIC, token(i % pools))));
    }
    // Every swap succeeds: the bench measures swaps, not refusals.
    for (Receipt r : fixture.chain.tryBlock(block).receipts()) {
      if (r.status() != Receipt.Status.SUCCESS) {
        throw new IllegalStateException("a bench swap failed: error " + r.errorCode());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (exec instanceof ParallelExecutor p) {
      p.close();
    }
  }

  /** One block of {@link #SWAPS} swaps; swaps/s = 256 000 / (ms per block). */
  @Benchmark
  public ExecutedBlock block() {
    return fixture.chain.tryBlock(block);
  }
}
