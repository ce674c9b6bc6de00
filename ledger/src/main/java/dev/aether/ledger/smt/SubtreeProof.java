package dev.aether.ledger.smt;

import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A range proof for the key range that shares the first {@code bits} bits of {@code prefix}: the
 * siblings from the root down to that subtree. Given the range's entries, {@link #check} rebuilds
 * the subtree and folds it up to the root, so a missing, extra or altered entry changes the root.
 * When the path ends above the subtree ({@code endsEarly}), it ends in an empty slot or in one
 * leaf, which is then the only key the range may hold (if the leaf lies inside the range).
 *
 * @param prefix the range's key prefix (bits past {@code bits} are ignored)
 * @param bits prefix length in bits, 0..255
 * @param siblings sibling hashes along the prefix's path
 * @param leaf the leaf ending the path early, if any
 * @param endsEarly true when the path ended before depth {@code bits}
 */
public record SubtreeProof(
    H256 prefix, int bits, List<H256> siblings, Optional<Node.Leaf> leaf, boolean endsEarly) {
  public SubtreeProof {
    siblings = List.copyOf(siblings);
    if (bits < 0 || bits > 255 || siblings.size() > bits) {
      throw new IllegalArgumentException("bad subtree proof shape");
    }
    if (!endsEarly && (leaf.isPresent() || siblings.size() != bits)) {
      throw new IllegalArgumentException("a full-depth subtree proof has no leaf");
    }
  }

  /**
   * Checks that {@code entries} (key to value hash) are exactly the keys of this range under {@code
   * root}. Returns empty when they are, else why not.
   */
  public Optional<String> check(H256 root, SortedMap<H256, H256> entries) {
    byte[] p = prefix.toArray();
    for (H256 k : entries.keySet()) {
      if (!SmtProof.sharesPrefix(k.toArray(), p, bits)) {
        return Optional.of("key " + k + " lies outside the range");
      }
    }
    SmtHasher h = new SmtHasher();
    int depth = siblings.size();
    H256 start;
    if (!endsEarly) {
      start = SparseMerkleTree.subtreeRoot(entries, depth);
    } else if (leaf.isEmpty()) {
      if (!entries.isEmpty()) {
        return Optional.of("the range is empty but the chunk holds " + entries.size() + " keys");
      }
      start = H256.ZERO;
    } else {
      Node.Leaf l = leaf.get();
      if (!SmtProof.sharesPrefix(l.key().toArray(), p, depth)) {
        return Optional.of("the proof's leaf is not on the range's path");
      }
      boolean inside = SmtProof.sharesPrefix(l.key().toArray(), p, bits);
      if (inside) {
        if (entries.size() != 1 || !l.valueHash().equals(entries.get(l.key()))) {
          return Optional.of("the range holds exactly one key and the chunk does not match it");
        }
      } else if (!entries.isEmpty()) {
        return Optional.of("the range is empty but the chunk holds " + entries.size() + " keys");
      }
      start = h.leaf(l.key(), l.valueHash());
    }
    H256 computed = SmtProof.fold(h, start, p, depth, siblings);
    if (!computed.equals(root)) {
      return Optional.of("entries and proof give root " + computed + ", trusted root is " + root);
    }
    return Optional.empty();
  }

  /** Canonical bytes. */
  public byte[] encode() {
    Writer w = new Writer(128 + 32 * siblings.size());
    H256.CODEC.write(prefix, w);
    w.u8(bits);
    SmtProof.writeSiblings(w, siblings);
    w.bool(endsEarly);
    if (leaf.isPresent()) {
      w.u8(1).fixed(leaf.get().key().toArray()).fixed(leaf.get().valueHash().toArray());
    } else {
      w.u8(0);
    }
    return w.toByteArray();
  }

  public static SubtreeProof decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    H256 prefix = H256.CODEC.read(in);
    int bits = in.u8("SubtreeProof bits");
    List<H256> siblings = SmtProof.readSiblings(in);
    boolean early = in.bool("SubtreeProof endsEarly");
    int tag = in.u8("SubtreeProof leaf");
    Optional<Node.Leaf> leaf =
        switch (tag) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(new Node.Leaf(H256.CODEC.read(in), H256.CODEC.read(in)));
          default -> throw new CodecException.UnknownTag("SubtreeProof leaf", tag);
        };
    in.expectEnd("SubtreeProof");
    try {
      return new SubtreeProof(prefix, bits, siblings, leaf, early);
    } catch (IllegalArgumentException e) {
      throw new CodecException.NonCanonical(e.getMessage());
    }
  }
}
