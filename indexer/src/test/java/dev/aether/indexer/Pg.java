package dev.aether.indexer;

import dev.aether.indexer.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test class, and a fresh database in it for each test (reached through
 * {@link Database#external}, the {@code --jdbc-url} path).
 */
final class Pg implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private final Database server;

  Pg(Path dir) {
    server = Database.embedded(dir, 0, 2);
  }

  /** A new, empty, migrated database on the server. */
  Database fresh() {
    String name = "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    try (Connection c = server.connection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String url = server.url().replaceFirst("/postgres\\?", "/" + name + "?");
    return Database.external(url, "postgres", null, 4).migrate();
  }

  @Override
  public void close() {
    server.close();
  }
}
