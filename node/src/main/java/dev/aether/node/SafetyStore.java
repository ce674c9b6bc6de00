package dev.aether.node;

import dev.aether.consensus.SafetyState;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The validator's consensus safety state on disk: written to a temporary file, fsynced, then
 * atomically renamed over the old one, so a crash leaves either the old or the new state, never a
 * torn one; the directory is fsynced after the rename, so the new name itself survives a power loss
 * (without that, a crash right after a vote could bring back the old state, and a restarted
 * validator could vote twice). Consensus waits for {@link #save} before any vote leaves the node; a
 * failed save stops the node ({@link ConsensusLoop}).
 *
 * <p>The resume blocks (certified blocks above the last commit; normally one or two, up to 64 after
 * timeouts, each up to the block size limit) are stored once each, content-addressed, under {@code
 * safety-blocks/<id>}, and {@code safety.bin} names them by id: a vote rewrites and fsyncs a few
 * hundred bytes, not every block it builds on again. Order on save: new block files are written and
 * synced first, then the state that names them; files no state names any more are deleted last, so
 * a crash at any point leaves a state whose blocks are all on disk (at worst some unreferenced
 * ones).
 */
final class SafetyStore {
  /** First byte of the node's format; the consensus codec's own versions are 1 and 3. */
  private static final int FORMAT = 0x10;

  private final Path file;
  private final Path blocks;

  /** What makes a rename durable: fsync of the directory (a seam for the ordering test). */
  interface DirectorySync {
    void sync(Path dir) throws IOException;
  }

  private final DirectorySync directorySync;

  SafetyStore(Path dataDir) {
    this(dataDir, SafetyStore::fsyncDirectory);
  }

  SafetyStore(Path dataDir, DirectorySync directorySync) {
    this.file = dataDir.resolve("safety.bin");
    this.blocks = dataDir.resolve("safety-blocks");
    this.directorySync = directorySync;
  }

  SafetyState load() {
    try {
      if (!Files.exists(file)) {
        return SafetyState.INITIAL;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0 || (bytes[0] & 0xff) != FORMAT) {
        return SafetyState.CODEC.decode(bytes); // written before blocks were stored apart
      }
      Reader in = new Reader(bytes);
      in.u8("safety format");
      SafetyState rounds = SafetyState.CODEC.decode(in.bytes("safety state", 1 << 20));
      List<H256> ids = in.list("resume block ids", SafetyState.MAX_RESUME_BLOCKS, H256.CODEC);
      in.expectEnd("safety.bin");
      List<Block> resumed = new ArrayList<>();
      for (H256 id : ids) {
        resumed.add(readBlock(id));
      }
      SafetyState.Resume r = rounds.resume();
      return rounds.withResume(new SafetyState.Resume(r.highQc(), r.highTc(), resumed));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (CodecException e) {
      throw new UncheckedIOException(
          new IOException("corrupt safety state in " + file + ": " + e.getMessage(), e));
    }
  }

  void save(SafetyState state) {
    List<H256> ids = new ArrayList<>();
    try {
      boolean wrote = false;
      for (Block b : state.resume().blocks()) {
        ids.add(b.id());
        wrote |= writeBlockOnce(b);
      }
      if (wrote) {
        directorySync.sync(blocks);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist safety state", e);
    }
    SafetyState.Resume r = state.resume();
    SafetyState rounds =
        state.withResume(new SafetyState.Resume(r.highQc(), r.highTc(), List.of()));
    byte[] encoded =
        new Writer()
            .u8(FORMAT)
            .bytes(SafetyState.CODEC.encode(rounds))
            .list(ids, H256.CODEC)
            .toByteArray();
    try {
      writeSynced(file.resolveSibling("safety.bin.tmp"), encoded);
      Files.move(
          file.resolveSibling("safety.bin.tmp"),
          file,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      directorySync.sync(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist safety state", e);
    }
    dropUnreferenced(new HashSet<>(ids));
  }

  /** Writes {@code b} under its id unless it is there already; true when it wrote. */
  private boolean writeBlockOnce(Block b) throws IOException {
    Path target = blocks.resolve(b.id().toHex());
    if (Files.exists(target)) {
      return false;
    }
    Files.createDirectories(blocks);
    Path tmp = blocks.resolve(b.id().toHex() + ".tmp");
    writeSynced(tmp, Block.CODEC.encode(b));
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  private Block readBlock(H256 id) throws IOException {
    Path p = blocks.resolve(id.toHex());
    if (!Files.exists(p)) {
      throw new IOException("safety state names resume block " + id.toHex() + ", missing at " + p);
    }
    Block b = Block.CODEC.decode(Files.readAllBytes(p));
    if (!b.id().equals(id)) {
      throw new IOException("resume block file " + p + " holds block " + b.id().toHex());
    }
    return b;
  }

  /**
   * Deletes block files the current state does not name (after that state is durable). Best effort:
   * a file left behind is deleted by a later save.
   */
  private void dropUnreferenced(Set<H256> keep) {
    if (!Files.isDirectory(blocks)) {
      return;
    }
    Set<String> names = new HashSet<>();
    keep.forEach(id -> names.add(id.toHex()));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blocks)) {
      for (Path p : files) {
        if (!names.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Unreferenced files only cost disk space until the next save removes them.
    }
  }

  /** Writes {@code bytes} to {@code path} (created or truncated) and fsyncs it. */
  private static void writeSynced(Path path, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** fsync of a directory (Linux, macOS): makes the entries renamed into it durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
