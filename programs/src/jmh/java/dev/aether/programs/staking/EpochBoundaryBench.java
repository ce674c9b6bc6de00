package dev.aether.programs.staking;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.programs.staking.StakingChain.Keys;
import dev.aether.programs.staking.StakingChain.User;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.QuorumCert;
import dev.aether.types.Ratio;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/**
 * Epoch-boundary processing on the real ledger: the time to execute the empty block that crosses
 * into a new epoch — participation, downtime, rewards for every validator, the set of two epochs
 * ahead, and the state root over everything that changed — with 100, 1,000 and 10,000 delegators
 * spread over {@code validators} validators. Baseline in the same run: the same empty block one
 * slot earlier, inside the epoch (participation only). Rewards go to per-validator accumulators,
 * so the boundary cost should not grow with the number of delegators.
 *
 * <p>{@code ledger.execute} runs on the committed head without committing, so each invocation
 * measures the same block on the same state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EpochBoundaryBench {
  @Param({"100", "1000", "10000"})
  int delegators;

  @Param({"100"})
  int validators;

  StakingChain chain;
  BlockContext boundary;
  BlockContext inside;

  @Setup(Level.Trial)
  public void setUp() {
    List<Keys> ks = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      ks.add(Keys.of("v" + i));
    }
    List<User> users = new ArrayList<>();
    List<Address> funded = new ArrayList<>();
    for (int i = 0; i < delegators; i++) {
      User u = User.of("d" + i);
      users.add(u);
      funded.add(u.address());
    }
    GenesisConfig.Staking staking =
        new GenesisConfig.Staking(
            2,
            Amount.of(100_000),
            validators,
            4 * validators,
            5_000,
            new Ratio(1, 10),
            new Ratio(1, 2),
            1,
            new Ratio(1, 10));
    GenesisConfig config = StakingChain.config(ks, funded, staking);
    chain = new StakingChain(config, ks, new MemoryStateStore());
    // Every delegator delegates to one validator, 500 transactions per block, in epoch 0.
    List<Tx> batch = new ArrayList<>();
    for (int i = 0; i < delegators; i++) {
      Address v = ks.get(i % validators).operator();
      batch.add(
          chain.tx(users.get(i).key(), StakingCalls.delegate(v, BigInteger.valueOf(1_000_000))));
      if (batch.size() == 500 || i == delegators - 1) {
        chain.block(batch).forEach(Fixtures::ok);
        batch = new ArrayList<>();
      }
    }
    // Run into the next epoch (a boundary has paid these delegators once), then to its last slot.
    chain.toEpoch(chain.epoch() + 1);
    long epoch = chain.epoch();
    long last = (epoch + 1) * StakingChain.EPOCH_SLOTS - 1;
    while (chain.slot < last - 1) {
      chain.block(List.of());
    }
    long height = chain.ledger.head().height() + 1;
    QuorumCert qc =
        new QuorumCert(
            0,
            height - 1,
            chain.ledger.head().blockId(),
            StakingChain.all(validators),
            Bytes.of(new byte[96]));
    inside = new BlockContext(height, last, true, 0, Optional.of(qc));
    boundary = new BlockContext(height, last + 1, true, 0, Optional.of(qc));
    if (chain.set(epoch + 2).isPresent()) {
      throw new IllegalStateException("epoch " + epoch + " already processed");
    }
    ExecutedBlock check = chain.ledger.execute(boundary, List.of());
    if (ValidatorSets.read(check.stateAfter(), epoch + 2).isEmpty()) {
      throw new IllegalStateException("the boundary block did not process the epoch");
    }
    ExecutedBlock plain = chain.ledger.execute(inside, List.of());
    if (ValidatorSets.read(plain.stateAfter(), epoch + 2).isPresent()) {
      throw new IllegalStateException("the block inside the epoch processed it");
    }
  }

  @Benchmark
  public ExecutedBlock boundaryBlock() {
    return chain.ledger.execute(boundary, List.of());
  }

  @Benchmark
  public ExecutedBlock blockInsideAnEpoch() {
    return chain.ledger.execute(inside, List.of());
  }
}
