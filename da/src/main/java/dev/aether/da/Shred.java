package dev.aether.da;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One erasure-coded piece of a block, with a Merkle proof to the block's shred root.
 *
 * <p>Shred {@code index} is global within the block: FEC set {@code index / 12}, position {@code
 * index % 12}; positions 0–9 carry data, 10–11 parity. The Merkle leaf covers slot, index, block
 * length and payload, so no header field can be altered without breaking the proof. The root is
 * carried so receivers can group shreds before the header arrives; it is trusted only once it
 * equals the root the leader signed.
 *
 * @param slot the block's slot
 * @param index global shred index
 * @param blockLength the unpadded block length in bytes (fixes the number of FEC sets)
 * @param payload this shred's bytes (all shreds of a block have the same size)
 * @param root the block's shred root (32 bytes)
 * @param proof sibling hashes from this shred's leaf to the root, bottom first
 */
public record Shred(
    long slot, int index, int blockLength, byte[] payload, byte[] root, List<byte[]> proof) {

  /** Wire format version. */
  static final byte VERSION = 1;

  private static final int HEADER_BYTES = 1 + 8 + 4 + 4 + 4;
  private static final int MAX_PROOF = 30;

  public Shred {
    payload = payload.clone();
    root = root.clone();
    proof = proof.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** Index of this shred's FEC set within the block. */
  public int fecSet() {
    return index / FecLayout.SET_SHREDS;
  }

  /** Position 0–11 within the FEC set. */
  public int position() {
    return index % FecLayout.SET_SHREDS;
  }

  /** True for data shreds (positions 0–9), false for parity. */
  public boolean isData() {
    return position() < ReedSolomon.DATA_SHREDS;
  }

  int payloadSize() {
    return payload.length;
  }

  byte[] payloadUnsafe() {
    return payload;
  }

  boolean rootEquals(final byte[] other) {
    return java.security.MessageDigest.isEqual(root, other);
  }

  /** The bytes hashed into the Merkle leaf. */
  byte[] leafBytes() {
    return leafBytes(slot, index, blockLength, payload);
  }

  static byte[] leafBytes(
      final long slot, final int index, final int blockLength, final byte[] payload) {
    return ByteBuffer.allocate(8 + 4 + 4 + payload.length)
        .putLong(slot)
        .putInt(index)
        .putInt(blockLength)
        .put(payload)
        .array();
  }

  /** True when the proof leads from this shred's leaf to its carried root. */
  public boolean verifyProof() {
    return MerkleTree.verify(root, index, leafBytes(), proof);
  }

  /** Canonical wire encoding (big-endian). */
  public byte[] encode() {
    final ByteBuffer b =
        ByteBuffer.allocate(
            HEADER_BYTES + payload.length + MerkleTree.HASH_BYTES + 1 + 32 * proof.size());
    b.put(VERSION).putLong(slot).putInt(index).putInt(blockLength).putInt(payload.length);
    b.put(payload).put(root).put((byte) proof.size());
    proof.forEach(b::put);
    return b.array();
  }

  /**
   * Decodes {@link #encode()}'s output; every length is checked before it is trusted.
   *
   * @param maxPayload the largest payload a peer may send, bounding allocation
   */
  public static Shred decode(final byte[] bytes, final int maxPayload) throws DaException {
    final ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.remaining() < HEADER_BYTES) {
      throw malformed("truncated header");
    }
    if (b.get() != VERSION) {
      throw malformed("unknown version");
    }
    final long slot = b.getLong();
    final int index = b.getInt();
    final int blockLength = b.getInt();
    final int payloadLength = b.getInt();
    if (index < 0 || blockLength < 0) {
      throw malformed("negative index or block length");
    }
    if (payloadLength <= 0 || payloadLength > maxPayload) {
      throw malformed("payload length " + payloadLength + " out of range");
    }
    if (b.remaining() < payloadLength + MerkleTree.HASH_BYTES + 1) {
      throw malformed("truncated payload");
    }
    final byte[] payload = new byte[payloadLength];
    b.get(payload);
    final byte[] root = new byte[MerkleTree.HASH_BYTES];
    b.get(root);
    final int proofLength = b.get() & 0xFF;
    if (proofLength > MAX_PROOF || b.remaining() != proofLength * MerkleTree.HASH_BYTES) {
      throw malformed("proof length does not match the remaining bytes");
    }
    final List<byte[]> proof = new ArrayList<>(proofLength);
    for (int i = 0; i < proofLength; i++) {
      final byte[] h = new byte[MerkleTree.HASH_BYTES];
      b.get(h);
      proof.add(h);
    }
    return new Shred(slot, index, blockLength, payload, root, proof);
  }

  private static DaException malformed(final String detail) {
    return new DaException(new DaError.MalformedShred(detail));
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Shred s && java.util.Arrays.equals(encode(), s.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Shred[slot="
        + slot
        + ", index="
        + index
        + ", blockLength="
        + blockLength
        + ", payload="
        + payload.length
        + "B, root="
        + HexFormat.of().formatHex(root, 0, 8)
        + "…]";
  }
}
