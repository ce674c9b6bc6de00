package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.da.Shred;
import dev.aether.da.ShreddedBlock;
import dev.aether.da.Shredder;
import dev.aether.da.StakedNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Six in-process nodes over real QUIC on 127.0.0.1: only node 0 is a bootnode, the rest find each
 * other by peer exchange. Node 5 is "malicious": its validator accepts anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIntegrationTest {
  private static final int N = 6;
  private static final int BAD = 5;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final List<Network> nodes = new ArrayList<>();
  private static final List<TurbineRelay> relays = new ArrayList<>();
  private static final Map<Integer, List<String>> received = new ConcurrentHashMap<>();
  private static final Map<Integer, Map<Long, byte[]>> blocks = new ConcurrentHashMap<>();

  private static NetworkConfig config(final int i, final List<PeerAddress> boot) {
    return NetworkConfig.local(TestNodes.key(i), boot)
        .withGossip(GossipParams.defaults().withHeartbeatMillis(100))
        .withSeed(i);
  }

  @BeforeAll
  static void startCluster() throws Exception {
    nodes.add(Network.start(config(0, List.of())));
    final List<PeerAddress> boot = List.of(nodes.getFirst().address());
    for (int i = 1; i < N; i++) {
      nodes.add(Network.start(config(i, boot)));
    }
    final List<StakedNode> stake = new ArrayList<>();
    final Map<PeerId, Long> stakes = new HashMap<>();
    for (int i = 0; i < N; i++) {
      final int me = i;
      received.put(i, new CopyOnWriteArrayList<>());
      blocks.put(i, new ConcurrentHashMap<>());
      final MessageValidator v =
          i == BAD
              ? MessageValidator.acceptAll()
              : (from, data) ->
                  new String(data, StandardCharsets.UTF_8).startsWith("bad")
                      ? Validation.REJECT
                      : Validation.ACCEPT;
      nodes
          .get(i)
          .subscribe(
              Topic.TX,
              v,
              (topic, data, from) ->
                  received.get(me).add(new String(data, StandardCharsets.UTF_8)));
      relays.add(
          new TurbineRelay(
              nodes.get(i),
              2,
              1024,
              1 << 20,
              300,
              (slot, root, block) -> blocks.get(me).put(slot, block)));
      stake.add(new StakedNode(TurbineRelay.nodeId(nodes.get(i).id()), 100L * (i + 1)));
      stakes.put(nodes.get(i).id(), 100L * (i + 1));
    }
    for (int i = 0; i < N; i++) {
      nodes.get(i).setStakes(stakes);
      relays.get(i).setStakeTable(stake);
    }
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(Network::close);
  }

  @Test
  @Order(1)
  void peerExchangeConnectsEveryoneThroughOneBootnode() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (final Network n : nodes) {
                assertThat(n.connectedPeers()).hasSize(N - 1);
              }
            });
    await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.mesh(Topic.TX).size() >= 3));
  }

  @Test
  @Order(2)
  void gossipReachesAllNodes() throws Exception {
    nodes.get(2).publish(Topic.TX, "tx-1".getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (int i = 0; i < N; i++) {
                if (i != 2) {
                  assertThat(received.get(i)).as("node %d", i).containsOnlyOnce("tx-1");
                }
              }
            });
  }

  @Test
  @Order(3)
  void invalidMessagesAreNotForwardedAndTheSendersScoreDrops() throws Exception {
    final PeerId bad = nodes.get(BAD).id();
    final double before = nodes.get(0).score(bad).orElseThrow();
    nodes.get(BAD).publish(Topic.TX, "bad-1".getBytes(StandardCharsets.UTF_8));
    // A valid message published right after acts as a barrier: once it is everywhere, the
    // invalid one had every chance to spread.
    nodes.get(BAD).publish(Topic.TX, "tx-after-bad".getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(WAIT)
        .until(
            () ->
                received.entrySet().stream()
                    .filter(e -> e.getKey() != BAD)
                    .allMatch(e -> e.getValue().contains("tx-after-bad")));
    for (int i = 0; i < N; i++) {
      if (i != BAD) {
        assertThat(received.get(i)).as("node %d", i).doesNotContain("bad-1");
      }
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(nodes.get(0).score(bad).orElseThrow()).isLessThan(before - 5));
  }

  @Test
  @Order(4)
  void blockPropagatesAsShredsWithTwoOfTwelveLostPerSet() throws Exception {
    final byte[] block = new byte[50_000];
    new SplittableRandom(9).nextBytes(block);
    final ShreddedBlock sb = new Shredder(1024, 1 << 20).shred(42, block);
    assertThat(sb.layout().fecSets()).isEqualTo(5);
    for (int i = 1; i < N; i++) {
      relays.get(i).expect(42, sb.root(), nodes.getFirst().id());
    }
    // The leader's link loses 2 of every 12 shreds (different positions per set).
    final SplittableRandom loss = new SplittableRandom(3);
    final List<Shred> sent = new ArrayList<>();
    for (int set = 0; set < sb.layout().fecSets(); set++) {
      final int a = loss.nextInt(12);
      final int b = (a + 1 + loss.nextInt(11)) % 12;
      for (int p = 0; p < 12; p++) {
        if (p != a && p != b) {
          sent.add(sb.shreds().get(set * 12 + p));
        }
      }
    }
    relays.getFirst().broadcast(sb, sent);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (int i = 1; i < N; i++) {
                assertThat(blocks.get(i).get(42L)).as("node %d", i).isNotNull();
                assertThat(Arrays.equals(blocks.get(i).get(42L), block)).isTrue();
              }
            });
  }

  @Test
  @Order(5)
  void repairFetchesShredsTheTreeNeverDelivered() throws Exception {
    final byte[] block = new byte[20_000];
    new SplittableRandom(10).nextBytes(block);
    final ShreddedBlock sb = new Shredder(1024, 1 << 20).shred(43, block);
    for (int i = 1; i < N; i++) {
      relays.get(i).expect(43, sb.root(), nodes.getFirst().id());
    }
    // Only 8 shreds of the first set go out: nobody can decode without repair.
    final List<Shred> sent = new ArrayList<>(sb.shreds().subList(0, 8));
    sent.addAll(sb.shreds().subList(12, sb.shreds().size()));
    relays.getFirst().broadcast(sb, sent);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (int i = 1; i < N; i++) {
                assertThat(blocks.get(i).get(43L)).as("node %d", i).isEqualTo(block);
              }
            });
  }

  @Test
  @Order(6)
  void forgedShredIsDroppedAndItsSenderPenalised() throws Exception {
    final byte[] block = new byte[5_000];
    new SplittableRandom(11).nextBytes(block);
    final ShreddedBlock sb = new Shredder(1024, 1 << 20).shred(44, block);
    relays.get(1).expect(44, sb.root(), nodes.getFirst().id());
    final PeerId bad = nodes.get(BAD).id();
    final double before = nodes.get(1).score(bad).orElseThrow();
    // A real shred with one payload byte changed: its proof no longer reaches the signed root.
    final Shred real = sb.shreds().get(3);
    final byte[] payload = real.payload();
    payload[0] ^= 1;
    final Shred forged = new Shred(44, 3, real.blockLength(), payload, real.root(), real.proof());
    nodes.get(BAD).sendDirect(nodes.get(1).id(), TurbineRelay.CHANNEL_SHRED, forged.encode());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(nodes.get(1).score(bad).orElseThrow()).isLessThan(before - 5));
    assertThat(blocks.get(1)).doesNotContainKey(44L);
  }

  @Test
  @Order(7)
  void repairRequestFloodOverTheBudgetGetsTheSenderDropped() throws Exception {
    final PeerId bad = nodes.get(BAD).id();
    final Network target = nodes.get(2);
    final double before = target.score(bad).orElseThrow();
    final byte[] root = new Shredder(1024, 1 << 20).shred(42, new byte[0]).root();
    final byte[] req = new dev.aether.da.RepairRequest(42, root, List.of(0, 1, 2)).encode();
    for (int i = 0; i < 300; i++) {
      nodes.get(BAD).sendDirect(target.id(), TurbineRelay.CHANNEL_REPAIR_REQUEST, req);
    }
    // 280 requests over the budget cost 28 behaviour points, far past the graylist threshold,
    // so the target drops the peer at its next heartbeat.
    await()
        .atMost(WAIT)
        .until(
            () ->
                target.score(bad).map(x -> x < before - 5).orElse(true)
                    && !target.connectedPeers().contains(bad));
  }

  @Test
  @Order(8)
  void restartedBootnodeIsRedialedWithBackoff() throws Exception {
    final Network old = nodes.getFirst();
    final int port = old.address().port();
    old.close();
    await().atMost(WAIT).until(() -> !nodes.get(1).connectedPeers().contains(old.id()));
    final Network again = Network.start(config(0, List.of()).withPort(port));
    nodes.set(0, again);
    await().atMost(WAIT).until(() -> nodes.get(1).connectedPeers().contains(again.id()));
  }

  @Test
  @Order(9)
  void peerThatRestartedWhileItsOldConnectionLooksAliveIsReachedAtOnce() throws Exception {
    // A crashed peer's connection stays open on our side until the idle timeout (30 s). Emulate
    // the crash by leaving the old instance running (its connection to node 1 intact) and start
    // a second instance with the same key: node 1 must switch to the new connection at once.
    final Network zombie = nodes.get(3);
    final Network restarted = Network.start(config(3, List.of(nodes.get(1).address())));
    final List<String> got = new CopyOnWriteArrayList<>();
    restarted.onDirect(77, (from, data) -> got.add(new String(data, StandardCharsets.UTF_8)));
    try {
      await().atMost(WAIT).until(() -> restarted.connectedPeers().contains(nodes.get(1).id()));
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                nodes.get(1).sendDirect(zombie.id(), 77, "hello".getBytes(StandardCharsets.UTF_8));
                return got.contains("hello");
              });
    } finally {
      nodes.set(3, restarted);
      zombie.close();
    }
  }
}
