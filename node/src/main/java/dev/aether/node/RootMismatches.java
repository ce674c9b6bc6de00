package dev.aether.node;

import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.codec.CodecException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * Diagnoses a block whose re-executed roots differ from its header: logs which root differs at
 * once, counts it, then asks the block's proposer for its own execution ({@link ExecutionDigest})
 * and logs the first transaction whose receipt differs — or, when every receipt agrees, the first
 * state key whose value does. The next determinism bug is then found from one log line, not a
 * bisection.
 *
 * <p>Serving digests reads the chain off the network thread, within a per-peer budget; only blocks
 * a node holds executed and not yet final are served.
 */
final class RootMismatches {
  private static final Logger LOG = Logger.getLogger(RootMismatches.class.getName());

  /** Direct-message channels. */
  static final int REQUEST = 22;

  static final int RESPONSE = 23;

  private static final int KEPT = 16;
  private static final int REQUESTS_PER_SECOND = 4;

  private final Network network;
  private final IntFunction<PeerId> peerOfValidator;
  private final Function<H256, Optional<ExecutionDigest>> digests;
  private final ExecutorService worker;
  private final NodeMetrics metrics;
  private final RequestBudget budget = new RequestBudget(REQUESTS_PER_SECOND);

  /** Our digests of recently mismatched blocks, waiting for the proposer's. */
  private final Map<H256, ExecutionDigest> ours = BoundedMap.keepingNewest(KEPT);

  RootMismatches(
      Network network,
      IntFunction<PeerId> peerOfValidator,
      Function<H256, Optional<ExecutionDigest>> digests,
      ExecutorService worker,
      NodeMetrics metrics) {
    this.network = network;
    this.peerOfValidator = peerOfValidator;
    this.digests = digests;
    this.worker = worker;
    this.metrics = metrics;
  }

  /** Registers the request/response handlers. */
  void attach() {
    network.onDirect(
        REQUEST,
        (from, data) -> {
          if (data.length != 32) {
            network.penalize(from, 1.0);
            return;
          }
          if (!budget.tryTake(from, System.currentTimeMillis())) {
            return;
          }
          H256 id = H256.of(data);
          worker.execute(() -> serve(from, id));
        });
    network.onDirect(RESPONSE, (from, data) -> worker.execute(() -> onDigest(data)));
  }

  /**
   * Our execution of {@code block} produced {@code stateRoot}/{@code receiptsRoot}, which differ
   * from its header: log, count, and ask its proposer how it executed it.
   */
  void mismatch(Block block, ExecutionDigest mine, H256 stateRoot, H256 receiptsRoot) {
    Header h = block.header();
    StringBuilder which = new StringBuilder();
    if (!h.stateRoot().equals(stateRoot)) {
      metrics.rootMismatches.labelValues("state").inc();
      which.append(" state root: header ").append(h.stateRoot()).append(" ours ").append(stateRoot);
    }
    if (!h.receiptsRoot().equals(receiptsRoot)) {
      metrics.rootMismatches.labelValues("receipts").inc();
      which
          .append(" receipts root: header ")
          .append(h.receiptsRoot())
          .append(" ours ")
          .append(receiptsRoot);
    }
    LOG.warning(
        "block "
            + block.id()
            + " (height "
            + h.height()
            + ", slot "
            + h.slot()
            + ", proposer "
            + h.proposer()
            + ", "
            + block.txs().size()
            + " txs) roots differ from re-execution:"
            + which
            + "; asking the proposer for its receipts");
    synchronized (ours) {
      ours.put(block.id(), mine);
    }
    PeerId proposer = peerOfValidator.apply(h.proposer());
    if (proposer != null) {
      try {
        network.sendDirect(proposer, REQUEST, block.id().toArray());
      } catch (NetworkException e) {
        LOG.fine("cannot ask the proposer: " + e.getMessage());
      }
    }
  }

  private void serve(PeerId from, H256 id) {
    Optional<ExecutionDigest> d = digests.apply(id);
    if (d.isEmpty()) {
      return;
    }
    try {
      network.sendDirect(from, RESPONSE, ExecutionDigest.CODEC.encode(d.get()));
    } catch (NetworkException e) {
      LOG.fine("cannot answer a digest request: " + e.getMessage());
    }
  }

  private void onDigest(byte[] data) {
    ExecutionDigest theirs;
    try {
      theirs = ExecutionDigest.CODEC.decode(data);
    } catch (CodecException e) {
      return;
    }
    ExecutionDigest mine;
    synchronized (ours) {
      mine = ours.remove(theirs.blockId());
    }
    if (mine == null) {
      return; // unasked, or answered already
    }
    String verdict =
        ExecutionDigest.firstDifference(mine, theirs)
                .orElse("no difference in what the proposer sent")
            + (theirs.truncated() || mine.truncated() ? " (digest truncated)" : "");
    LOG.warning(
        "block " + theirs.blockId() + " diverges from its proposer's execution: " + verdict);
  }
}
