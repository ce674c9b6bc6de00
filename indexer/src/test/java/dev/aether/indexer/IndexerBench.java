package dev.aether.indexer;

import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.rpc.BlockStreamServer;
import dev.aether.rpc.FinalBlock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The indexer's load generator (docs/BENCHMARKS.md, "indexer"), not a test: backfill rate into
 * embedded PostgreSQL through the real gRPC block stream, against the block writer fed directly
 * (the same blocks, a fresh database) as the same run's baseline; then GraphQL latency under {@code
 * clients} concurrent clients, against {@code /health} (the HTTP server alone) under the same load
 * as the baseline.
 *
 * <pre>
 * mvn -pl indexer exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.aether.indexer.IndexerBench -Dexec.args="2000 20 100 15"
 * </pre>
 *
 * Arguments: blocks, transactions per block, concurrent clients, seconds per latency run.
 */
public final class IndexerBench {
  private IndexerBench() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int txsPerBlock = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    Path dir = Files.createTempDirectory("aether-indexer-bench-");
    TestChain chain = new TestChain(7);
    for (int i = 0; i < blocks; i++) {
      chain.append(txsPerBlock);
    }
    List<FinalBlock> all = chain.blocks();
    long txs = all.stream().mapToLong(b -> b.block().txs().size()).sum();
    System.out.printf("chain: %d blocks, %d transactions%n", all.size(), txs);
    try (Pg pg = new Pg(dir.resolve("pg"))) {
      // Baseline: the writer fed directly, one database transaction per block.
      try (Database db = pg.fresh()) {
        BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
        long t0 = System.nanoTime();
        all.forEach(w::write);
        report("writer direct (baseline)", all.size(), txs, System.nanoTime() - t0);
      }
      // Backfill: the indexer following the node's gRPC stream from height 0.
      try (BlockStreamServer stream = BlockStreamServer.start(chain, "127.0.0.1", 0)) {
        Indexer.Config cfg =
            new Indexer.Config(
                "127.0.0.1",
                stream.port(),
                Optional.empty(),
                new InetSocketAddress("127.0.0.1", 0),
                Optional.empty(),
                500);
        long t0 = System.nanoTime();
        try (Indexer ix = Indexer.start(pg.fresh(), cfg)) {
          while (ix.indexedHeight() < blocks) {
            if (ix.failure().isPresent()) {
              throw ix.failure().get();
            }
            Thread.onSpinWait();
            Thread.sleep(5);
          }
          report("backfill over gRPC", all.size(), txs, System.nanoTime() - t0);
          latency(ix.httpPort(), chain, clients, seconds);
        }
      }
    } finally {
      deleteTree(dir);
    }
    // exec:java waits for every non-daemon thread (gRPC, the JDK HTTP client's selector) to end.
    System.exit(0);
  }

  private static void report(String what, long blocks, long txs, long nanos) {
    double s = nanos / 1e9;
    System.out.printf("%-26s %8.1f blocks/s %9.1f txs/s (%.2f s)%n", what, blocks / s, txs / s, s);
  }

  private static void latency(int port, TestChain chain, int clients, int seconds)
      throws Exception {
    URI base = URI.create("http://127.0.0.1:" + port);
    List<FinalBlock> blocks = chain.blocks();
    Random pick = new Random(1);
    List<String> txHashes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      var b = blocks.get(1 + pick.nextInt(blocks.size() - 1)).block();
      if (!b.txs().isEmpty()) {
        txHashes.add(b.txs().getFirst().id().toHex());
      }
    }
    String account = TestChain.address(1).toString();
    int top = blocks.size() - 1;
    IntFunction<String> mix =
        i ->
            switch (i % 5) {
              case 0 -> "{ head { height hash finalizedHeight indexedTransactions tps } }";
              case 1 ->
                  "{ block(height: "
                      + (i * 7919L % top)
                      + ") { hash txCount transactions { hash status } } }";
              case 2 ->
                  "{ transaction(hash: \""
                      + txHashes.get(i % txHashes.size())
                      + "\") { status feePaid events { topic } } }";
              case 3 -> "{ blocks(first: 20) { items { height hash txCount } } }";
              default ->
                  "{ account(address: \""
                      + account
                      + "\") { balances { asset amount } transactions(first: 20) { items { hash } }"
                      + " } }";
            };
    run("GET /health (baseline)", base, clients, seconds, i -> null);
    run("POST /graphql (mix)", base, clients, seconds, mix);
  }

  private static void run(
      String what, URI base, int clients, int seconds, IntFunction<String> queries)
      throws Exception {
    ExecutorService io = Executors.newFixedThreadPool(4);
    HttpClient http = HttpClient.newBuilder().executor(io).build();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Long> all = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        fs.add(
            ex.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = client; System.nanoTime() < end; i += clients) {
                    String q = queries.apply(i);
                    HttpRequest req =
                        q == null
                            ? HttpRequest.newBuilder(base.resolve("/health")).GET().build()
                            : HttpRequest.newBuilder(base.resolve("/graphql"))
                                .header("Content-Type", "application/json")
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        "{\"query\":" + quote(q) + "}"))
                                .build();
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    mine.add(System.nanoTime() - s);
                    if (r.statusCode() != 200 || r.body().contains("\"errors\"")) {
                      throw new IllegalStateException(q + " -> " + r.body());
                    }
                  }
                  all.addAll(mine);
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      http.close();
      io.shutdownNow();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    List<Long> sorted = new ArrayList<>(all);
    Collections.sort(sorted);
    System.out.printf(
        "%-24s %d clients: %7.0f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms (%d requests)%n",
        what,
        clients,
        sorted.size() / wall,
        pct(sorted, 50),
        pct(sorted, 95),
        pct(sorted, 99),
        sorted.size());
  }

  private static double pct(List<Long> sorted, int p) {
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p / 100.0) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
