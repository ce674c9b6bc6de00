package dev.aether.node;

import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.types.codec.CodecException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The serving side of state sync: answers {@code SNAPSHOTS_REQUEST} with this node's snapshot
 * checkpoints and {@code CHUNK_REQUEST} with verified-by-the-receiver state chunks (wire format in
 * {@link StateSyncClient}). Work runs on {@code worker}, never on the network thread; each peer may
 * ask for {@link #CHUNK_REQUESTS_PER_SECOND} chunks a second (a chunk costs a range scan and a
 * proof), beyond which requests are dropped and the peer loses a little score.
 */
final class SnapshotServer {
  private static final Logger LOG = Logger.getLogger(SnapshotServer.class.getName());

  /** State-chunk requests answered per peer per second. */
  static final int CHUNK_REQUESTS_PER_SECOND = 256;

  private final Network network;
  private final Snapshots snapshots;
  private final Executor worker;
  private final RequestBudget chunkBudget = new RequestBudget(CHUNK_REQUESTS_PER_SECOND);

  private SnapshotServer(Network network, Snapshots snapshots, Executor worker) {
    this.network = network;
    this.snapshots = snapshots;
    this.worker = worker;
  }

  /** Starts answering snapshot requests on {@code network}. */
  static SnapshotServer attach(Network network, Snapshots snapshots, Executor worker) {
    SnapshotServer s = new SnapshotServer(network, snapshots, worker);
    network.onDirect(Node.SNAPSHOTS_REQUEST, (from, data) -> worker.execute(() -> s.offer(from)));
    network.onDirect(Node.CHUNK_REQUEST, s::onChunkRequest);
    return s;
  }

  private void offer(PeerId to) {
    for (byte[] offer : StateSyncClient.encodeOffers(snapshots.served())) {
      send(to, Node.SNAPSHOT_OFFER, offer);
    }
  }

  private void onChunkRequest(PeerId from, byte[] data) {
    long[] req;
    try {
      req = StateSyncClient.decodeChunkRequest(data);
    } catch (CodecException e) {
      network.penalize(from, 1.0);
      return;
    }
    if (!chunkBudget.tryTake(from, System.nanoTime() / 1_000_000)) {
      network.penalize(from, 0.1);
      return;
    }
    worker.execute(
        () ->
            send(
                from,
                Node.CHUNK_RESPONSE,
                StateSyncClient.encodeChunkResponse(
                    req[0], snapshots.chunk(req[0], (int) req[1], (int) req[2]))));
  }

  private void send(PeerId to, int channel, byte[] data) {
    try {
      network.sendDirect(to, channel, data);
    } catch (NetworkException e) {
      LOG.fine("snapshot answer to " + to + " failed: " + e.getMessage());
    }
  }
}
