package dev.aether.da;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a peer for shreds a node is missing. Sent when the Turbine tree did not deliver enough of a
 * FEC set in time; answered from a peer's {@link ShreddedBlock} or {@link Reassembler}.
 *
 * @param slot the block's slot
 * @param root the shred root from the signed header
 * @param indices global shred indices wanted (ascending)
 */
public record RepairRequest(long slot, byte[] root, List<Integer> indices) {
  /** Upper bound on indices per request, so a request cannot ask for a whole huge block at once. */
  public static final int MAX_INDICES = 1024;

  public RepairRequest {
    root = root.clone();
    indices = List.copyOf(indices);
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** Wire encoding: slot, root, count, indices (big-endian). */
  public byte[] encode() {
    final ByteBuffer b = ByteBuffer.allocate(8 + 32 + 4 + 4 * indices.size());
    b.putLong(slot).put(root).putInt(indices.size());
    indices.forEach(b::putInt);
    return b.array();
  }

  /** Decodes {@link #encode()}'s output, rejecting oversize or truncated requests. */
  public static RepairRequest decode(final byte[] bytes) throws DaException {
    final ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.remaining() < 44) {
      throw new DaException(new DaError.MalformedShred("truncated repair request"));
    }
    final long slot = b.getLong();
    final byte[] root = new byte[32];
    b.get(root);
    final int n = b.getInt();
    if (n < 0 || n > MAX_INDICES || b.remaining() != 4 * n) {
      throw new DaException(new DaError.MalformedShred("bad repair index count " + n));
    }
    final List<Integer> indices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      indices.add(b.getInt());
    }
    return new RepairRequest(slot, root, indices);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof RepairRequest r && java.util.Arrays.equals(encode(), r.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "RepairRequest[slot=" + slot + ", indices=" + indices + "]";
  }
}
