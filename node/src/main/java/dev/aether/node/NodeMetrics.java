package dev.aether.node;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The node's Prometheus metrics, one registry per node (no global state, so several in-process
 * nodes in a test keep their own). Served at {@code /metrics} by {@link #serve}.
 */
public final class NodeMetrics implements AutoCloseable {
  final PrometheusRegistry registry = new PrometheusRegistry();
  public final Gauge slot = gauge("aether_slot", "Current slot");
  public final Gauge round = gauge("aether_round", "Current consensus round");
  public final Gauge epoch = gauge("aether_epoch", "Current consensus epoch");
  public final Gauge kesPeriodsLeft =
      gauge(
          "aether_kes_periods_remaining",
          "KES periods the hot key can still sign after the current one (rotate before 0)");
  public final Gauge finalizedHeight =
      gauge("aether_finalized_height", "Height of the last final block");
  public final Gauge mempoolDepth = gauge("aether_mempool_depth", "Transactions in the mempool");
  public final Gauge peers = gauge("aether_peers", "Connected peers");
  public final Gauge halted =
      gauge("aether_halted", "1 once the node stopped itself (fail-stop: see its log)");
  public final Gauge gossipFanout = gauge("aether_gossip_fanout", "Gossip mesh peers per topic");
  public final Counter timeouts =
      counter("aether_timeouts_total", "Rounds that ended in a timeout");
  public final Counter forks =
      counter("aether_forks_total", "Proposals for a round already seen with another block");
  public final Counter txsFinalized =
      counter("aether_txs_finalized_total", "Transactions in final blocks");
  public final Counter blocksFinalized = counter("aether_blocks_finalized_total", "Final blocks");
  public final Counter blocksProposedFinal =
      counter(
          "aether_blocks_proposed_final_total",
          "Final blocks this validator proposed (by its cold key's index in each block's epoch)");
  public final Counter consensusRejected =
      counter(
          "aether_consensus_rejected_total",
          "Peer inputs consensus refused and scored against them");
  public final Counter blockBodiesRebuilt =
      counter(
          "aether_block_bodies_rebuilt_total",
          "Proposal bodies rebuilt from Turbine shreds (not fetched whole)");
  public final Counter sigsVerified =
      counter("aether_signatures_verified_total", "Ed25519 signatures verified");
  public final Counter payloadTxsDropped =
      counter(
          "aether_payload_txs_dropped_total",
          "Mempool transactions left out of this node's proposals because they were invalid on the"
              + " parent (and evicted)");
  public final Counter rootMismatches =
      Counter.builder()
          .name("aether_root_mismatches_total")
          .help("Received blocks whose re-executed roots differ from their header, by root")
          .labelNames("root")
          .register(registry);
  public final Counter txsRejected =
      counter("aether_txs_rejected_total", "Transactions refused by the mempool");
  public final Histogram finalityLatency =
      Histogram.builder()
          .name("aether_finality_latency_seconds")
          .help("Time from proposing or first seeing a block to it becoming final")
          .classicUpperBounds(0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10)
          .register(registry);
  private HTTPServer server;

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  /** Starts the {@code /metrics} HTTP endpoint. */
  public void serve(InetSocketAddress address) throws IOException {
    server =
        HTTPServer.builder()
            .hostname(address.getHostString())
            .port(address.getPort())
            .registry(registry)
            .buildAndStart();
  }

  public int port() {
    return server == null ? -1 : server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
