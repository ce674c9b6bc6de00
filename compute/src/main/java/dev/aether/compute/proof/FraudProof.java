package dev.aether.compute.proof;

import dev.aether.compute.model.ModelHeader;
import dev.aether.types.H256;
import dev.aether.types.Opening;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * The one-round fraud proof: "step {@code step} of job {@code jobId}'s committed trace is not what
 * its operator computes from the committed inputs". A challenger who re-ran the job names the first
 * step whose leaf differs from the provider's published one; then all of that step's inputs are
 * outputs of earlier, agreeing steps, which the challenger holds.
 *
 * @param jobId the challenged job
 * @param header the model header (must hash, with {@code weightsRoot}, to the job's model)
 * @param weightsRoot the model's weights root
 * @param step the challenged step, {@code 1 ≤ step < n}
 * @param stepOpening the opening of the step's leaf against the receipt's commitment
 * @param inputOpenings the openings of the leaves of the step's inputs, in operand order
 * @param evidence the input tensors and the operator's weight slices
 */
public record FraudProof(
    H256 jobId,
    ModelHeader header,
    H256 weightsRoot,
    int step,
    Opening stepOpening,
    List<Opening> inputOpenings,
    StepEvidence evidence) {

  private static final int VERSION = 1;

  /** The canonical codec. */
  public static final Codec<FraudProof> CODEC =
      new Codec<>() {
        @Override
        public void write(FraudProof v, Writer out) {
          out.u8(VERSION);
          H256.CODEC.write(v.jobId, out);
          ModelHeader.CODEC.write(v.header, out);
          H256.CODEC.write(v.weightsRoot, out);
          out.u32(v.step);
          Opening.CODEC.write(v.stepOpening, out);
          out.list(v.inputOpenings, Opening.CODEC);
          StepEvidence.CODEC.write(v.evidence, out);
        }

        @Override
        public FraudProof read(Reader in) {
          int version = in.u8("FraudProof version");
          if (version != VERSION) {
            throw new CodecException.NonCanonical("FraudProof version " + version);
          }
          H256 job = H256.CODEC.read(in);
          ModelHeader header = ModelHeader.CODEC.read(in);
          H256 root = H256.CODEC.read(in);
          long step = in.u32("FraudProof step");
          if (step >= VcrSubmission.MAX_LEAVES) {
            throw new CodecException.LengthOverLimit(
                "FraudProof step", step, VcrSubmission.MAX_LEAVES - 1L);
          }
          return new FraudProof(
              job,
              header,
              root,
              (int) step,
              Opening.CODEC.read(in),
              in.list("FraudProof inputOpenings", StepEvidence.MAX_INPUTS, Opening.CODEC),
              StepEvidence.CODEC.read(in));
        }
      };

  /** Copies the list. */
  public FraudProof {
    inputOpenings = List.copyOf(inputOpenings);
  }

  /** The canonical bytes. */
  public byte[] encode() {
    return CODEC.encode(this);
  }
}
