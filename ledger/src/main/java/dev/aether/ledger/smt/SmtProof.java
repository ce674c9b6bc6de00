package dev.aether.ledger.smt;

import dev.aether.ledger.StateProof;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An inclusion or non-inclusion proof for one key: the sibling hashes from the root down to where
 * the key's path ends, and what it ends in (a leaf, or nothing). Encoded compactly: a bitmap marks
 * the non-empty siblings and only those are sent, so a proof is about {@code 32·log2(n)} bytes.
 *
 * @param siblings sibling hash at each depth 0..d-1 along the key's path
 * @param terminal the leaf the path ends in, or empty when it ends in an empty subtree
 */
public record SmtProof(List<H256> siblings, Optional<Node.Leaf> terminal) implements StateProof {
  public SmtProof {
    siblings = List.copyOf(siblings);
    if (siblings.size() > 256) {
      throw new IllegalArgumentException("a path is at most 256 deep");
    }
  }

  @Override
  public Optional<H256> provenValue() {
    return terminal.map(Node.Leaf::valueHash);
  }

  /** The key of the leaf the path ends in (for a non-inclusion proof it is a different key). */
  public Optional<H256> terminalKey() {
    return terminal.map(Node.Leaf::key);
  }

  @Override
  public boolean verify(H256 root, H256 key, Optional<H256> valueHash) {
    int depth = siblings.size();
    byte[] k = key.toArray();
    SmtHasher h = new SmtHasher();
    H256 acc;
    if (terminal.isPresent()) {
      Node.Leaf leaf = terminal.get();
      boolean same = leaf.key().equals(key);
      if (valueHash.isPresent()) {
        if (!same || !leaf.valueHash().equals(valueHash.get())) {
          return false;
        }
      } else if (same || !sharesPrefix(leaf.key().toArray(), k, depth)) {
        // Absence needs a different key that legitimately occupies this path position.
        return false;
      }
      acc = h.leaf(leaf.key(), leaf.valueHash());
    } else {
      if (valueHash.isPresent()) {
        return false;
      }
      acc = H256.ZERO;
    }
    return fold(h, acc, k, depth, siblings).equals(root);
  }

  static H256 fold(SmtHasher h, H256 start, byte[] path, int depth, List<H256> siblings) {
    H256 acc = start;
    for (int i = depth - 1; i >= 0; i--) {
      H256 s = siblings.get(i);
      acc = SparseMerkleTree.bit(path, i) ? h.inner(s, acc) : h.inner(acc, s);
    }
    return acc;
  }

  static boolean sharesPrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (SparseMerkleTree.bit(a, i) != SparseMerkleTree.bit(b, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] encode() {
    Writer w = new Writer(64 + 32 * siblings.size());
    writeSiblings(w, siblings);
    if (terminal.isPresent()) {
      w.u8(1).fixed(terminal.get().key().toArray()).fixed(terminal.get().valueHash().toArray());
    } else {
      w.u8(0);
    }
    return w.toByteArray();
  }

  /** Decodes {@link #encode()}'s bytes, rejecting anything non-canonical. */
  public static SmtProof decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    List<H256> siblings = readSiblings(in);
    int tag = in.u8("SmtProof terminal");
    Optional<Node.Leaf> terminal =
        switch (tag) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(new Node.Leaf(H256.CODEC.read(in), H256.CODEC.read(in)));
          default -> throw new CodecException.UnknownTag("SmtProof terminal", tag);
        };
    in.expectEnd("SmtProof");
    return new SmtProof(siblings, terminal);
  }

  static void writeSiblings(Writer w, List<H256> siblings) {
    int depth = siblings.size();
    byte[] bitmap = new byte[(depth + 7) / 8];
    for (int i = 0; i < depth; i++) {
      if (!siblings.get(i).equals(H256.ZERO)) {
        bitmap[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    w.u16(depth).fixed(bitmap);
    for (H256 s : siblings) {
      if (!s.equals(H256.ZERO)) {
        w.fixed(s.toArray());
      }
    }
  }

  static List<H256> readSiblings(Reader in) {
    int depth = in.u16("proof depth");
    if (depth > 256) {
      throw new CodecException.LengthOverLimit("proof depth", depth, 256);
    }
    byte[] bitmap = in.fixed("proof bitmap", (depth + 7) / 8);
    for (int i = depth; i < bitmap.length * 8; i++) {
      if (SparseMerkleTree.bit(bitmap, i)) {
        throw new CodecException.NonCanonical("proof bitmap has bits past the depth");
      }
    }
    List<H256> siblings = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      if (SparseMerkleTree.bit(bitmap, i)) {
        H256 s = H256.CODEC.read(in);
        if (s.equals(H256.ZERO)) {
          throw new CodecException.NonCanonical("zero sibling marked non-empty");
        }
        siblings.add(s);
      } else {
        siblings.add(H256.ZERO);
      }
    }
    return siblings;
  }
}
