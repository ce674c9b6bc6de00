package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aether.indexer.db.Database;
import dev.aether.rpc.BlockStreamServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer following a real gRPC block stream: catches up from genesis, follows live blocks, and
 * after a stop resumes from its cursor without a gap or a duplicate.
 */
class FollowerTest {
  @TempDir Path dir;

  @Test
  void catchesUpFollowsLiveAndResumesAfterARestart() {
    TestChain chain = new TestChain(11);
    for (int i = 0; i < 40; i++) {
      chain.append(3);
    }
    try (BlockStreamServer stream = BlockStreamServer.start(chain, "127.0.0.1", 0);
        Pg pg = new Pg(dir.resolve("pg"))) {
      Database db = pg.fresh();
      String url = db.url();
      Indexer.Config cfg =
          new Indexer.Config(
              "127.0.0.1",
              stream.port(),
              Optional.empty(),
              new InetSocketAddress("127.0.0.1", 0),
              Optional.empty(),
              500);
      Indexer ix = Indexer.start(db, cfg);
      await().atMost(Duration.ofSeconds(30)).until(() -> ix.indexedHeight() == 40);
      chain.append(5);
      chain.append(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> ix.indexedHeight() == 42);
      ix.close();

      chain.append(2);
      chain.append(4);
      Database again = Database.external(url, "postgres", null, 4);
      try (Indexer ix2 = Indexer.start(again, cfg)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ix2.indexedHeight() == 44);
        long txs = chain.blocks().stream().mapToLong(b -> b.block().txs().size()).sum();
        assertThat(BlockWriterTest.count(again, "SELECT count(*) FROM blocks")).isEqualTo(45);
        assertThat(BlockWriterTest.count(again, "SELECT count(*) FROM transactions"))
            .isEqualTo(txs);
        assertThat(ix2.failure()).isEmpty();
      }
    }
  }
}
