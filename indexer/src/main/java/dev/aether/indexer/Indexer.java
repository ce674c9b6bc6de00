package dev.aether.indexer;

import dev.aether.genesis.GenesisConfig;
import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.HttpApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.indexer.ingest.ChainViews;
import dev.aether.indexer.ingest.Follower;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running indexer: the database (migrated), the follower writing final blocks from the node's
 * block stream, the chain views read over JSON-RPC, and the HTTP API with the explorer. {@link
 * #start} starts everything; {@link #close} stops it in reverse order.
 */
public final class Indexer implements AutoCloseable {
  private final Database db;
  private final Follower follower;
  private final Optional<ChainViews> views;
  private final HttpApi http;
  private final List<Thread> threads = new ArrayList<>();

  /** Where the indexer reads from and serves on. */
  public record Config(
      String grpcHost,
      int grpcPort,
      Optional<URI> nodeRpc,
      InetSocketAddress listen,
      Optional<GenesisConfig> genesis,
      long slotMs) {}

  private Indexer(Database db, Config cfg) throws IOException {
    this.db = db;
    BlockWriter writer =
        new BlockWriter(db.dataSource(), cfg.genesis().map(BlockWriter.Genesis::of));
    writer.checkGenesis();
    this.follower = new Follower(cfg.grpcHost(), cfg.grpcPort(), writer, h -> {});
    this.views =
        cfg.nodeRpc().map(u -> new ChainViews(u, db.dataSource(), follower::indexedHeight));
    Queries q = new Queries(db.dataSource(), cfg.slotMs());
    GraphQlApi graphql =
        new GraphQlApi(
            q,
            // Every indexed block is final, so the node's finalized height is at least the
            // indexed one even between two polls.
            () ->
                views
                    .map(v -> Math.max(v.finalizedHeight(), follower.indexedHeight()))
                    .orElse(-1L));
    this.http = new HttpApi(cfg.listen(), graphql, cfg.nodeRpc());
  }

  /** Migrates {@code db} and starts following and serving. */
  public static Indexer start(Database db, Config cfg) {
    db.migrate();
    try {
      Indexer ix = new Indexer(db, cfg);
      ix.threads.add(Thread.ofPlatform().name("follower").daemon().start(ix.follower));
      ix.views.ifPresent(v -> ix.threads.add(Thread.ofVirtual().name("chain-views").start(v)));
      return ix;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int httpPort() {
    return http.port();
  }

  public long indexedHeight() {
    return follower.indexedHeight();
  }

  /** Why following stopped, if it stopped on an error (the process then exits). */
  public Optional<IndexerException> failure() {
    return follower.failure();
  }

  /** Waits for the follower to stop (on an error, or {@link #close}). */
  public void awaitFollower() throws InterruptedException {
    threads.getFirst().join();
  }

  public Database database() {
    return db;
  }

  @Override
  public void close() {
    follower.close();
    views.ifPresent(ChainViews::close);
    http.close();
    for (Thread t : threads) {
      t.interrupt();
    }
    db.close();
  }
}
