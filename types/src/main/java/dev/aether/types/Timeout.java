package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Optional;

/**
 * A validator gives up on {@code round} of consensus epoch {@code epoch}. It signs {@link
 * #signingBytes(long, long, long)} with its BLS key and carries its highest QC so the next leader
 * can extend the safest block. The QC is of the same epoch, or — at the start of an epoch — the
 * previous epoch's QC on the block the epoch starts from. When that QC is not of the previous
 * round, it also carries {@code lastTc}, the timeout certificate of the previous round that let it
 * enter {@code round} (Jolteon's sync info): a validator that missed that certificate catches up
 * from any such timeout. {@code lastTc} is not signed by the voter; it carries its own aggregate
 * signature.
 */
public record Timeout(
    long epoch,
    long round,
    QuorumCert highQc,
    Optional<TimeoutCert> lastTc,
    int voter,
    Bytes signature) {
  public static final Codec<Timeout> CODEC =
      new Codec<>() {
        @Override
        public void write(Timeout v, Writer out) {
          out.u64(v.epoch);
          out.u64(v.round);
          QuorumCert.CODEC.write(v.highQc, out);
          out.optional(v.lastTc, TimeoutCert.CODEC);
          out.u16(v.voter);
          out.fixed(v.signature.toArray());
        }

        @Override
        public Timeout read(Reader in) {
          return new Timeout(
              in.u64("Timeout epoch"),
              in.u64("Timeout round"),
              QuorumCert.CODEC.read(in),
              in.optional("Timeout lastTc", TimeoutCert.CODEC),
              Vote.voterIndex(in.u16("Timeout voter")),
              Bytes.of(in.fixed("Timeout signature", Vote.BLS_SIGNATURE_BYTES)));
        }
      };

  public Timeout {
    java.util.Objects.requireNonNull(highQc, "highQc");
    java.util.Objects.requireNonNull(lastTc, "lastTc");
    Vote.voterIndex(voter);
    Canonical.requireLength(signature, Vote.BLS_SIGNATURE_BYTES, "timeout signature");
  }

  /** A timeout whose QC is of the previous round (no certificate of its own to carry). */
  public Timeout(long epoch, long round, QuorumCert highQc, int voter, Bytes signature) {
    this(epoch, round, highQc, Optional.empty(), voter, signature);
  }

  /** {@code "aether/timeout/v2" || 0x00 || u64 epoch || u64 round || u64 highQcRound}. */
  public static byte[] signingBytes(long epoch, long round, long highQcRound) {
    return new Writer(56)
        .fixed("aether/timeout/v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .u8(0)
        .u64(epoch)
        .u64(round)
        .u64(highQcRound)
        .toByteArray();
  }
}
