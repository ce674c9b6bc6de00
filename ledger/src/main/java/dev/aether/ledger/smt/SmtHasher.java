package dev.aether.ledger.smt;

import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The tree's two hash functions, domain-separated so a leaf can never pose as an inner node: {@code
 * leaf = SHA-256("aether/smt/leaf/v1" || 0 || key || valueHash)}, {@code inner =
 * SHA-256("aether/smt/node/v1" || 0 || left || right)}, and the empty subtree is all zeros. One
 * instance per thread (it reuses a digest).
 */
final class SmtHasher {
  private static final byte[] LEAF_TAG = tag("aether/smt/leaf/v1");
  private static final byte[] NODE_TAG = tag("aether/smt/node/v1");
  private final MessageDigest md = Hashing.sha256();

  private static byte[] tag(String s) {
    byte[] t = s.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[t.length + 1];
    System.arraycopy(t, 0, out, 0, t.length);
    return out;
  }

  H256 leaf(H256 key, H256 valueHash) {
    md.update(LEAF_TAG);
    md.update(key.toArray());
    md.update(valueHash.toArray());
    return H256.of(md.digest());
  }

  H256 inner(H256 left, H256 right) {
    if (left.equals(H256.ZERO) && right.equals(H256.ZERO)) {
      return H256.ZERO;
    }
    md.update(NODE_TAG);
    md.update(left.toArray());
    md.update(right.toArray());
    return H256.of(md.digest());
  }
}
