package dev.aether.ledger;

import dev.aether.ledger.smt.SubtreeProof;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * One key-range chunk of state for state sync: every state entry whose key starts with the {@code
 * bits}-bit prefix {@code index}, and the range proof that these are exactly the range's entries
 * under the trusted state root.
 *
 * @param bits prefix length; the state is cut into {@code 2^bits} chunks
 * @param index which chunk (its prefix, as a number)
 * @param entries the range's keys and encoded state objects, ascending by key
 * @param proof the range proof
 */
public record StateChunk(int bits, int index, List<Entry> entries, SubtreeProof proof) {
  /** Most entries one chunk may carry (a tighter bound comes from the prefix length). */
  public static final int MAX_ENTRIES = 1 << 20;

  /** A state key and its encoded {@link StateObject}. */
  public record Entry(H256 key, Bytes value) {}

  private static final Codec<Bytes> VALUE = Bytes.codec("chunk value", StateObject.MAX_DATA + 16);
  private static final Codec<Bytes> PROOF = Bytes.codec("chunk proof", 16 * 1024);
  private static final Codec<Entry> ENTRY =
      new Codec<>() {
        @Override
        public void write(Entry e, Writer out) {
          H256.CODEC.write(e.key, out);
          VALUE.write(e.value, out);
        }

        @Override
        public Entry read(Reader in) {
          return new Entry(H256.CODEC.read(in), VALUE.read(in));
        }
      };

  public StateChunk {
    entries = List.copyOf(entries);
    if (bits < 0 || bits > 24 || index < 0 || (long) index >= (1L << bits)) {
      throw new IllegalArgumentException("chunk index " + index + " outside 2^" + bits);
    }
  }

  /** Canonical bytes for the wire. */
  public byte[] encode() {
    Writer w = new Writer();
    w.u8(bits).u32(index).list(entries, ENTRY);
    PROOF.write(Bytes.of(proof.encode()), w);
    return w.toByteArray();
  }

  /** Decodes a chunk; malformed bytes throw {@link dev.aether.types.codec.CodecException}. */
  public static StateChunk decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    int bits = in.u8("chunk bits");
    long index = in.u32("chunk index");
    List<Entry> entries = in.list("chunk entries", MAX_ENTRIES, ENTRY);
    SubtreeProof proof = SubtreeProof.decode(PROOF.read(in).toArray());
    in.expectEnd("StateChunk");
    if (bits > 24 || index >= (1L << bits)) {
      throw new dev.aether.types.codec.CodecException.NonCanonical("chunk index out of range");
    }
    return new StateChunk(bits, (int) index, entries, proof);
  }
}
