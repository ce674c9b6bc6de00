package dev.aether.ledger.smt;

import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A stored tree node (public only because proofs carry leaves): a shortcut leaf (key and value
 * hash) or an inner node (child hashes).
 */
public sealed interface Node permits Node.Leaf, Node.Inner {
  int EMPTY = 0;
  int LEAF = 1;
  int INNER = 2;

  byte[] encode();

  /** A key whose subtree holds no other key, stored as high in the tree as that allows. */
  record Leaf(H256 key, H256 valueHash) implements Node {
    public byte[] encode() {
      return new Writer(65).u8(LEAF).fixed(key.toArray()).fixed(valueHash.toArray()).toByteArray();
    }
  }

  /** An inner node with the kind and hash of each child (kinds let a walk skip empty loads). */
  record Inner(int leftKind, H256 left, int rightKind, H256 right) implements Node {
    public byte[] encode() {
      return new Writer(66)
          .u8(INNER)
          .u8((leftKind << 4) | rightKind)
          .fixed(left.toArray())
          .fixed(right.toArray())
          .toByteArray();
    }

    int kind(boolean right) {
      return right ? rightKind : leftKind;
    }

    H256 child(boolean right) {
      return right ? this.right : left;
    }
  }

  static Node decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    int tag = in.u8("smt node tag");
    Node n =
        switch (tag) {
          case LEAF -> new Leaf(H256.CODEC.read(in), H256.CODEC.read(in));
          case INNER -> {
            int kinds = in.u8("smt node kinds");
            yield new Inner(kinds >>> 4, H256.CODEC.read(in), kinds & 0xf, H256.CODEC.read(in));
          }
          default -> throw new CodecException.UnknownTag("smt node", tag);
        };
    in.expectEnd("smt node");
    return n;
  }
}
