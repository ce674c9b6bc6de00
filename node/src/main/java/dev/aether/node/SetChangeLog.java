package dev.aether.node;

import dev.aether.ledger.Ledger;
import dev.aether.ledger.StateObject;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.SetChange;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * This node's record of validator-set changes ({@link SetChange}, one per ended consensus epoch),
 * built from the blocks it commits and served to nodes that state-sync (ADR 0003): when a block
 * that ends its epoch is committed, the staking program's record of the set two epochs ahead is
 * proven against that block's state root; the next committed block is the new epoch's first, and
 * the one after it carries the QC that certifies it. Links are contiguous by epoch.
 *
 * <p>Stored append-only in {@code set-changes.bin} (each link length-prefixed, fsynced); a torn
 * last link is dropped on open. Thread-safe.
 */
final class SetChangeLog {
  private static final Logger LOG = Logger.getLogger(SetChangeLog.class.getName());

  private final Path file;
  private final long epochSlots;
  private final List<SetChange> links = new ArrayList<>();

  /** A link being built: its boundary block and recorded set, then the next epoch's first block. */
  private static final class Pending {
    final Header boundary;
    final Bytes recordedSet;
    final Bytes proof;
    Optional<Header> opening = Optional.empty();

    Pending(Header boundary, Bytes recordedSet, Bytes proof) {
      this.boundary = boundary;
      this.recordedSet = recordedSet;
      this.proof = proof;
    }
  }

  /**
   * Links being built from commits (execution thread). Usually one; while consensus catches up
   * through skipped epochs a block can be both the first of an epoch and the one that ends it.
   */
  private final List<Pending> pending = new ArrayList<>();

  SetChangeLog(Path dataDir, long epochSlots) {
    this.file = dataDir.resolve("set-changes.bin");
    this.epochSlots = epochSlots;
    load();
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      byte[] all = Files.readAllBytes(file);
      Reader in = new Reader(all);
      int good = 0;
      while (true) {
        try {
          long len = in.u32("link length");
          SetChange c = SetChange.CODEC.decode(in.fixed("link", (int) len));
          if (!links.isEmpty() && c.epoch() != links.getLast().epoch() + 1) {
            break;
          }
          links.add(c);
          good += 4 + (int) len;
        } catch (CodecException e) {
          break;
        }
        if (good == all.length) {
          break;
        }
      }
      if (good != all.length) {
        LOG.warning("set-change log: dropping a torn tail of " + (all.length - good) + " bytes");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(good);
          ch.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The first epoch this log covers and the last, if any. */
  synchronized Optional<long[]> range() {
    return links.isEmpty()
        ? Optional.empty()
        : Optional.of(new long[] {links.getFirst().epoch(), links.getLast().epoch()});
  }

  /** Up to {@code max} links from epoch {@code from} on. */
  synchronized List<SetChange> from(long from, int max) {
    List<SetChange> out = new ArrayList<>();
    for (SetChange c : links) {
      if (c.epoch() >= from && out.size() < max) {
        out.add(c);
      }
    }
    return out;
  }

  /** Appends {@code c} when it continues the log (or starts it); durably. */
  synchronized boolean add(SetChange c) {
    if (!links.isEmpty() && c.epoch() != links.getLast().epoch() + 1) {
      return false;
    }
    byte[] body = SetChange.CODEC.encode(c);
    byte[] framed = new Writer(body.length + 4).u32(body.length).fixed(body).toByteArray();
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(framed);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
    links.add(c);
    return true;
  }

  /**
   * Called after {@code block} was committed to {@code ledger} (its state is the ledger's head):
   * advances the link being built.
   */
  synchronized void committed(Block block, Ledger ledger) {
    Header h = block.header();
    for (java.util.Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.opening.isPresent() && h.parent().equals(p.opening.get().id())) {
        SetChange c =
            new SetChange(p.boundary, p.opening.get(), h.parentQc(), p.recordedSet, p.proof);
        if (!add(c)) {
          LOG.fine("set-change log has a gap before epoch " + c.epoch() + " (state-synced node)");
        }
        it.remove();
      } else if (p.opening.isEmpty() && h.parent().equals(p.boundary.id())) {
        p.opening = Optional.of(h);
      }
    }
    // A final block of epoch e past e's slots is the block that ended e (ADR 0025).
    if (h.slot() >= (h.epoch() + 1) * epochSlots) {
      H256 key = StakingKeys.epochSet(h.epoch() + 2);
      Optional<StateObject> recorded = ledger.get(key);
      if (recorded.isPresent() && recorded.get() instanceof StateObject.Data d) {
        pending.add(new Pending(h, d.bytes(), Bytes.of(ledger.prove(key).encode())));
        while (pending.size() > 8) {
          pending.removeFirst();
        }
      } else {
        LOG.warning("epoch " + h.epoch() + " ended without a recorded set for " + (h.epoch() + 2));
      }
    }
  }
}
