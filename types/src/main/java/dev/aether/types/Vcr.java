package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.Optional;

/**
 * A Verifiable Compute Receipt, with exactly the brief's fields: the provider's claim that running
 * model {@code modelHash} with engine {@code codeHash} on input {@code inputHash} and {@code seed}
 * for job {@code jobId} produced {@code outputHash}, attested by {@code teeQuote}, optionally
 * committing to its execution trace ({@code kzgCommit}) with {@code openings}, and signed ({@code
 * sig}, Ed25519 over {@link #signingBytes()}).
 */
public record Vcr(
    H256 jobId,
    Address provider,
    H256 inputHash,
    H256 modelHash,
    H256 codeHash,
    long seed,
    H256 outputHash,
    Bytes teeQuote,
    Optional<Bytes> kzgCommit,
    Optional<List<Opening>> openings,
    Bytes sig) {
  public static final int VERSION = 1;
  public static final int MAX_QUOTE = 16 * 1024;
  public static final int MAX_OPENINGS = 256;
  private static final Codec<Bytes> QUOTE = Bytes.codec("Vcr teeQuote", MAX_QUOTE);
  private static final Codec<Bytes> COMMIT =
      new Codec<>() {
        @Override
        public void write(Bytes v, Writer out) {
          out.fixed(v.toArray());
        }

        @Override
        public Bytes read(Reader in) {
          return Bytes.of(in.fixed("Vcr kzgCommit", 48));
        }
      };
  private static final Codec<List<Opening>> OPENINGS =
      new Codec<>() {
        @Override
        public void write(List<Opening> v, Writer out) {
          out.list(v, Opening.CODEC);
        }

        @Override
        public List<Opening> read(Reader in) {
          return Canonical.decodedAscending(
              in.list("Vcr openings", MAX_OPENINGS, Opening.CODEC), "Vcr openings");
        }
      };

  public static final Codec<Vcr> CODEC =
      new Codec<>() {
        @Override
        public void write(Vcr v, Writer out) {
          writeUnsigned(v, out);
          out.fixed(v.sig.toArray());
        }

        @Override
        public Vcr read(Reader in) {
          Canonical.version(in.u8("Vcr version"), VERSION, "Vcr");
          H256 job = H256.CODEC.read(in);
          Address provider = Address.CODEC.read(in);
          H256 input = H256.CODEC.read(in);
          H256 model = H256.CODEC.read(in);
          H256 code = H256.CODEC.read(in);
          long seed = in.u64("Vcr seed");
          H256 output = H256.CODEC.read(in);
          Bytes quote = QUOTE.read(in);
          Optional<Bytes> commit = in.optional("Vcr kzgCommit", COMMIT);
          Optional<List<Opening>> openings = in.optional("Vcr openings", OPENINGS);
          if (openings.isPresent() && commit.isEmpty()) {
            throw new CodecException.NonCanonical("Vcr openings without a kzgCommit");
          }
          Bytes sig = Bytes.of(in.fixed("Vcr sig", 64));
          return new Vcr(
              job, provider, input, model, code, seed, output, quote, commit, openings, sig);
        }
      };

  public Vcr {
    java.util.Objects.requireNonNull(jobId, "jobId");
    java.util.Objects.requireNonNull(provider, "provider");
    java.util.Objects.requireNonNull(inputHash, "inputHash");
    java.util.Objects.requireNonNull(modelHash, "modelHash");
    java.util.Objects.requireNonNull(codeHash, "codeHash");
    java.util.Objects.requireNonNull(outputHash, "outputHash");
    if (teeQuote.length() > MAX_QUOTE) {
      throw new IllegalArgumentException("tee quote over " + MAX_QUOTE + " bytes");
    }
    kzgCommit.ifPresent(c -> Canonical.requireLength(c, 48, "kzg commitment"));
    openings = openings.map(o -> Canonical.requireAscending(o, "openings"));
    if (openings.isPresent() && kzgCommit.isEmpty()) {
      throw new IllegalArgumentException("openings need a kzg commitment");
    }
    openings.ifPresent(
        o -> {
          if (o.size() > MAX_OPENINGS) {
            throw new IllegalArgumentException("at most " + MAX_OPENINGS + " openings");
          }
        });
    Canonical.requireLength(sig, 64, "vcr signature");
  }

  private static void writeUnsigned(Vcr v, Writer out) {
    out.u8(VERSION);
    H256.CODEC.write(v.jobId, out);
    Address.CODEC.write(v.provider, out);
    H256.CODEC.write(v.inputHash, out);
    H256.CODEC.write(v.modelHash, out);
    H256.CODEC.write(v.codeHash, out);
    out.u64(v.seed);
    H256.CODEC.write(v.outputHash, out);
    QUOTE.write(v.teeQuote, out);
    out.optional(v.kzgCommit, COMMIT);
    out.optional(v.openings, OPENINGS);
  }

  /**
   * What the provider signs: {@code "aether/vcr/v1" || 0x00 || encode(vcr without sig)}. The
   * signature is the last 64 bytes of the encoding, so this is the encoding minus them.
   */
  public byte[] signingBytes() {
    Writer w = new Writer(512);
    w.fixed("aether/vcr/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).u8(0);
    writeUnsigned(this, w);
    return w.toByteArray();
  }

  /** A copy carrying {@code signature}, for the provider to fill in after signing. */
  public Vcr withSig(Bytes signature) {
    return new Vcr(
        jobId,
        provider,
        inputHash,
        modelHash,
        codeHash,
        seed,
        outputHash,
        teeQuote,
        kzgCommit,
        openings,
        signature);
  }
}
