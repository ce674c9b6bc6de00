package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/** Points at output {@code index} of transaction {@code txId}: the TxIn of the brief. */
public record UtxoRef(H256 txId, int index) implements Comparable<UtxoRef> {
  public static final Codec<UtxoRef> CODEC =
      new Codec<>() {
        @Override
        public void write(UtxoRef v, Writer out) {
          H256.CODEC.write(v.txId, out);
          out.u32(Integer.toUnsignedLong(v.index));
        }

        @Override
        public UtxoRef read(Reader in) {
          H256 tx = H256.CODEC.read(in);
          long idx = in.u32("UtxoRef index");
          if (idx >= Tx.MAX_OUTPUTS) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "UtxoRef index", idx, Tx.MAX_OUTPUTS - 1);
          }
          return new UtxoRef(tx, (int) idx);
        }
      };

  public UtxoRef {
    java.util.Objects.requireNonNull(txId, "txId");
    if (index < 0 || index >= Tx.MAX_OUTPUTS) {
      throw new IllegalArgumentException("output index out of range: " + index);
    }
  }

  /** The 32-byte state key under which this UTxO is stored. */
  public H256 stateKey() {
    return Hashing.tagged("aether/utxo/v1", UtxoRef.CODEC.encode(this));
  }

  @Override
  public int compareTo(UtxoRef o) {
    int c = txId.compareTo(o.txId);
    return c != 0 ? c : Integer.compare(index, o.index);
  }
}
