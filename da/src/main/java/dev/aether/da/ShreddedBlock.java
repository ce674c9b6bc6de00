package dev.aether.da;

import java.util.ArrayList;
import java.util.List;

/**
 * A block's shreds and shred root, as the leader (or a node that rebuilt the block) holds them.
 *
 * @param slot the block's slot
 * @param root the Merkle root over all shreds (to be signed in the header)
 * @param layout FEC layout of the block
 * @param shreds every shred, index order
 */
public record ShreddedBlock(long slot, byte[] root, FecLayout layout, List<Shred> shreds) {
  public ShreddedBlock {
    root = root.clone();
    shreds = List.copyOf(shreds);
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** Total bytes of shred payloads (data + parity), i.e. what one full copy costs on the wire. */
  public long payloadBytes() {
    return (long) layout.shredCount() * layout.shredSize();
  }

  /**
   * Answers a repair request from this block: the requested shreds that exist, at most {@code max};
   * a request for another slot or root gets nothing.
   */
  public List<Shred> serve(final RepairRequest request, final int max) {
    final List<Shred> out = new ArrayList<>();
    if (request.slot() != slot || !java.security.MessageDigest.isEqual(request.root(), root)) {
      return out;
    }
    for (final int i : request.indices()) {
      if (out.size() >= max) {
        break;
      }
      if (i >= 0 && i < shreds.size()) {
        out.add(shreds.get(i));
      }
    }
    return out;
  }
}
