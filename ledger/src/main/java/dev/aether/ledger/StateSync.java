package dev.aether.ledger;

import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.ledger.smt.SubtreeProof;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * State sync by key-range chunks. The serving side ({@link #chunk}) cuts a committed state (best an
 * epoch snapshot, so it stays fixed while peers sync) into {@code 2^bits} prefix ranges, each with
 * a range proof. The syncing side ({@link Receiver}) trusts only a state root (from a finalised
 * header), verifies every chunk against it before writing anything, and writes each accepted chunk
 * (state and tree nodes) in one atomic batch; the head is written only when every chunk is in and
 * the rebuilt tree's root equals the trusted root.
 */
public final class StateSync {
  private StateSync() {}

  /** Chunk {@code index} of {@code 2^bits} from the committed state in {@code store}. */
  public static StateChunk chunk(StateStore store, int bits, int index) {
    H256 prefix = prefix(bits, index);
    List<StateChunk.Entry> entries = new ArrayList<>();
    store.scan(
        Column.STATE,
        prefix.toArray(),
        rangeEnd(bits, index),
        (k, v) -> {
          entries.add(new StateChunk.Entry(H256.of(k), Bytes.of(v)));
          return true;
        });
    SubtreeProof proof =
        new SparseMerkleTree(Ledger.readOnlyNodes(store)).proveSubtree(prefix, bits);
    return new StateChunk(bits, index, entries, proof);
  }

  /** The prefix of chunk {@code index}: its bits at the top of a 32-byte key. */
  public static H256 prefix(int bits, int index) {
    byte[] p = new byte[32];
    for (int i = 0; i < bits; i++) {
      if (((index >>> (bits - 1 - i)) & 1) == 1) {
        p[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return H256.of(p);
  }

  /** Exclusive upper bound of chunk {@code index}'s keys (33 bytes past the last chunk). */
  static byte[] rangeEnd(int bits, int index) {
    if ((long) index + 1 == (1L << bits)) {
      byte[] end = new byte[33];
      java.util.Arrays.fill(end, 0, 32, (byte) 0xff);
      return end;
    }
    return prefix(bits, index + 1).toArray();
  }

  /**
   * Receives chunks for one trusted head into an empty store. Not thread-safe. Chunks may come in
   * any order and from any peers; a bad one is rejected and can be fetched again elsewhere.
   */
  public static final class Receiver {
    private static final byte[] SYNC_KEY =
        "sync-progress".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final StateStore store;
    private final Head trusted;
    private final int bits;
    private final BitSet received;

    /**
     * @param trusted the head to sync to (its state root is the only thing trusted)
     * @param bits the chunking; the store must be empty or hold an unfinished sync to {@code
     *     trusted} with the same chunking
     */
    public Receiver(StateStore store, Head trusted, int bits) {
      if (bits < 0 || bits > 24) {
        throw new IllegalArgumentException("chunk prefix length must be 0..24 bits");
      }
      this.store = store;
      this.trusted = trusted;
      this.bits = bits;
      if (Ledger.readHead(store).isPresent()) {
        throw new LedgerException(
            new LedgerError.ChunkRejected("-", "store already holds a chain"));
      }
      this.received = store.get(Column.META, SYNC_KEY).map(b -> resume(b)).orElseGet(BitSet::new);
    }

    private BitSet resume(byte[] raw) {
      byte[] expect = progressHeader();
      if (raw.length < expect.length
          || !java.util.Arrays.equals(raw, 0, expect.length, expect, 0, expect.length)) {
        throw new LedgerException(
            new LedgerError.ChunkRejected("-", "store holds a sync to another head"));
      }
      return BitSet.valueOf(java.util.Arrays.copyOfRange(raw, expect.length, raw.length));
    }

    private byte[] progressHeader() {
      Writer w = new Writer();
      Head.CODEC.write(trusted, w);
      return w.u8(bits).toByteArray();
    }

    /** Chunks still missing, ascending. */
    public List<Integer> missing() {
      List<Integer> out = new ArrayList<>();
      for (int i = received.nextClearBit(0); i < (1 << bits); i = received.nextClearBit(i + 1)) {
        out.add(i);
      }
      return out;
    }

    /**
     * Verifies {@code chunk} against the trusted root and, only if it verifies, writes it.
     *
     * @throws LedgerException with {@link LedgerError.ChunkRejected} saying why it was refused
     */
    public void accept(StateChunk chunk) {
      String name = chunk.index() + "/" + (1 << bits);
      if (chunk.bits() != bits) {
        throw reject(name, "chunked at " + chunk.bits() + " bits, expected " + bits);
      }
      H256 prefix = prefix(bits, chunk.index());
      if (!chunk.proof().prefix().equals(prefix) || chunk.proof().bits() != bits) {
        throw reject(name, "proof is for another range");
      }
      TreeMap<H256, H256> hashes = new TreeMap<>();
      TreeMap<H256, StateObject> objects = new TreeMap<>();
      H256 prev = null;
      for (StateChunk.Entry e : chunk.entries()) {
        if (prev != null && prev.compareTo(e.key()) >= 0) {
          throw reject(name, "entries not strictly ascending at " + e.key());
        }
        prev = e.key();
        StateObject o;
        try {
          o = StateObject.CODEC.decode(e.value().toArray());
        } catch (CodecException ex) {
          throw reject(name, "entry " + e.key() + " does not decode: " + ex.getMessage());
        }
        objects.put(e.key(), o);
        hashes.put(e.key(), Ledger.valueHash(o));
      }
      Optional<String> bad = chunk.proof().check(trusted.stateRoot(), hashes);
      if (bad.isPresent()) {
        throw reject(name, bad.get());
      }
      if (received.get(chunk.index())) {
        return;
      }
      WriteSet ws = new WriteSet();
      TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
      objects.forEach(
          (k, o) -> {
            ws.put(Column.STATE, k.toArray(), StateObject.CODEC.encode(o));
            changes.put(k, Optional.of(hashes.get(k)));
          });
      StoreNodes nodes = new StoreNodes(store);
      new SparseMerkleTree(nodes).update(changes);
      nodes.writeTo(ws);
      received.set(chunk.index());
      ws.put(Column.META, SYNC_KEY, concat(progressHeader(), received.toByteArray()));
      store.write(ws);
    }

    /**
     * Completes the sync once every chunk is in: checks the rebuilt root and writes the head (and
     * the genesis id the node's own genesis file gives), making the store a ledger at {@code
     * trusted}.
     */
    public Head finish(H256 genesisId) {
      return finish(genesisId, java.util.Optional.empty());
    }

    /**
     * As {@link #finish(H256)}, also storing the trusted head's block (so the node can serve it and
     * answer for its height); it must be the block the trusted head names.
     */
    public Head finish(H256 genesisId, java.util.Optional<dev.aether.types.Block> headBlock) {
      headBlock.ifPresent(
          b -> {
            if (!b.id().equals(trusted.blockId())
                || b.header().height() != trusted.height()
                || !b.header().stateRoot().equals(trusted.stateRoot())) {
              throw reject("-", "head block " + b.id() + " is not the trusted head");
            }
          });
      if (!missing().isEmpty()) {
        throw reject("-", missing().size() + " chunks still missing");
      }
      H256 root = new SparseMerkleTree(Ledger.readOnlyNodes(store)).root();
      if (!root.equals(trusted.stateRoot())) {
        throw reject("-", "rebuilt root " + root + " differs from trusted " + trusted.stateRoot());
      }
      WriteSet ws = new WriteSet();
      ws.delete(Column.META, SYNC_KEY);
      ws.put(Column.META, Genesis.GENESIS_KEY, genesisId.toArray());
      ws.put(Column.META, Ledger.HEAD_KEY, Head.CODEC.encode(trusted));
      headBlock.ifPresent(
          b -> {
            byte[] height = Ledger.u64(b.header().height());
            ws.put(Column.HEADERS, height, dev.aether.types.Header.CODEC.encode(b.header()));
            ws.put(Column.BLOCKS, height, dev.aether.types.Block.CODEC.encode(b));
          });
      store.write(ws);
      return trusted;
    }

    private static LedgerException reject(String chunk, String detail) {
      return new LedgerException(new LedgerError.ChunkRejected(chunk, detail));
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }
}
