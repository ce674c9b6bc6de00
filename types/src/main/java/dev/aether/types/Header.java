package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Optional;

/**
 * A block header. Its id ({@link #id()}) is what votes and QCs certify. {@code epoch} is the
 * consensus epoch whose validator set the block belongs to ({@code proposer} indexes it); {@code
 * parentQc} certifies the parent (HotStuff's justify); {@code timeoutCert} is present when the
 * previous round timed out. The proposer signs with a hot KES key at absolute period {@code
 * kesPeriod}, vouched for by its cold key through {@code opCert}. Roots: {@code txRoot} over the
 * block's transaction ids, {@code stateRoot} and {@code receiptsRoot} after executing the block,
 * {@code shredRoot} over its erasure-coded shreds.
 */
public record Header(
    long epoch,
    long height,
    long slot,
    long round,
    H256 parent,
    int proposer,
    Bytes vrfProof,
    int kesPeriod,
    OpCert opCert,
    H256 txRoot,
    H256 stateRoot,
    H256 receiptsRoot,
    H256 shredRoot,
    QuorumCert parentQc,
    Optional<TimeoutCert> timeoutCert) {
  /** 2: consensus epoch and operational certificate added (issue 16). */
  public static final int VERSION = 2;

  public static final int MAX_VRF_PROOF = 128;
  private static final Codec<Bytes> VRF = Bytes.codec("Header vrfProof", MAX_VRF_PROOF);

  public static final Codec<Header> CODEC =
      new Codec<>() {
        @Override
        public void write(Header v, Writer out) {
          out.u8(VERSION);
          out.u64(v.epoch);
          out.u64(v.height);
          out.u64(v.slot);
          out.u64(v.round);
          H256.CODEC.write(v.parent, out);
          out.u16(v.proposer);
          VRF.write(v.vrfProof, out);
          out.u32(Integer.toUnsignedLong(v.kesPeriod));
          OpCert.CODEC.write(v.opCert, out);
          H256.CODEC.write(v.txRoot, out);
          H256.CODEC.write(v.stateRoot, out);
          H256.CODEC.write(v.receiptsRoot, out);
          H256.CODEC.write(v.shredRoot, out);
          QuorumCert.CODEC.write(v.parentQc, out);
          out.optional(v.timeoutCert, TimeoutCert.CODEC);
        }

        @Override
        public Header read(Reader in) {
          Canonical.version(in.u8("Header version"), VERSION, "Header");
          long epoch = in.u64("Header epoch");
          long height = in.u64("Header height");
          long slot = in.u64("Header slot");
          long round = in.u64("Header round");
          H256 parent = H256.CODEC.read(in);
          int proposer = Vote.voterIndex(in.u16("Header proposer"));
          Bytes vrf = VRF.read(in);
          long kes = in.u32("Header kesPeriod");
          if (kes > Integer.MAX_VALUE) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "Header kesPeriod", kes, Integer.MAX_VALUE);
          }
          OpCert cert = OpCert.CODEC.read(in);
          return new Header(
              epoch,
              height,
              slot,
              round,
              parent,
              proposer,
              vrf,
              (int) kes,
              cert,
              H256.CODEC.read(in),
              H256.CODEC.read(in),
              H256.CODEC.read(in),
              H256.CODEC.read(in),
              QuorumCert.CODEC.read(in),
              in.optional("Header timeoutCert", TimeoutCert.CODEC));
        }
      };

  public Header {
    java.util.Objects.requireNonNull(parent, "parent");
    java.util.Objects.requireNonNull(vrfProof, "vrfProof");
    java.util.Objects.requireNonNull(opCert, "opCert");
    java.util.Objects.requireNonNull(txRoot, "txRoot");
    java.util.Objects.requireNonNull(stateRoot, "stateRoot");
    java.util.Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    java.util.Objects.requireNonNull(shredRoot, "shredRoot");
    java.util.Objects.requireNonNull(parentQc, "parentQc");
    java.util.Objects.requireNonNull(timeoutCert, "timeoutCert");
    Vote.voterIndex(proposer);
    if (vrfProof.length() > MAX_VRF_PROOF) {
      throw new IllegalArgumentException("vrf proof over " + MAX_VRF_PROOF + " bytes");
    }
    if (kesPeriod < 0) {
      throw new IllegalArgumentException("negative KES period");
    }
  }

  /** The block id: {@code SHA-256("aether/header/v1" || 0x00 || encode(header))}. */
  public H256 id() {
    return Hashing.tagged("aether/header/v1", CODEC.encode(this));
  }
}
