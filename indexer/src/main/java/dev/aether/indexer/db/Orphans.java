package dev.aether.indexer.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * An indexer killed with SIGKILL leaves its embedded PostgreSQL running (the server is a separate
 * process). Its {@code postmaster.pid} names it; the next start asks it to shut down (SIGTERM, a
 * "smart" shutdown that completes once its dead client's sessions are gone) before starting anew on
 * the same data. PostgreSQL recovers any transaction the killed indexer had not committed by
 * rolling it back, which is what makes the one-transaction-per-block design exactly-once.
 */
final class Orphans {
  private static final Logger LOG = Logger.getLogger(Orphans.class.getName());

  private Orphans() {}

  static void stopLeftover(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> server;
    try {
      server = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()));
    } catch (RuntimeException e) {
      return; // torn file: PostgreSQL itself decides whether it is stale
    }
    if (server.isEmpty() || !server.get().isAlive() || !isPostgres(server.get())) {
      return;
    }
    LOG.info(
        "stopping the PostgreSQL (pid " + server.get().pid() + ") a killed indexer left running");
    server.get().destroy();
    try {
      server.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(
          "the PostgreSQL a killed indexer left running (pid "
              + server.get().pid()
              + ") did not stop; stop it and retry",
          e);
    }
  }

  private static boolean isPostgres(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("postgres")).orElse(true);
  }
}
