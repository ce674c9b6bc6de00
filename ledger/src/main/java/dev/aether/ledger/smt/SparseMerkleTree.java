package dev.aether.ledger.smt;

import dev.aether.ledger.Parallelism;
import dev.aether.ledger.StateCommitment;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A binary Sparse Merkle Tree over 256-bit keys with shortcut leaves: a key sits as a leaf at the
 * shallowest depth where its subtree holds no other key, and empty subtrees hash to zero, so the
 * tree stores about 2n nodes for n keys and a path is about log2(n) deep, not 256. The shape is a
 * function of the key set alone, which makes the root independent of insertion order.
 *
 * <p>Nodes are stored by path ({@link #pathKey}) and updated in place: one version lives in the
 * store, old versions are not kept (snapshots and checkpoints keep history where it is needed). Not
 * thread-safe: one writer; proofs may be taken while no update runs.
 */
public final class SparseMerkleTree implements StateCommitment {
  /** Encoded path length: 32-byte prefix with bits past the depth cleared, then u16 depth. */
  public static final int PATH_BYTES = 34;

  private final NodeStore nodes;
  private final SmtHasher hasher = new SmtHasher();

  public SparseMerkleTree(NodeStore nodes) {
    this.nodes = nodes;
  }

  /**
   * The storage key of the node at {@code depth} whose path is the first {@code depth} bits of
   * {@code prefix}. Prefix first, so a subtree's nodes are one contiguous key range.
   */
  public static byte[] pathKey(int depth, byte[] prefix) {
    byte[] k = new byte[PATH_BYTES];
    System.arraycopy(prefix, 0, k, 0, 32);
    k[32] = (byte) (depth >>> 8);
    k[33] = (byte) depth;
    return k;
  }

  static byte[] withBit(byte[] prefix, int bit) {
    byte[] p = prefix.clone();
    p[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
    return p;
  }

  static boolean bit(byte[] key, int i) {
    return ((key[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  @Override
  public H256 root() {
    return switch (load(0, new byte[32])) {
      case null -> H256.ZERO;
      case Node.Leaf l -> hasher.leaf(l.key(), l.valueHash());
      case Node.Inner in -> hasher.inner(in.left(), in.right());
    };
  }

  private Node load(int depth, byte[] prefix) {
    return nodes.get(pathKey(depth, prefix)).map(Node::decode).orElse(null);
  }

  // ---- update -------------------------------------------------------------------------------

  /** What an updated subtree became; leaves are written by their parent, who fixes their depth. */
  private sealed interface Sub {
    H256 hash();

    int kind();
  }

  private record SEmpty() implements Sub {
    public H256 hash() {
      return H256.ZERO;
    }

    public int kind() {
      return Node.EMPTY;
    }
  }

  private record SLeaf(H256 key, H256 valueHash, H256 hash) implements Sub {
    public int kind() {
      return Node.LEAF;
    }
  }

  private record SInner(H256 hash) implements Sub {
    public int kind() {
      return Node.INNER;
    }
  }

  private static final Sub EMPTY = new SEmpty();

  @Override
  public H256 update(SortedMap<H256, Optional<H256>> changes) {
    if (changes.isEmpty()) {
      return root();
    }
    Batch batch = Batch.of(changes);
    byte[] rootPrefix = new byte[32];
    return finish(update(batch, 0, rootPrefix, 0, batch.size()), rootPrefix);
  }

  /** Fewest changes worth splitting over workers: below this the hand-offs cost more. */
  public static final int PARALLEL_MIN_CHANGES = 64;

  /**
   * {@link #update(SortedMap)} with the changed subtrees below a few top levels updated on {@code
   * par}'s workers. Same root and same stored nodes as the serial update: the subtrees are disjoint
   * (each reads and writes only paths under its own prefix, buffered, then written here), and the
   * top levels are joined afterwards exactly as the serial recursion joins them. The node store
   * must allow concurrent reads while nothing writes it (the ledger's stores do).
   */
  public H256 update(SortedMap<H256, Optional<H256>> changes, Parallelism par) {
    if (par.workers() < 2 || changes.size() < PARALLEL_MIN_CHANGES) {
      return update(changes);
    }
    Batch batch = Batch.of(changes);
    // About four subtrees per worker, so that uneven subtrees still balance.
    int splitDepth = 32 - Integer.numberOfLeadingZeros(4 * par.workers() - 1);
    List<Piece> pieces = new ArrayList<>();
    byte[] rootPrefix = new byte[32];
    Top top = plan(batch, 0, rootPrefix, 0, batch.size(), splitDepth, pieces);
    Sub[] results = new Sub[pieces.size()];
    BufferedNodes[] buffers = new BufferedNodes[pieces.size()];
    par.forEach(
        pieces.size(),
        i -> {
          Piece p = pieces.get(i);
          BufferedNodes own = new BufferedNodes(nodes);
          results[i] = new SparseMerkleTree(own).update(batch, p.depth, p.prefix, p.lo, p.hi);
          buffers[i] = own;
        });
    for (BufferedNodes b : buffers) {
      b.writeTo(nodes); // disjoint paths: the order between buffers does not matter
    }
    return finish(join(top, 0, rootPrefix, results), rootPrefix);
  }

  private H256 finish(Sub result, byte[] rootPrefix) {
    if (result instanceof SLeaf l) {
      nodes.put(pathKey(0, rootPrefix), new Node.Leaf(l.key, l.valueHash).encode());
    }
    return result.hash();
  }

  private record Batch(byte[][] keys, H256[] hkeys, H256[] vals) {
    static Batch of(SortedMap<H256, Optional<H256>> changes) {
      int n = changes.size();
      byte[][] keys = new byte[n][];
      H256[] hkeys = new H256[n];
      H256[] vals = new H256[n];
      int i = 0;
      for (Map.Entry<H256, Optional<H256>> e : changes.entrySet()) {
        hkeys[i] = e.getKey();
        keys[i] = e.getKey().toArray();
        vals[i] = e.getValue().orElse(null);
        i++;
      }
      return new Batch(keys, hkeys, vals);
    }

    int size() {
      return keys.length;
    }
  }

  // ---- parallel update: a serial top, disjoint subtrees on workers, a serial join ------------

  /** A changed subtree updated on its own: the serial {@code update} of that range. */
  private record Piece(int depth, byte[] prefix, int lo, int hi) {}

  /** The top levels as the plan found them: inner nodes down to the pieces. */
  private sealed interface Top {}

  /** A piece, by index. */
  private record TopPiece(int index) implements Top {}

  /** An inner node above the pieces; a side is null where the batch leaves it unchanged. */
  private record TopInner(Node.Inner node, Top left, Top right) implements Top {}

  /**
   * Walks the inner nodes above {@code splitDepth} that the batch changes, as the serial update
   * would, and cuts a piece wherever it reaches the split depth or a leaf or empty slot (which the
   * serial update rebuilds from scratch).
   */
  private Top plan(
      Batch batch, int depth, byte[] prefix, int lo, int hi, int splitDepth, List<Piece> out) {
    Node n = depth < splitDepth ? load(depth, prefix) : null;
    if (!(n instanceof Node.Inner in)) {
      out.add(new Piece(depth, prefix, lo, hi));
      return new TopPiece(out.size() - 1);
    }
    int mid = split(batch.keys, lo, hi, depth);
    Top l = mid > lo ? plan(batch, depth + 1, prefix, lo, mid, splitDepth, out) : null;
    Top r =
        hi > mid ? plan(batch, depth + 1, withBit(prefix, depth), mid, hi, splitDepth, out) : null;
    return new TopInner(in, l, r);
  }

  /** The serial update's joins above the pieces, with the pieces' results. */
  private Sub join(Top top, int depth, byte[] prefix, Sub[] results) {
    return switch (top) {
      case TopPiece p -> results[p.index()];
      case TopInner t -> {
        byte[] rp = withBit(prefix, depth);
        boolean lc = t.left() != null;
        boolean rc = t.right() != null;
        Sub l =
            lc
                ? join(t.left(), depth + 1, prefix, results)
                : stub(t.node(), false, depth + 1, prefix);
        Sub r = rc ? join(t.right(), depth + 1, rp, results) : stub(t.node(), true, depth + 1, rp);
        yield combine(depth, prefix, rp, l, r, lc, rc);
      }
    };
  }

  /** First index in [lo, hi) whose key has bit {@code depth} set (keys share the bits above). */
  private static int split(byte[][] keys, int lo, int hi, int depth) {
    int a = lo;
    int b = hi;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (bit(keys[m], depth)) {
        b = m;
      } else {
        a = m + 1;
      }
    }
    return a;
  }

  private Sub update(Batch batch, int depth, byte[] prefix, int lo, int hi) {
    Node n = load(depth, prefix);
    if (n instanceof Node.Inner in) {
      int mid = split(batch.keys, lo, hi, depth);
      byte[] rp = withBit(prefix, depth);
      boolean lc = mid > lo;
      boolean rc = hi > mid;
      Sub l = lc ? update(batch, depth + 1, prefix, lo, mid) : stub(in, false, depth + 1, prefix);
      Sub r = rc ? update(batch, depth + 1, rp, mid, hi) : stub(in, true, depth + 1, rp);
      return combine(depth, prefix, rp, l, r, lc, rc);
    }
    // An empty slot or a lone leaf: the new subtree is built from scratch from the keys it holds.
    List<H256> ek = new ArrayList<>(hi - lo + 1);
    List<H256> ev = new ArrayList<>(hi - lo + 1);
    Node.Leaf old = (Node.Leaf) n;
    boolean oldPending = old != null;
    for (int i = lo; i < hi; i++) {
      H256 k = batch.hkeys[i];
      if (oldPending) {
        int c = old.key().compareTo(k);
        if (c < 0) {
          ek.add(old.key());
          ev.add(old.valueHash());
          oldPending = false;
        } else if (c == 0) {
          oldPending = false; // replaced or deleted by the batch
        }
      }
      if (batch.vals[i] != null) {
        ek.add(k);
        ev.add(batch.vals[i]);
      }
    }
    if (oldPending) {
      ek.add(old.key());
      ev.add(old.valueHash());
    }
    if (old != null) {
      nodes.delete(pathKey(depth, prefix));
    }
    byte[][] raw = new byte[ek.size()][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = ek.get(i).toArray();
    }
    return build(raw, ek, ev, depth, prefix, 0, raw.length);
  }

  private Sub build(
      byte[][] raw, List<H256> ek, List<H256> ev, int depth, byte[] prefix, int lo, int hi) {
    if (hi == lo) {
      return EMPTY;
    }
    if (hi - lo == 1) {
      return new SLeaf(ek.get(lo), ev.get(lo), hasher.leaf(ek.get(lo), ev.get(lo)));
    }
    int mid = split(raw, lo, hi, depth);
    byte[] rp = withBit(prefix, depth);
    Sub l = build(raw, ek, ev, depth + 1, prefix, lo, mid);
    Sub r = build(raw, ek, ev, depth + 1, rp, mid, hi);
    return combine(depth, prefix, rp, l, r, true, true);
  }

  /** The unchanged child of an inner node, loaded only as far as lifting might need. */
  private Sub stub(Node.Inner in, boolean right, int depth, byte[] prefix) {
    return switch (in.kind(right)) {
      case Node.EMPTY -> EMPTY;
      case Node.INNER -> new SInner(in.child(right));
      default -> {
        Node.Leaf l = (Node.Leaf) load(depth, prefix);
        yield new SLeaf(l.key(), l.valueHash(), in.child(right));
      }
    };
  }

  /**
   * Joins two updated children at {@code depth}. A lone leaf next to an empty sibling moves up (its
   * old record is removed); otherwise this becomes an inner node and changed leaf children are
   * written at their final depth.
   */
  private Sub combine(
      int depth, byte[] prefix, byte[] rightPrefix, Sub l, Sub r, boolean lc, boolean rc) {
    byte[] path = pathKey(depth, prefix);
    if (l instanceof SEmpty && r instanceof SEmpty) {
      nodes.delete(path);
      return EMPTY;
    }
    if (l instanceof SEmpty && r instanceof SLeaf) {
      nodes.delete(path);
      if (!rc) {
        nodes.delete(pathKey(depth + 1, rightPrefix));
      }
      return r;
    }
    if (r instanceof SEmpty && l instanceof SLeaf) {
      nodes.delete(path);
      if (!lc) {
        nodes.delete(pathKey(depth + 1, prefix));
      }
      return l;
    }
    if (lc && l instanceof SLeaf leaf) {
      nodes.put(pathKey(depth + 1, prefix), new Node.Leaf(leaf.key, leaf.valueHash).encode());
    }
    if (rc && r instanceof SLeaf leaf) {
      nodes.put(pathKey(depth + 1, rightPrefix), new Node.Leaf(leaf.key, leaf.valueHash).encode());
    }
    nodes.put(path, new Node.Inner(l.kind(), l.hash(), r.kind(), r.hash()).encode());
    return new SInner(hasher.inner(l.hash(), r.hash()));
  }

  // ---- proofs -------------------------------------------------------------------------------

  @Override
  public SmtProof prove(H256 key) {
    byte[] k = key.toArray();
    byte[] prefix = new byte[32];
    List<H256> siblings = new ArrayList<>();
    for (int depth = 0; ; depth++) {
      switch (load(depth, prefix)) {
        case null -> {
          return new SmtProof(siblings, Optional.empty());
        }
        case Node.Leaf l -> {
          return new SmtProof(siblings, Optional.of(l));
        }
        case Node.Inner in -> {
          boolean right = bit(k, depth);
          siblings.add(in.child(!right));
          if (right) {
            prefix = withBit(prefix, depth);
          }
        }
      }
    }
  }

  /**
   * A proof for the subtree under the first {@code bits} bits of {@code prefix}: the siblings down
   * to that subtree, or to the leaf or empty slot that ends the path above it. With the subtree's
   * entries it lets a verifier check a whole key-range chunk against the root.
   */
  public SubtreeProof proveSubtree(H256 prefix, int bits) {
    if (bits < 0 || bits > 255) {
      throw new IllegalArgumentException("prefix length must be 0..255 bits");
    }
    byte[] target = prefix.toArray();
    byte[] path = new byte[32];
    List<H256> siblings = new ArrayList<>();
    for (int depth = 0; ; depth++) {
      Node n = load(depth, path);
      if (depth == bits) {
        return new SubtreeProof(prefix, bits, siblings, Optional.empty(), false);
      }
      switch (n) {
        case null -> {
          return new SubtreeProof(prefix, bits, siblings, Optional.empty(), true);
        }
        case Node.Leaf l -> {
          return new SubtreeProof(prefix, bits, siblings, Optional.of(l), true);
        }
        case Node.Inner in -> {
          boolean right = bit(target, depth);
          siblings.add(in.child(!right));
          if (right) {
            path = withBit(path, depth);
          }
        }
      }
    }
  }

  /** The root of a subtree at {@code depth} holding exactly these (sorted) entries. */
  static H256 subtreeRoot(SortedMap<H256, H256> entries, int depth) {
    List<H256> ek = new ArrayList<>(entries.keySet());
    List<H256> ev = new ArrayList<>(entries.values());
    byte[][] raw = new byte[ek.size()][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = ek.get(i).toArray();
    }
    return hashBuild(new SmtHasher(), raw, ek, ev, depth, 0, raw.length);
  }

  private static H256 hashBuild(
      SmtHasher h, byte[][] raw, List<H256> ek, List<H256> ev, int depth, int lo, int hi) {
    if (hi == lo) {
      return H256.ZERO;
    }
    if (hi - lo == 1) {
      return h.leaf(ek.get(lo), ev.get(lo));
    }
    int mid = split(raw, lo, hi, depth);
    return h.inner(
        hashBuild(h, raw, ek, ev, depth + 1, lo, mid),
        hashBuild(h, raw, ek, ev, depth + 1, mid, hi));
  }
}
