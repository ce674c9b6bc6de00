package dev.aether.network.bench;

import dev.aether.network.GossipParams;
import dev.aether.network.GossipRouter;
import dev.aether.network.GossipRpc;
import dev.aether.network.MessageValidator;
import dev.aether.network.NodeKey;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Router cost per inbound message (de-dup, validation hook, scoring, forward decisions), pure
 * logic without sockets; baseline in the same run: the SHA-256 message id alone, which every
 * inbound message needs anyway.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GossipRouterBench {
  private GossipRouter router;
  private List<PeerId> peers;
  private long seq;
  private long now;

  @Setup
  public void setup() {
    final GossipParams p = GossipParams.defaults().withRateLimits(1e12, 1e15);
    router = new GossipRouter(key(0).id(), p, 1);
    peers = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      final PeerId id = key(i).id();
      peers.add(id);
      router.addPeer(id, 0);
      router.onRpc(id, new GossipRpc.Subscribe(Topic.TX), 0);
    }
    router.subscribe(Topic.TX, MessageValidator.acceptAll());
  }

  private static NodeKey key(final int i) {
    final byte[] seed = new byte[32];
    seed[0] = (byte) i;
    return NodeKey.fromSeed(seed);
  }

  private byte[] next() {
    return ByteBuffer.allocate(256).putLong(seq++).array();
  }

  @Benchmark
  public Object messageIdBaseline() {
    return dev.aether.network.MessageId.of(Topic.TX, next());
  }

  @Benchmark
  public Object routeInboundMessage() {
    now++;
    if ((seq & 1023) == 0) {
      router.heartbeat(now);
    }
    return router.onRpc(peers.get((int) (seq & 15)), new GossipRpc.Publish(Topic.TX, next()), now);
  }
}
