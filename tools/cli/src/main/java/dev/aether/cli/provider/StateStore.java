package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The daemon's folder: {@code chain} (the genesis block id of the chain it belongs to, {@link
 * #requireChain}), {@code cursor} (the last finalized height it scanned), {@code jobs/<id>.json} (a
 * {@link JobState} each; {@code jobs/done/<id>.json} once done), {@code jobs/<id>.vcr.json} (a
 * receipt: its own, or the one it watches), {@code jobs/<id>.fraud.json} (a fraud proof to send)
 * and {@code stats.json}. Every file is written to a temporary name, forced to disk and renamed
 * over the old one, so a kill at any instant leaves either the old or the new file, never half of
 * one.
 */
final class StateStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path jobs;
  private final Path done;

  private final java.nio.channels.FileChannel lockFile;
  private final java.nio.channels.FileLock lock;

  /**
   * Opens (creating) {@code dir} and locks it: two daemons on one state folder would both act on
   * the same jobs, so the second is refused.
   */
  StateStore(Path dir) {
    this(dir, true);
  }

  /** Opens {@code dir}; {@code exclusive} false reads beside a running daemon (no job writes). */
  StateStore(Path dir, boolean exclusive) {
    this.dir = dir;
    this.jobs = dir.resolve("jobs");
    this.done = jobs.resolve("done");
    try {
      Files.createDirectories(done);
      lockFile =
          java.nio.channels.FileChannel.open(
              dir.resolve("lock"),
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE);
      lock = exclusive ? tryLock(lockFile) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (exclusive && lock == null) {
      try {
        lockFile.close();
      } catch (IOException e) {
        // nothing to release
      }
      throw new dev.aether.cli.CliException("another daemon is using the state folder " + dir, 1);
    }
  }

  private static java.nio.channels.FileLock tryLock(java.nio.channels.FileChannel ch)
      throws IOException {
    try {
      return ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by this very process
    }
  }

  /**
   * Binds the state folder {@code dir} to the chain whose genesis block is {@code genesisHash}
   * (recorded in {@code dir/chain} on first use). A folder of another chain — a devnet started
   * fresh while the daemon's folder stayed — is refused: its cursor and jobs would make the daemon
   * wait for heights of the old chain and act on jobs that do not exist here.
   *
   * @throws dev.aether.cli.CliException (exit 1) if the folder belongs to another chain
   */
  static void requireChain(Path dir, String genesisHash) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path f = dir.resolve("chain");
    Optional<String> recorded = read(f).map(String::strip);
    if (recorded.isEmpty()) {
      write(f, genesisHash);
    } else if (!recorded.get().equalsIgnoreCase(genesisHash)) {
      throw new dev.aether.cli.CliException(
          "state folder "
              + dir
              + " belongs to the chain with genesis block "
              + recorded.get()
              + ", but the node serves genesis block "
              + genesisHash
              + " (a devnet started fresh?): move the folder away or set another state_dir",
          1);
    }
  }

  /** Releases the folder. */
  void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      lockFile.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long cursor() {
    return read(dir.resolve("cursor")).map(s -> Long.parseLong(s.strip())).orElse(0L);
  }

  void cursor(long height) {
    write(dir.resolve("cursor"), Long.toString(height));
  }

  /** Every job it knows, open and done. */
  List<JobState> jobs() {
    List<JobState> out = new ArrayList<>(open());
    out.addAll(list(done));
    return out;
  }

  /**
   * The jobs not yet done: what each pass walks. Done jobs live in {@code done/}, so a long-lived
   * daemon's pass costs what is in progress, not its whole history.
   */
  List<JobState> open() {
    return list(jobs);
  }

  private static List<JobState> list(Path folder) {
    List<JobState> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".json") && name.split("\\.").length == 2) {
          out.add(JSON.readValue(Files.readString(p), JobState.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Optional<JobState> job(String id) {
    return read(jobs.resolve(id + ".json"))
        .or(() -> read(done.resolve(id + ".json")))
        .map(
            s -> {
              try {
                return JSON.readValue(s, JobState.class);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  void put(JobState j) {
    try {
      if (j.phase() == JobState.Phase.DONE) {
        // Written to done/ first, then removed from the open folder: a kill in between leaves
        // it in both, and the open copy is finished again on the next pass.
        write(done.resolve(j.id() + ".json"), JSON.writeValueAsString(j));
        Files.deleteIfExists(jobs.resolve(j.id() + ".json"));
      } else {
        write(jobs.resolve(j.id() + ".json"), JSON.writeValueAsString(j));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<String> attachment(String id, String kind) {
    return read(jobs.resolve(id + "." + kind + ".json"));
  }

  void attach(String id, String kind, String json) {
    write(jobs.resolve(id + "." + kind + ".json"), json);
  }

  /** What the daemon has counted so far ({@code stats.json}). */
  Stats stats() {
    return book().stats();
  }

  /**
   * Applies {@code f} to the stats unless {@code event} was counted already, in one atomic write of
   * {@code stats.json} (the stats and the events counted for jobs still open).
   */
  void count(String event, java.util.function.UnaryOperator<Stats> f) {
    Book b = book();
    if (b.counted().contains(event)) {
      return;
    }
    // Events of finished jobs cannot recur (a finished job takes no more steps): forget them.
    java.util.Set<String> open = new java.util.HashSet<>();
    for (JobState j : open()) {
      open.add(j.id());
    }
    java.util.List<String> keep = new java.util.ArrayList<>();
    for (String e : b.counted()) {
      if (open.contains(e.substring(0, Math.max(0, e.indexOf(' '))))) {
        keep.add(e);
      }
    }
    keep.add(event);
    try {
      write(dir.resolve("stats.json"), JSON.writeValueAsString(new Book(f.apply(b.stats()), keep)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Book book() {
    return read(dir.resolve("stats.json"))
        .map(
            s -> {
              try {
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(s);
                // Files from before events were recorded hold the stats alone.
                return n.has("stats")
                    ? JSON.treeToValue(n, Book.class)
                    : new Book(JSON.treeToValue(n, Stats.class), java.util.List.of());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElse(new Book(Stats.ZERO, java.util.List.of()));
  }

  /**
   * {@code stats.json}: the stats and the events already counted for jobs still open.
   *
   * @param stats the stats
   * @param counted events counted ({@code <job id> <what>})
   */
  record Book(Stats stats, java.util.List<String> counted) {}

  private static Optional<String> read(Path p) {
    try {
      return Files.exists(p)
          ? Optional.of(Files.readString(p, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String content) {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    try (var ch =
        java.nio.channels.FileChannel.open(
            tmp,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      try {
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e2) {
        throw new UncheckedIOException(e2);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a daemon earned and spent, summed over its life (what {@code stats.json} shows).
   *
   * @param accepted jobs it accepted
   * @param submitted receipts it put on chain
   * @param settled its jobs that settled
   * @param earned AIC paid to it for settled jobs (base units, decimal)
   * @param rerun other providers' receipts it re-ran
   * @param rerunJUnits J-units of those re-runs (its watching cost, in engine work)
   * @param challenged fraud proofs it sent
   * @param caught proofs the chain upheld
   * @param rewards AIC it was awarded for upheld proofs (base units, decimal)
   * @param expired {@code expire} transactions it sent for jobs whose provider missed the deadline
   */
  record Stats(
      long accepted,
      long submitted,
      long settled,
      String earned,
      long rerun,
      long rerunJUnits,
      long challenged,
      long caught,
      String rewards,
      long expired) {
    static final Stats ZERO = new Stats(0, 0, 0, "0", 0, 0, 0, 0, "0", 0);

    Stats plusAccepted() {
      return new Stats(
          accepted + 1,
          submitted,
          settled,
          earned,
          rerun,
          rerunJUnits,
          challenged,
          caught,
          rewards,
          expired);
    }

    Stats plusSubmitted() {
      return new Stats(
          accepted,
          submitted + 1,
          settled,
          earned,
          rerun,
          rerunJUnits,
          challenged,
          caught,
          rewards,
          expired);
    }

    /** One more job settled, paid {@code paid} (AIC, decimal). */
    Stats plusSettled(String paid) {
      return new Stats(
          accepted,
          submitted,
          settled + 1,
          add(earned, paid),
          rerun,
          rerunJUnits,
          challenged,
          caught,
          rewards,
          expired);
    }

    /** One more receipt re-run, of {@code jUnits}. */
    Stats plusRerun(long jUnits) {
      return new Stats(
          accepted,
          submitted,
          settled,
          earned,
          rerun + 1,
          rerunJUnits + jUnits,
          challenged,
          caught,
          rewards,
          expired);
    }

    Stats plusChallenged() {
      return new Stats(
          accepted,
          submitted,
          settled,
          earned,
          rerun,
          rerunJUnits,
          challenged + 1,
          caught,
          rewards,
          expired);
    }

    /** One more cheat caught, rewarded {@code reward} (AIC, decimal). */
    Stats plusCaught(String reward) {
      return new Stats(
          accepted,
          submitted,
          settled,
          earned,
          rerun,
          rerunJUnits,
          challenged,
          caught + 1,
          add(rewards, reward),
          expired);
    }

    /** One more {@code expire} sent for another provider's missed deadline. */
    Stats plusExpired() {
      return new Stats(
          accepted,
          submitted,
          settled,
          earned,
          rerun,
          rerunJUnits,
          challenged,
          caught,
          rewards,
          expired + 1);
    }

    private static String add(String a, String b) {
      return new java.math.BigInteger(a).add(new java.math.BigInteger(b)).toString();
    }
  }
}
