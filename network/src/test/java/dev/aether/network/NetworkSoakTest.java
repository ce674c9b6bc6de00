package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.da.Shred;
import dev.aether.da.ShreddedBlock;
import dev.aether.da.Shredder;
import dev.aether.da.StakedNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Longer run (`-Psoak`): 8 nodes, 1,000 gossip messages from all nodes, then a full-size 2 MB block
 * through Turbine with 2 of 12 shreds lost in every one of its ~200 FEC sets.
 */
@Tag("soak")
class NetworkSoakTest {
  @Test
  void eightNodesCarryThousandMessagesAndAFullSizeLossyBlock() throws Exception {
    final int n = 8;
    final List<Network> nodes = new ArrayList<>();
    final List<TurbineRelay> relays = new ArrayList<>();
    final Map<Integer, Set<Integer>> seen = new ConcurrentHashMap<>();
    final Map<Integer, byte[]> blocks = new ConcurrentHashMap<>();
    try {
      final GossipParams gp = GossipParams.defaults().withHeartbeatMillis(200);
      nodes.add(Network.start(NetworkConfig.local(TestNodes.key(500), List.of()).withGossip(gp)));
      for (int i = 1; i < n; i++) {
        nodes.add(
            Network.start(
                NetworkConfig.local(TestNodes.key(500 + i), List.of(nodes.getFirst().address()))
                    .withGossip(gp)
                    .withSeed(i)));
      }
      final List<StakedNode> table = new ArrayList<>();
      final Map<PeerId, Long> stakes = new HashMap<>();
      for (int i = 0; i < n; i++) {
        final int me = i;
        seen.put(i, ConcurrentHashMap.newKeySet());
        nodes
            .get(i)
            .subscribe(
                Topic.VOTE,
                MessageValidator.acceptAll(),
                (t, data, from) -> seen.get(me).add(ByteBuffer.wrap(data).getInt()));
        relays.add(
            new TurbineRelay(
                nodes.get(i), 4, 1024, 2_000_000, 500, (slot, root, b) -> blocks.put(me, b)));
        table.add(new StakedNode(TurbineRelay.nodeId(nodes.get(i).id()), 1_000 + i));
        stakes.put(nodes.get(i).id(), 1_000L + i);
      }
      for (int i = 0; i < n; i++) {
        nodes.get(i).setStakes(stakes);
        relays.get(i).setStakeTable(table);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> nodes.stream().allMatch(x -> x.connectedPeers().size() == n - 1));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> nodes.stream().allMatch(x -> x.mesh(Topic.VOTE).size() >= 4));
      for (int m = 0; m < 1000; m++) {
        nodes.get(m % n).publish(Topic.VOTE, ByteBuffer.allocate(64).putInt(m).array());
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                for (int i = 0; i < n; i++) {
                  // Every node gets every message except its own.
                  assertThat(seen.get(i)).as("node %d", i).hasSize(1000 - 1000 / n);
                }
              });

      final byte[] block = new byte[2_000_000];
      new SplittableRandom(1).nextBytes(block);
      final ShreddedBlock sb = new Shredder(1024, 2_000_000).shred(7, block);
      for (int i = 1; i < n; i++) {
        relays.get(i).expect(7, sb.root(), nodes.getFirst().id());
      }
      final SplittableRandom loss = new SplittableRandom(2);
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
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                for (int i = 1; i < n; i++) {
                  assertThat(blocks.get(i)).as("node %d", i).isEqualTo(block);
                }
              });
    } finally {
      nodes.forEach(Network::close);
    }
  }
}
