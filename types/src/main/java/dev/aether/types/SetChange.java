package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * One link of the chain of validator-set changes a state-syncing node verifies from genesis (ADR
 * 0003, 0025): consensus epoch {@code e} ended with {@code boundary}; {@code opening}, the first
 * block of epoch {@code e+1}, is its child, and {@code openingQc} certifies it with the votes of
 * epoch {@code e+1}'s set — which honest validators give only after {@code boundary} is final. The
 * boundary block's state root then commits to the set the staking program recorded for epoch {@code
 * e+2} ({@code recordedSet}, proven by {@code proof}).
 *
 * <p>Given the sets of epochs 0 and 1 (genesis), link {@code e = 0} yields the set of epoch 2, link
 * 1 the set of epoch 3, and so on: each link is checked with a set the previous links proved.
 */
public record SetChange(
    Header boundary, Header opening, QuorumCert openingQc, Bytes recordedSet, Bytes proof) {
  /** Largest encoded set or proof accepted. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Codec<Bytes> BLOB = Bytes.codec("SetChange blob", MAX_BYTES);

  public static final Codec<SetChange> CODEC =
      new Codec<>() {
        @Override
        public void write(SetChange v, Writer out) {
          out.u8(1);
          Header.CODEC.write(v.boundary, out);
          Header.CODEC.write(v.opening, out);
          QuorumCert.CODEC.write(v.openingQc, out);
          BLOB.write(v.recordedSet, out);
          BLOB.write(v.proof, out);
        }

        @Override
        public SetChange read(Reader in) {
          int version = in.u8("SetChange version");
          if (version != 1) {
            throw new CodecException.UnknownTag("SetChange version", version);
          }
          return new SetChange(
              Header.CODEC.read(in),
              Header.CODEC.read(in),
              QuorumCert.CODEC.read(in),
              BLOB.read(in),
              BLOB.read(in));
        }
      };

  /** The consensus epoch this link ends. */
  public long epoch() {
    return boundary.epoch();
  }
}
