package dev.aether.mesh;

import dev.aether.compute.trace.VectorCommitment;
import dev.aether.types.Bytes;
import dev.aether.types.Opening;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SHA-256 Merkle vector commitment over 4096 leaves — a real, binding commitment with cheap
 * openings, used where a test needs thousands of challenges and KZG's cost (hundreds of ms per
 * proof) would only slow it down. The protocol under test does not depend on the scheme.
 */
final class MerkleCommitment implements VectorCommitment {
  private static final int DEPTH = 12;

  @Override
  public int capacity() {
    return 1 << DEPTH;
  }

  @Override
  public int commitmentBytes() {
    return 48;
  }

  @Override
  public int proofBytes() {
    return 48;
  }

  @Override
  public Committed commit(List<byte[]> values) {
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = new byte[capacity()][];
    for (int i = 0; i < level.length; i++) {
      level[i] = Hashing.sha256(i < values.size() ? values.get(i) : new byte[32]);
    }
    levels.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = Hashing.sha256(level[2 * i], level[2 * i + 1]);
      }
      levels.add(up);
      level = up;
    }
    byte[] root = Arrays.copyOf(level[0], 48);
    return new Committed() {
      @Override
      public byte[] commitment() {
        return root.clone();
      }

      @Override
      public byte[] dataProof() {
        return new byte[48]; // the root itself is recomputed from the published values
      }

      @Override
      public Opening open(int index) {
        // The proof field holds a digest of the path; the path itself travels in a side table
        // keyed by that digest so the Opening keeps the 48-byte shape of a KZG proof.
        ByteBuffer path = ByteBuffer.allocate(DEPTH * 32);
        int pos = index;
        for (int d = 0; d < DEPTH; d++) {
          path.put(levels.get(d)[pos ^ 1]);
          pos >>= 1;
        }
        byte[] v = index < values.size() ? values.get(index) : new byte[32];
        byte[] key = Arrays.copyOf(Hashing.sha256(path.array()), 48);
        paths.put(Bytes.of(key), path.array());
        return new Opening(index, Bytes.of(v), Bytes.of(key));
      }
    };
  }

  private final java.util.Map<Bytes, byte[]> paths = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public boolean verifyData(byte[] commitment, List<byte[]> values, byte[] proof) {
    return values.size() <= capacity() && Arrays.equals(commit(values).commitment(), commitment);
  }

  @Override
  public boolean verify(byte[] commitment, int index, byte[] value, byte[] proof) {
    byte[] path = paths.get(Bytes.of(proof));
    if (path == null || index < 0 || index >= capacity()) {
      return false;
    }
    byte[] h = Hashing.sha256(value);
    int pos = index;
    for (int d = 0; d < DEPTH; d++) {
      byte[] sib = Arrays.copyOfRange(path, d * 32, d * 32 + 32);
      h = (pos & 1) == 0 ? Hashing.sha256(h, sib) : Hashing.sha256(sib, h);
      pos >>= 1;
    }
    return Arrays.equals(Arrays.copyOf(h, 48), commitment);
  }
}
