package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code --jdbc-url} path against a real, separately run server: Debian's PostgreSQL (15 on
 * this image), started by the test with initdb into a temporary directory — as the {@code postgres}
 * user when the test runs as root, since PostgreSQL refuses to run as root. Skipped, saying why,
 * only where no Debian PostgreSQL is installed (.ci/run installs it).
 */
class ExternalPostgresTest {
  static Optional<Path> debianBin() {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(base)) {
      return s.map(p -> p.resolve("bin"))
          .filter(
              p ->
                  Files.isExecutable(p.resolve("initdb"))
                      && Files.isExecutable(p.resolve("pg_ctl")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  static void run(List<String> cmd) throws Exception {
    List<String> full = new ArrayList<>();
    if (root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", full, out).isZero();
  }

  @Test
  void indexesIntoASeparatePostgresServerByJdbcUrl() throws Exception {
    Optional<Path> bin = debianBin();
    Explorer.requireOrSkip(
        bin.isPresent(),
        "no Debian PostgreSQL under /usr/lib/postgresql (apt-get install postgresql; .ci/run does)");
    Path dir = Files.createTempDirectory("aether-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    if (root()) {
      UserPrincipal pg =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(data, pg);
      Files.setOwner(dir, pg);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String pgCtl = bin.get().resolve("pg_ctl").toString();
    run(
        List.of(
            bin.get().resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8"));
    run(
        List.of(
            pgCtl,
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
            "start"));
    try {
      TestChain chain = new TestChain(5);
      for (int i = 0; i < 20; i++) {
        chain.append(3);
      }
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Database db = Database.external(url, "postgres", null, 4).migrate()) {
        BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
        chain.blocks().forEach(w::write);
        GraphQlApi api = new GraphQlApi(new Queries(db.dataSource(), 500), () -> -1);
        @SuppressWarnings("unchecked")
        Map<String, Object> head =
            (Map<String, Object>)
                ((Map<String, Object>) api.data("{ head { height hash } }", Map.of()).orElseThrow())
                    .get("head");
        assertThat(head.get("height")).isEqualTo(20L);
        assertThat(head.get("hash")).isEqualTo(chain.block(20).block().id().toHex());
        try (var c = db.connection();
            var s = c.createStatement();
            var r = s.executeQuery("SHOW server_version")) {
          r.next();
          assertThat(r.getString(1))
              .as("a Debian server, not the embedded 18")
              .doesNotStartWith("18");
        }
      }
      // Migrating again is a no-op (Flyway's history), and a second start resumes at the cursor.
      try (Database db =
          Database.external(
                  "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null, 2)
              .migrate()) {
        assertThat(
                new BlockWriter(db.dataSource(), Optional.empty()).cursor().orElseThrow().height())
            .isEqualTo(20);
      }
    } finally {
      run(List.of(pgCtl, "-D", data.toString(), "-m", "fast", "-w", "stop"));
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
