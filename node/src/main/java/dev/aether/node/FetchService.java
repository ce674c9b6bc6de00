package dev.aether.node;

import dev.aether.network.Network;
import dev.aether.network.PeerId;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;

/**
 * Serves what peers fetch directly: blocks (with their ancestors, for nodes catching up) and the
 * chain of validator-set changes (for nodes about to state-sync). Requests are checked and budgeted
 * on the network thread; answers are built on {@code server}, a bounded executor that drops work
 * when peers ask faster than it answers (they retry elsewhere).
 */
final class FetchService {
  private final Wire wire;
  private final ExecutorService server;

  FetchService(Wire wire, ExecutorService server) {
    this.wire = wire;
    this.server = server;
  }

  /**
   * Answers peers' requests for set-change links from {@code log}, and queues answers to this
   * node's own requests into {@code answers} (read by {@link SetChangeSync#fetch}). Attached before
   * the node's own bootstrap, so validators starting together answer each other.
   */
  void serveSetChanges(SetChangeLog log, BlockingQueue<SetChangeSync.Answer> answers) {
    Network network = wire.network();
    network.onDirect(
        Node.SET_CHANGES_REQUEST,
        (from, data) -> {
          long start;
          try {
            start = SetChangeSync.decodeRequest(data);
          } catch (CodecException e) {
            network.penalize(from, 1.0);
            return;
          }
          server.execute(
              () ->
                  wire.send(
                      from,
                      Node.SET_CHANGES_RESPONSE,
                      SetChangeSync.encodeResponse(log.from(start, SetChangeSync.BATCH))));
        });
    network.onDirect(
        Node.SET_CHANGES_RESPONSE,
        (from, data) -> {
          try {
            answers.offer(new SetChangeSync.Answer(from, SetChangeSync.decodeResponse(data)));
          } catch (CodecException | IllegalArgumentException e) {
            network.penalize(from, 1.0);
          }
        });
  }

  /**
   * Answers block fetches within each peer's budget ({@link BlockFetch#mayServe}): a request that
   * is not a 32-byte id is penalised; one over budget goes unanswered.
   */
  void serveBlocks(BlockFetch budget, Chain chain, ConsensusLoop loop) {
    Network network = wire.network();
    network.onDirect(
        Node.FETCH_REQUEST,
        (from, data) -> {
          if (data.length != 32) {
            network.penalize(from, 1.0);
            return;
          }
          if (!budget.mayServe(from, System.currentTimeMillis())) {
            return; // over its budget: unanswered (an honest node asks once per batch)
          }
          H256 id = H256.of(data);
          // Served off the network thread: it reads the ledger and may wait for consensus.
          server.execute(() -> serveBlock(from, id, chain, loop));
        });
  }

  /**
   * Answers a request for block {@code id}. For a committed block the answer also carries up to
   * {@link Node#FETCH_BATCH} of its ancestors, oldest first: a node catching up (restarted, or with
   * an empty data directory) walks back one request per batch instead of one per block.
   */
  private void serveBlock(PeerId from, H256 id, Chain chain, ConsensusLoop loop) {
    List<Block> blocks = chain.committedWithAncestors(id, Node.FETCH_BATCH);
    if (blocks.isEmpty()) {
      loop.query(c -> c.block(id)).ifPresent(b -> blocks.add(b));
    }
    for (Block b : blocks) {
      wire.send(from, Node.FETCH_RESPONSE, Block.CODEC.encode(b));
    }
  }
}
