package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * Timeouts from at least two thirds of the stake of consensus epoch {@code epoch} for {@code round}
 * (Jolteon style): each signer's highest QC round, in the order of {@code signers}' indices, and
 * one aggregate BLS signature over the signers' distinct {@link Timeout#signingBytes(long, long,
 * long)} messages.
 */
public record TimeoutCert(
    long epoch, long round, SignerSet signers, List<Long> highQcRounds, Bytes aggregateSignature) {
  public static final Codec<TimeoutCert> CODEC =
      new Codec<>() {
        private final Codec<Long> u64 =
            new Codec<>() {
              @Override
              public void write(Long v, Writer out) {
                out.u64(v);
              }

              @Override
              public Long read(Reader in) {
                return in.u64("TimeoutCert highQcRound");
              }
            };

        @Override
        public void write(TimeoutCert v, Writer out) {
          out.u64(v.epoch);
          out.u64(v.round);
          SignerSet.CODEC.write(v.signers, out);
          out.list(v.highQcRounds, u64);
          out.fixed(v.aggregateSignature.toArray());
        }

        @Override
        public TimeoutCert read(Reader in) {
          long epoch = in.u64("TimeoutCert epoch");
          long round = in.u64("TimeoutCert round");
          SignerSet signers = SignerSet.CODEC.read(in);
          List<Long> rounds = in.list("TimeoutCert highQcRounds", SignerSet.MAX_VALIDATORS, u64);
          if (rounds.size() != signers.size()) {
            throw new CodecException.NonCanonical(
                "TimeoutCert has " + rounds.size() + " rounds for " + signers.size() + " signers");
          }
          return new TimeoutCert(
              epoch,
              round,
              signers,
              rounds,
              Bytes.of(in.fixed("TimeoutCert signature", Vote.BLS_SIGNATURE_BYTES)));
        }
      };

  public TimeoutCert {
    highQcRounds = List.copyOf(highQcRounds);
    if (highQcRounds.size() != signers.size()) {
      throw new IllegalArgumentException("one highQcRound per signer");
    }
    Canonical.requireLength(aggregateSignature, Vote.BLS_SIGNATURE_BYTES, "TC signature");
  }

  /** The highest QC round any signer reported. */
  public long maxHighQcRound() {
    return highQcRounds.stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
