package dev.aether.node;

import dev.aether.da.DaException;
import dev.aether.da.Shredder;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * The two header roots that depend on the transaction list alone. Public for the one tool that
 * builds blocks outside a node, the shadow-fork rehearsal ({@code aetherctl gov rehearse}), so its
 * validators compute these roots exactly as a node does.
 */
public final class BlockRoots {
  private static final Shredder SHREDDER = Shredder.withDefaults();

  private BlockRoots() {}

  /** {@code SHA-256("aether/tx-root/v1" || 0x00 || id_0 || id_1 ...)} in block order. */
  public static H256 txRoot(List<Tx> txs) {
    byte[][] ids = new byte[txs.size()][];
    for (int i = 0; i < txs.size(); i++) {
      ids[i] = txs.get(i).id().toArray();
    }
    return Hashing.tagged("aether/tx-root/v1", ids);
  }

  /** The block body that is erasure-coded into shreds: the encoded transaction list. */
  static byte[] payload(List<Tx> txs) {
    return new Writer(1024).list(txs, Tx.CODEC).toByteArray();
  }

  /** Merkle root over the RS(12,10) shreds of the payload (docs/da.md). */
  public static H256 shredRoot(long slot, List<Tx> txs) {
    try {
      return H256.of(SHREDDER.shred(slot, payload(txs)).root());
    } catch (DaException e) {
      throw new IllegalArgumentException("block payload cannot be shredded: " + e.getMessage());
    }
  }
}
