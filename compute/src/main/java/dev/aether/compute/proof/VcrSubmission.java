package dev.aether.compute.proof;

import dev.aether.compute.model.ModelHeader;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Vcr;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * A receipt as a provider publishes it — the argument of the job-escrow program's {@code
 * submitVCR}, and what {@code vcr.json} holds besides the receipt's own fields.
 *
 * <ul>
 *   <li>{@code vcr}: the signed Verifiable Compute Receipt (the brief's fields);
 *   <li>{@code header}, {@code weightsRoot}: the model, which must hash to {@code vcr.modelHash}
 *       ({@code ModelCommitment}); the chain derives the program, the trace length and the J-units
 *       from the header;
 *   <li>{@code leaves}: the per-step trace hashes (step {@code i}'s leaf, see docs/ai-mesh.md §3),
 *       exactly one per step; {@code dataProof} shows they are the vector {@code vcr.kzgCommit}
 *       commits to, so anyone who re-runs the job can find the first step where it differs and open
 *       it against the commitment;
 *   <li>{@code lastStep}: the inputs (and weights) of the last step, which the verifier
 *       re-executes, so a falsified final output never passes;
 *   <li>{@code collateral}: certificate files beside the TEE evidence (the SEV-SNP VCEK), empty for
 *       TDX quotes (they carry their chain) and development quotes.
 * </ul>
 */
public record VcrSubmission(
    Vcr vcr,
    ModelHeader header,
    H256 weightsRoot,
    List<H256> leaves,
    Bytes dataProof,
    StepEvidence lastStep,
    List<Bytes> collateral) {

  /** Most steps a published trace may have (the commitment's capacity). */
  public static final int MAX_LEAVES = 4096;

  /** Most collateral files. */
  public static final int MAX_COLLATERAL = 4;

  private static final int VERSION = 1;
  private static final Codec<Bytes> DATA_PROOF = Bytes.codec("VcrSubmission dataProof", 64);
  private static final Codec<Bytes> FILE = Bytes.codec("VcrSubmission collateral", 16 * 1024);

  /** The canonical codec. */
  public static final Codec<VcrSubmission> CODEC =
      new Codec<>() {
        @Override
        public void write(VcrSubmission v, Writer out) {
          out.u8(VERSION);
          Vcr.CODEC.write(v.vcr, out);
          ModelHeader.CODEC.write(v.header, out);
          H256.CODEC.write(v.weightsRoot, out);
          out.list(v.leaves, H256.CODEC);
          DATA_PROOF.write(v.dataProof, out);
          StepEvidence.CODEC.write(v.lastStep, out);
          out.list(v.collateral, FILE);
        }

        @Override
        public VcrSubmission read(Reader in) {
          int version = in.u8("VcrSubmission version");
          if (version != VERSION) {
            throw new dev.aether.types.codec.CodecException.NonCanonical(
                "VcrSubmission version " + version);
          }
          return new VcrSubmission(
              Vcr.CODEC.read(in),
              ModelHeader.CODEC.read(in),
              H256.CODEC.read(in),
              in.list("VcrSubmission leaves", MAX_LEAVES, H256.CODEC),
              DATA_PROOF.read(in),
              StepEvidence.CODEC.read(in),
              in.list("VcrSubmission collateral", MAX_COLLATERAL, FILE));
        }
      };

  /** Copies the lists. */
  public VcrSubmission {
    leaves = List.copyOf(leaves);
    collateral = List.copyOf(collateral);
  }

  /** The canonical bytes. */
  public byte[] encode() {
    return CODEC.encode(this);
  }
}
