package dev.aether.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.RandomTypes;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One JSON-RPC call over loopback HTTP with keep-alive, through {@link RpcClient} and {@link
 * RpcServer}, against a backend that answers from memory: the RPC layer's own latency. The
 * baseline is the same call with the JDK server's default (Nagle on), in its own fork because
 * the setting is read once per JVM; the ratio shows what turning Nagle off buys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RpcRoundTripBench {
  private RpcServer server;
  private RpcClient client;

  @Setup(Level.Trial)
  public void start() {
    server =
        RpcServer.start(new FixedChain(), RpcConfig.defaults().withPort(0).withRateLimit(0, 1));
    client = new RpcClient(server.uri());
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    server.close();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
  public JsonNode chainId() {
    return client.call("aeth_chainId");
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=false")
  public JsonNode chainIdBaselineNagle() {
    return client.call("aeth_chainId");
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
  public JsonNode blockWithTxs() {
    return client.call("aeth_getBlockByNumber", "latest", true);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=false")
  public JsonNode blockWithTxsBaselineNagle() {
    return client.call("aeth_getBlockByNumber", "latest", true);
  }

  /** Serves one fixed block of 20 random transactions; everything else is empty. */
  static final class FixedChain implements ChainBackend {
    private final Block block;

    FixedChain() {
      RandomTypes r = new RandomTypes(1);
      List<dev.aether.types.Tx> txs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        txs.add(r.tx());
      }
      block = new Block(r.header(), txs, r.varBytes(64));
    }

    @Override
    public String chainId() {
      return "aether-bench-1";
    }

    @Override
    public SubmitResult submitTransaction(byte[] rawTx) {
      return new SubmitResult.Rejected("bench.readonly", "benchmark backend");
    }

    @Override
    public Optional<Block> block(BlockTag tag) {
      return Optional.of(block);
    }

    @Override
    public Optional<ReceiptWithProof> receipt(H256 txId) {
      return Optional.empty();
    }

    @Override
    public Optional<H256> stateRoot(BlockTag tag) {
      return Optional.of(block.header().stateRoot());
    }

    @Override
    public Value balance(Address address) {
      return Value.EMPTY;
    }

    @Override
    public List<Utxo> utxos(Address address) {
      return List.of();
    }

    @Override
    public AccountProof account(Address address) {
      return new AccountProof(address, 0, H256.ZERO, Optional.empty(), List.of());
    }

    @Override
    public List<ValidatorInfo> validators() {
      return List.of();
    }

    @Override
    public StakeInfo stake(dev.aether.types.Address address) {
      return new StakeInfo(address, 0, List.of(), List.of(), dev.aether.types.Amount.ZERO);
    }

    @Override
    public SyncStatus syncing() {
      return SyncStatus.SYNCED;
    }

    @Override
    public List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
      return List.of();
    }

    @Override
    public Subscription onFinalized(LongConsumer listener) {
      return () -> {};
    }
  }
}
