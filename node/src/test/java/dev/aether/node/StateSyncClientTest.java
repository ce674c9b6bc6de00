package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.consensus.Checkpoint;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.StateChunk;
import dev.aether.network.Network;
import dev.aether.network.NetworkConfig;
import dev.aether.network.NetworkException;
import dev.aether.network.NodeKey;
import dev.aether.network.PeerAddress;
import dev.aether.network.PeerId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State sync over real QUIC between in-process nodes: two honest validators serve a snapshot, a
 * third (Byzantine, a third of the stake) offers a forged newer checkpoint and serves tampered
 * chunks. The syncing node must take only what more than a third of the stake vouches for, refuse
 * every tampered chunk, finish from the honest servers, and penalise the liar.
 */
class StateSyncClientTest {
  @TempDir Path dir;
  final List<Network> nets = new ArrayList<>();
  final List<AutoCloseable> closeables = new ArrayList<>();
  final ExecutorService worker = Executors.newSingleThreadExecutor();
  GenesisConfig genesis;
  Head genesisHead;
  Checkpoint honest;

  static NodeKey key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) (i + 1);
    seed[31] = 0x5a;
    return NodeKey.fromSeed(seed);
  }

  Network start(int i, List<PeerAddress> boot) throws NetworkException {
    Network n = Network.start(NetworkConfig.local(key(i), boot).withSeed(i));
    nets.add(n);
    return n;
  }

  /** A validator's data dir with genesis state and a snapshot at height 10. */
  Snapshots snapshotsOf(int i) {
    RocksStateStore store = RocksStateStore.open(dir.resolve("v" + i + "/state"));
    closeables.add(store);
    genesisHead = NodeGenesis.load(store, genesis);
    Snapshots s = new Snapshots(dir.resolve("v" + i), 10);
    closeables.add(s);
    honest = TestCheckpoints.at(10, genesisHead.stateRoot(), "honest");
    s.committed(honest, store);
    return s;
  }

  @BeforeEach
  void setUp() {
    genesis =
        GenesisParser.parse(
            Path.of(System.getProperty("aether.root", ".."), "config/genesis.toml"));
  }

  @AfterEach
  void tearDown() throws Exception {
    nets.forEach(Network::close);
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    worker.shutdownNow();
  }

  @Test
  void syncsTheVouchedSnapshotAndRefusesTheLiarsCheckpointAndChunks() throws Exception {
    Network v0 = start(0, List.of());
    List<PeerAddress> boot = List.of(v0.address());
    Network v1 = start(1, boot);
    Network liar = start(2, boot);
    Network client = start(3, boot);
    SnapshotServer.attach(v0, snapshotsOf(0), worker);
    SnapshotServer.attach(v1, snapshotsOf(1), worker);
    Snapshots liarsOwn = snapshotsOf(2);
    Checkpoint forged = TestCheckpoints.at(20, H256.ZERO, "forged");
    liar.onDirect(
        Node.SNAPSHOTS_REQUEST,
        (from, data) -> {
          for (byte[] offer : StateSyncClient.encodeOffers(List.of(forged, honest))) {
            send(liar, from, Node.SNAPSHOT_OFFER, offer);
          }
        });
    liar.onDirect(
        Node.CHUNK_REQUEST,
        (from, data) -> {
          long[] r = StateSyncClient.decodeChunkRequest(data);
          StateChunk real = liarsOwn.chunk(r[0], (int) r[1], (int) r[2]).orElseThrow();
          send(
              liar,
              from,
              Node.CHUNK_RESPONSE,
              StateSyncClient.encodeChunkResponse(r[0], Optional.of(tamper(real))));
        });
    Map<PeerId, Long> stakes = Map.of(v0.id(), 100L, v1.id(), 100L, liar.id(), 100L);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.connectedPeers().containsAll(stakes.keySet()));

    StateSyncClient sync =
        new StateSyncClient(client, stakes, cp -> Optional.empty(), System::currentTimeMillis);
    StateSyncClient.Target target = sync.discover(3_000).orElseThrow();
    // The forged height-20 checkpoint has only the liar's third of the stake behind it.
    assertThat(target.checkpoint()).isEqualTo(honest);
    assertThat(target.servers()).containsExactlyInAnyOrder(v0.id(), v1.id(), liar.id());

    Path synced = dir.resolve("client/state-sync");
    Head head = sync.download(target, synced, 4, NodeGenesis.block(genesis).id(), 20_000);
    assertThat(head.stateRoot()).isEqualTo(genesisHead.stateRoot());
    try (RocksStateStore s = RocksStateStore.open(synced)) {
      assertThat(Ledger.readHead(s)).contains(head);
    }
    // Each refused chunk costs the liar score; enough of them (a larger state has more chunks in
    // the liar's share) get it disconnected, which ends its score. Penalties are applied on the
    // network's logic thread: wait for the liar's to land.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .score(liar.id())
                    .map(s -> s < client.score(v0.id()).orElse(0.0))
                    .orElse(true));
    if (client.score(liar.id()).isEmpty()) {
      assertThat(client.connectedPeers()).doesNotContain(liar.id()).contains(v0.id());
    }
  }

  @Test
  void aCheckpointThatFailsVerificationIsNotATarget() throws Exception {
    Network v0 = start(0, List.of());
    Network v1 = start(1, List.of(v0.address()));
    Network client = start(3, List.of(v0.address()));
    SnapshotServer.attach(v0, snapshotsOf(0), worker);
    SnapshotServer.attach(v1, snapshotsOf(1), worker);
    Map<PeerId, Long> stakes = Map.of(v0.id(), 100L, v1.id(), 100L);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.connectedPeers().containsAll(stakes.keySet()));
    StateSyncClient sync =
        new StateSyncClient(client, stakes, cp -> Optional.of("bad QC"), System::currentTimeMillis);
    assertThat(sync.discover(2_000)).isEmpty();
  }

  @Test
  void honestServersWithDifferentQcsOnTheSameBlockVouchForOneSnapshot() throws Exception {
    Network v0 = start(0, List.of());
    Network v1 = start(1, List.of(v0.address()));
    Network client = start(3, List.of(v0.address()));
    SnapshotServer.attach(v0, snapshotsOf(0), worker);
    // Validator 1 aggregated other votes on the same block: another signer set, another signature.
    Checkpoint otherQc =
        new Checkpoint(
            honest.block(),
            new dev.aether.types.QuorumCert(
                0,
                honest.qc().round(),
                honest.block().id(),
                dev.aether.types.SignerSet.of(List.of(1, 2, 3)),
                Bytes.of(new byte[96])),
            honest.eta(),
            honest.rho(),
            honest.counters());
    v1.onDirect(
        Node.SNAPSHOTS_REQUEST,
        (from, data) -> {
          for (byte[] offer : StateSyncClient.encodeOffers(List.of(otherQc))) {
            send(v1, from, Node.SNAPSHOT_OFFER, offer);
          }
        });
    // Two validators, half the stake each: neither alone vouches, both together do.
    Map<PeerId, Long> stakes = Map.of(v0.id(), 100L, v1.id(), 100L);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.connectedPeers().containsAll(stakes.keySet()));
    StateSyncClient sync =
        new StateSyncClient(client, stakes, cp -> Optional.empty(), System::currentTimeMillis);
    StateSyncClient.Target target = sync.discover(3_000).orElseThrow();
    assertThat(target.checkpoint().block()).isEqualTo(honest.block());
    assertThat(target.servers()).containsExactlyInAnyOrder(v0.id(), v1.id());

    // But a different epoch nonce is a different snapshot: then neither half vouches for one.
    assertThat(StateSyncClient.vouched(otherQc)).isEqualTo(StateSyncClient.vouched(honest));
    Checkpoint otherRho =
        new Checkpoint(honest.block(), honest.qc(), honest.eta(), H256.ZERO, honest.counters());
    assertThat(StateSyncClient.vouched(otherRho)).isNotEqualTo(StateSyncClient.vouched(honest));
  }

  /** The same range with one entry removed (or a made-up one added to an empty range). */
  static StateChunk tamper(StateChunk c) {
    List<StateChunk.Entry> entries = new ArrayList<>(c.entries());
    if (entries.isEmpty()) {
      byte[] k = dev.aether.ledger.StateSync.prefix(c.bits(), c.index()).toArray();
      k[31] = 1;
      entries.add(new StateChunk.Entry(H256.of(k), Bytes.of(new byte[] {0})));
    } else {
      entries.removeFirst();
    }
    return new StateChunk(c.bits(), c.index(), entries, c.proof());
  }

  static void send(Network n, PeerId to, int channel, byte[] data) {
    try {
      n.sendDirect(to, channel, data);
    } catch (NetworkException e) {
      throw new AssertionError(e);
    }
  }
}
